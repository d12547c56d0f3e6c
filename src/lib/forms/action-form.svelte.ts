import type { SubmitFunction } from '@sveltejs/kit';
import { applyAction } from '$app/forms';

/**
 * A small form posted to a SvelteKit action without reloading the page: its button shows progress,
 * a refusal shows the server's message next to it, and success runs `onDone` (e.g. fetch the
 * state the action changed) and clears the form.
 */
export class ActionForm {
	busy = $state(false);
	error = $state<string | null>(null);

	/**
	 * `reset: false` for fields that show server state (checkboxes of a setting): a reset would show
	 * the page's first state until the new one arrives, and leave unchanged fields wrong after.
	 */
	constructor(
		/** Called with what the action answered. */
		private readonly onDone: (data: Record<string, unknown> | undefined) => unknown = () => {},
		private readonly options: { reset: boolean } = { reset: true }
	) {}

	readonly submit: SubmitFunction = () => {
		this.busy = true;
		this.error = null;
		return async ({ result, formElement }) => {
			this.busy = false;
			if (result.type === 'failure') {
				this.error = String(result.data?.error ?? 'The server refused that.');
			} else if (result.type === 'error') {
				this.error = String(
					(result.error as { message?: string })?.message ?? 'Something went wrong.'
				);
			} else if (result.type === 'redirect') {
				await applyAction(result);
			} else {
				if (this.options.reset) formElement.reset();
				await this.onDone(result.data);
			}
		};
	};
}
