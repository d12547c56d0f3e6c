import { onMount } from 'svelte';

/**
 * Whether the component's script has started in the browser. A control that submits its form on
 * change does nothing before then (its handler is not attached yet) and is reset once it is, so
 * such controls stay disabled until this turns true: a choice is never silently dropped.
 */
export function hydrated(): { readonly current: boolean } {
	let started = $state(false);
	onMount(() => {
		started = true;
	});
	return {
		get current() {
			return started;
		}
	};
}
