/**
 * How routes answer with a service's result: a refusal (see refusal.ts) becomes its status and
 * message, anything else unexpected stays an error.
 */
import { fail, json } from '@sveltejs/kit';
import { isRefusal } from './refusal.ts';

/** A JSON endpoint's answer: the service's value, or `{ error }` with the refusal's status. */
export async function jsonAnswer<T>(work: () => Promise<T>, status = 200): Promise<Response> {
	try {
		return json(await work(), { status });
	} catch (error) {
		if (isRefusal(error)) return json({ error: error.message }, { status: error.status });
		throw error;
	}
}

/** A form action's answer: the service's value, or the form's `error` with the refusal's status. */
export async function formAnswer<T>(work: () => Promise<T>) {
	try {
		return await work();
	} catch (error) {
		if (isRefusal(error)) return fail(error.status, { error: error.message });
		throw error;
	}
}
