import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's submission in progress, so its button can say what is happening; on failure the form
 * keeps what was typed.
 */
export class PendingForm {
	busy = $state(false);

	readonly submit: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			await update({ reset: false });
			this.busy = false;
		};
	};
}
