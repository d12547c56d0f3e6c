import { untrack } from 'svelte';

export const UNREACHABLE = 'Could not reach the server. Check the connection and try again.';

/** The message of an error answer, whatever shape it came in. */
export function messageOf(data: unknown, status: number): string {
	const d = data as { message?: unknown; error?: unknown } | null;
	if (typeof d?.error === 'string') return d.error;
	if (typeof d?.message === 'string') return d.message;
	return `The server answered ${status}.`;
}

/** How a resource that only grows is brought up to date by fetching what is new. */
export interface Increments<T> {
	/** The address of what is new since `current` (fetched whole from `url`); null: fetch whole. */
	address(current: T, url: string): string | null;
	/** `current` with `newer` merged in; null when that cannot be done: fetch whole. */
	merge(current: T, newer: T): T | null;
}

/**
 * Server-written state that a plan's browsers show (sign-offs, comments): fetched as JSON now and
 * whenever `revision` moves (the server's notice through the plan's live connection), or only its
 * new part when it has `increments`. Only the newest fetch may land, so a slow old answer never
 * overwrites a newer one.
 */
export class LiveResource<T> {
	current = $state<T | null>(null);
	loadError = $state<string | null>(null);

	private latest = 0;
	private inFlight: AbortController | null = null;
	/** Where `current` was fetched whole from. */
	private wholeFrom: string | null = null;

	/**
	 * Created while a component initialises; stops fetching when it is destroyed. A `url` given as
	 * a function is followed: the resource is fetched again when it changes (null: nothing to fetch).
	 */
	constructor(
		private readonly url: string | (() => string | null),
		revision: () => number,
		initial: T | null = null,
		private readonly increments?: Increments<T>
	) {
		this.current = initial;
		$effect(() => {
			revision();
			const url = this.at();
			untrack(() => void this.refresh(url));
		});
		$effect(() => () => this.inFlight?.abort());
	}

	private at(): string | null {
		return typeof this.url === 'string' ? this.url : this.url();
	}

	async refresh(url = untrack(() => this.at())): Promise<void> {
		const seq = ++this.latest;
		this.inFlight?.abort();
		if (url === null) {
			this.current = null;
			this.wholeFrom = null;
			this.loadError = null;
			return;
		}
		const base = this.current;
		const part =
			base !== null && this.increments && this.wholeFrom === url
				? this.increments.address(base, url)
				: null;
		const controller = (this.inFlight = new AbortController());
		try {
			const res = await fetch(part ?? url, {
				headers: { accept: 'application/json' },
				signal: controller.signal
			});
			const data: unknown = await res.json();
			if (seq !== this.latest) return;
			if (!res.ok) {
				this.loadError = messageOf(data, res.status);
				return;
			}
			this.loadError = null;
			if (part === null) {
				this.current = data as T;
				this.wholeFrom = url;
				return;
			}
			const merged = this.increments!.merge(base!, data as T);
			if (merged) this.current = merged;
			else {
				this.wholeFrom = null;
				await this.refresh(url);
			}
		} catch {
			// An aborted fetch was replaced by a newer one, which reports for itself.
			if (seq === this.latest) this.loadError = UNREACHABLE;
		}
	}
}
