import { MEASURES } from '../measures.ts';
import { parseMonth } from './months.ts';
import type { Field, LeadTimeUnit, SheetCell } from './types.ts';

/**
 * Names as people write them, compared after `normalised`: `Item-Code`, `ITEM CODE` and
 * `item_code:` are one name.
 */
const FIELD_NAMES = new Map<string, Field>();
const add = (field: Field, names: string[]) => names.forEach((n) => FIELD_NAMES.set(n, field));
add('sku', [
	'sku',
	'sku code',
	'sku id',
	'item code',
	'item id',
	'item number',
	'item no',
	'article',
	'article code',
	'article number',
	'article no',
	'material',
	'material number',
	'material no',
	'product code',
	'product id',
	'product number',
	'part number',
	'part no',
	'part'
]);
add('family', [
	'family',
	'product family',
	'family name',
	'product group',
	'group',
	'category',
	'product category'
]);
add('name', [
	'name',
	'item',
	'item name',
	'description',
	'item description',
	'product name',
	'product description',
	'article name',
	'material description'
]);
add('month', ['month', 'period', 'date', 'year month', 'month year']);
add('measure', ['measure', 'measure name', 'key figure', 'kpi', 'metric']);
add('value', ['value', 'quantity', 'qty', 'amount', 'volume', 'units']);
add('price', ['unit price', 'price', 'selling price', 'sales price', 'list price']);
add('cost', ['unit cost', 'cost', 'standard cost', 'cost price']);
add('opening', [
	'opening stock',
	'opening inventory',
	'on hand',
	'stock on hand',
	'stock',
	'inventory on hand',
	'current stock',
	'initial stock'
]);
add('safety', ['safety stock', 'safety stock target', 'safety']);

const LEAD_TIME = /^(?:lead time|leadtime|lt)(?: in)?(?: (days?|d|weeks?|wks?|w))?$/;

/** Measure names beyond each measure's id and label (which are known as they are). */
const MEASURE_SYNONYMS: Record<string, string> = {
	'statistical forecast': 'baseline',
	'stat forecast': 'baseline',
	'baseline forecast': 'baseline',
	actuals: 'actual',
	sales: 'actual',
	'sales history': 'actual',
	'demand forecast': 'forecast',
	marketing: 'marketing',
	consensus: 'consensus',
	'consensus forecast': 'consensus',
	production: 'production',
	'planned production': 'production',
	receipts: 'receipts',
	purchases: 'receipts',
	'opening stock': 'opening',
	opening: 'opening',
	'on hand': 'opening',
	'safety stock': 'safety',
	safety: 'safety',
	'unit price': 'price',
	cost: 'cost',
	budget: 'budget',
	supply: 'gap',
	utilisation: 'utilisation',
	utilization: 'utilisation',
	'capacity utilization': 'utilisation',
	inventory: 'inventory',
	'closing stock': 'inventory',
	cover: 'cover',
	margin: 'margin',
	'vs budget': 'vsBudget'
};

/**
 * Lower case, each run of anything but letters, digits and `%` one space: header and measure names
 * compare equal however they are punctuated.
 */
const SEPARATORS = /[^\p{L}\p{N}%]+/gu;
export function normalised(text: string): string {
	return text.toLowerCase().replace(SEPARATORS, ' ').trim();
}

const MEASURE_NAMES = new Map<string, string>();
for (const m of MEASURES) {
	MEASURE_NAMES.set(normalised(m.id), m.id);
	MEASURE_NAMES.set(normalised(m.label), m.id);
}
for (const [name, id] of Object.entries(MEASURE_SYNONYMS)) MEASURE_NAMES.set(name, id);

/**
 * The id of the measure a text names (an input or a derived measure, so that a caller can say
 * "computed, skipped" rather than "unknown"), or null.
 */
export function measureFromText(text: string): string | null {
	return MEASURE_NAMES.get(normalised(text)) ?? null;
}

export type RecognisedColumn =
	{ field: Field; leadTimeUnit?: LeadTimeUnit } | { month: string } | { measure: string } | null;

/** What a header cell names: a field (with the unit of a lead time), a month, a measure, or nothing. */
export function recogniseColumn(header: string): RecognisedColumn {
	const name = normalised(header);
	if (!name) return null;
	const field = FIELD_NAMES.get(name);
	if (field) return { field };
	const lead = LEAD_TIME.exec(name);
	if (lead) return { field: 'leadTime', leadTimeUnit: lead[1]?.startsWith('w') ? 'weeks' : 'days' };
	const month = parseMonth(header);
	if (month) return { month };
	const measure = measureFromText(name);
	return measure ? { measure } : null;
}

/** A cell as trimmed text ('' when empty). */
export function cellText(cell: SheetCell | undefined): string {
	return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** How a problem names a column: its header text, or its letter (A, B, …, AA) when it has none. */
export function columnName(header: readonly SheetCell[], column: number): string {
	const text = cellText(header[column]);
	if (text) return text;
	let letters = '';
	for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

/** How messages name each field. */
export const FIELD_LABELS: Record<Field, string> = {
	family: 'family',
	sku: 'SKU',
	name: 'item name',
	month: 'month',
	measure: 'measure',
	value: 'value',
	price: 'unit price',
	cost: 'unit cost',
	opening: 'opening stock',
	safety: 'safety stock',
	leadTime: 'lead time'
};
