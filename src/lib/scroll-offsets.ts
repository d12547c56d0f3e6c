/** Told an element's scroll offsets, and whether it is still scrolling. */
export type ScrollListener = (top: number, left: number, scrolling: boolean) => void;

/** After this long without a scroll event, scrolling has ended (TanStack Virtual's default). */
const SCROLL_END_MS = 150;

interface Hub {
	listeners: Set<ScrollListener>;
	detach: () => void;
}

const hubs = new WeakMap<HTMLElement, Hub>();

function hubOf(element: HTMLElement): Hub {
	const existing = hubs.get(element);
	if (existing) return existing;
	const listeners = new Set<ScrollListener>();
	let endTimer: ReturnType<typeof setTimeout> | undefined;
	const notify = (scrolling: boolean) => {
		const top = element.scrollTop;
		const left = element.scrollLeft;
		for (const listener of listeners) listener(top, left, scrolling);
	};
	const onScroll = () => {
		clearTimeout(endTimer);
		endTimer = setTimeout(() => notify(false), SCROLL_END_MS);
		notify(true);
	};
	element.addEventListener('scroll', onScroll, { passive: true });
	const hub: Hub = {
		listeners,
		detach: () => {
			clearTimeout(endTimer);
			element.removeEventListener('scroll', onScroll);
			hubs.delete(element);
		}
	};
	hubs.set(element, hub);
	return hub;
}

/**
 * Calls `listener` with `element`'s scroll offsets on every scroll, and once more when scrolling
 * ends; returns the unsubscribe function. One DOM listener per element reads both offsets before
 * any listener runs. With a DOM listener each, a grid's row and column virtualisers each read an
 * offset after the other's re-render (Svelte flushes in the microtask between DOM listeners),
 * which forces a layout per listener on every scroll frame.
 */
export function observeScroll(element: HTMLElement, listener: ScrollListener): () => void {
	const hub = hubOf(element);
	hub.listeners.add(listener);
	return () => {
		hub.listeners.delete(listener);
		if (hub.listeners.size === 0) hub.detach();
	};
}
