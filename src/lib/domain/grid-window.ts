/**
 * The rendered window of a virtualised list as a plain "first-last" string. The virtualizer stores
 * fire on every scroll event; a window that did not change compares equal and re-renders nothing.
 * Items past `count` are left out: the virtualizer learns a new count only after the next render.
 */
export function windowOf(items: readonly { index: number }[], count: number): string {
	const inside = items.filter((v) => v.index < count);
	return inside.length ? `${inside[0].index}-${inside[inside.length - 1].index}` : '';
}

export const firstOf = (range: string) => (range ? Number(range.split('-')[0]) : 0);
export const lastOf = (range: string) => (range ? Number(range.split('-')[1]) : -1);

export function indicesOf(range: string): number[] {
	return range
		? Array.from({ length: lastOf(range) - firstOf(range) + 1 }, (_, i) => firstOf(range) + i)
		: [];
}
