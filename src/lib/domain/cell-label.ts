import { formatValue } from './format.ts';
import { measure, parseCellKey } from './measures.ts';
import { periodLabel } from './periods.ts';

/** Families' and items' names by id, as a cell's row is named to people. */
export function rowNames(
	families: readonly { id: string; name: string }[],
	items: readonly { id: string; sku: string; name: string }[],
	/** Marks families "(family)", where a list mixes rows with nothing else to tell them apart. */
	{ markFamilies = false } = {}
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of families) out[f.id] = markFamilies ? `${f.name} (family)` : f.name;
	for (const i of items) out[i.id] = `${i.sku} ${i.name}`;
	return out;
}

/** A cell named for people: row · measure · month. */
export function cellLabel(key: string, names: Readonly<Record<string, string>>): string {
	const parsed = parseCellKey(key);
	if (!parsed) return key;
	const m = measure(parsed.measureId);
	return `${names[parsed.ownerId] ?? 'a removed row'} · ${m?.label ?? parsed.measureId} · ${periodLabel(parsed.period)}`;
}

/** A cell's value in its measure's format (in the reader's locale); null is an empty cell. */
export function cellValueText(key: string, value: number | null, locale?: string): string {
	const m = measure(parseCellKey(key)?.measureId ?? '');
	return value === null ? 'empty' : m ? formatValue(value, m.format, locale) : String(value);
}
