/**
 * The one way a service says no: a message for the person and the HTTP status that fits it.
 * Routes turn it into their answer; an expected refusal never becomes a 500.
 */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 503;

export class Refusal extends Error {
	override readonly name = 'Refusal';
	constructor(
		message: string,
		readonly status: RefusalStatus
	) {
		super(message);
	}
}

/**
 * Whether `error` is a Refusal. By shape rather than `instanceof`: the SvelteKit bundle and the
 * collaboration server load this module separately, and a refusal crosses between them.
 */
export function isRefusal(error: unknown): error is Refusal {
	return (
		error instanceof Error &&
		error.name === 'Refusal' &&
		typeof (error as { status?: unknown }).status === 'number'
	);
}
