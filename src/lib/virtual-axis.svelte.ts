import { untrack } from 'svelte';
import { fromStore, get } from 'svelte/store';
import { createVirtualizer } from '@tanstack/svelte-virtual';
import { assignSlots, drawOrder, NO_SLOTS, type DrawOrder } from './domain/grid-slots.ts';
import { firstOf, indicesOf, lastOf, windowOf } from './domain/grid-window.ts';
import { observeScroll } from './scroll-offsets.ts';

export interface VirtualAxisOptions {
	/** How many rows (or columns) there are; read reactively. */
	count: () => number;
	/** The element that scrolls; read reactively. */
	scrollElement: () => HTMLElement | undefined;
	/** Every row (column) has this height (width) in pixels. */
	size: number;
	/** Drawn beyond each edge: every one drawn is laid out again on each scroll frame. */
	overscan: number;
	horizontal?: boolean;
	/** Pixels before the first item that are not items (pinned columns). */
	paddingStart?: number;
	/**
	 * The element's size (height, or width) to draw for until it is measured: a page rendered on
	 * the server draws this much, and its first render in the browser draws the same, so it hydrates
	 * as it is. Without it nothing is drawn before the element is measured.
	 */
	initialSize?: number;
	/**
	 * Read when scrolling ends: true keeps the drawn elements where they stand in the DOM instead
	 * of putting them back in reading order (moving an element blurs what has focus inside it).
	 */
	keepPlaces?: () => boolean;
}

export interface VirtualAxis {
	/** The indices to draw, first to last. */
	readonly indices: number[];
	/** Pixels to leave empty before and after the drawn items. */
	readonly padStart: number;
	readonly padEnd: number;
	/** How far the element is scrolled along this axis, in pixels (read without a layout). */
	readonly offset: number;
	/**
	 * The indices in the order to put them in the DOM: while the list scrolls each keeps its
	 * element's place, and those from `laterFrom` on need CSS `order` to show after the rest.
	 */
	readonly drawOrder: Omit<DrawOrder, 'slots'>;
	/** The drawn slot that shows an index: key a list by it to re-use what scrolled away. */
	slotOf(index: number): number;
	scrollToIndex(index: number, align: 'auto' | 'center'): void;
}

/**
 * One virtualised axis of fixed-size items (a table's rows or months) for a component: only what
 * is on screen is drawn. Call during component initialisation.
 */
export function virtualAxis(options: VirtualAxisOptions): VirtualAxis {
	const horizontal = options.horizontal ?? false;
	const initialSize = options.initialSize ?? 0;
	const virtualizer = createVirtualizer<HTMLElement, HTMLElement>({
		count: initialSize > 0 ? untrack(options.count) : 0,
		initialRect: { width: initialSize, height: initialSize },
		horizontal,
		getScrollElement: () => options.scrollElement() ?? null,
		estimateSize: () => options.size,
		paddingStart: options.paddingStart ?? 0,
		overscan: options.overscan,
		observeElementOffset: (instance, notify) =>
			instance.scrollElement
				? observeScroll(instance.scrollElement, (top, left, scrolling) =>
						notify(horizontal ? left : top, scrolling)
					)
				: undefined
	});
	// Only a new count (or scroll element) re-configures the virtualizer; reading its store here
	// would re-run this on every scroll event and re-measure every item.
	$effect(() => {
		const count = options.count();
		options.scrollElement();
		untrack(() => get(virtualizer).setOptions({ count }));
	});
	const state = fromStore(virtualizer);
	// The store fires on every scroll event; the window as a plain string re-renders only on change.
	const range = $derived(windowOf(state.current.getVirtualItems(), options.count()));
	const indices = $derived(indicesOf(range));
	const padStart = $derived(firstOf(range) * options.size);
	const padEnd = $derived((options.count() - 1 - lastOf(range)) * options.size);
	const offset = $derived(state.current.scrollOffset ?? 0);
	let previousSlots = NO_SLOTS;
	// Each window is assigned from the one before it: the slots are the one state carried over.
	const slots = $derived((previousSlots = assignSlots(previousSlots, indices)));
	const scrolling = $derived(state.current.isScrolling);
	let previousOrder: number[] = [];
	const order = $derived.by(() => {
		const next = drawOrder(previousOrder, slots, scrolling || (options.keepPlaces?.() ?? false));
		previousOrder = next.slots;
		return next;
	});
	return {
		get indices() {
			return indices;
		},
		get padStart() {
			return padStart;
		},
		get padEnd() {
			return padEnd;
		},
		get offset() {
			return offset;
		},
		get drawOrder() {
			return order;
		},
		slotOf(index) {
			return slots.get(index) ?? -1;
		},
		scrollToIndex(index, align) {
			get(virtualizer).scrollToIndex(index, { align });
		}
	};
}
