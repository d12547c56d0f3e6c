import { describe, expect, it } from 'vitest';
import { itemListError, MAX_PLAN_ITEMS, parseItemList } from './item-list';

describe('parseItemList', () => {
	it('groups lines into families in first-seen order, keeping unquoted commas in item names', () => {
		const list = parseItemList('Bikes, B1, Road, 56cm\n\nParts, P1, Chain\nBikes, B2, Gravel');
		expect(list.families).toEqual([
			{
				name: 'Bikes',
				items: [
					{ sku: 'B1', name: 'Road, 56cm' },
					{ sku: 'B2', name: 'Gravel' }
				]
			},
			{ name: 'Parts', items: [{ sku: 'P1', name: 'Chain' }] }
		]);
		expect(list).toMatchObject({ itemCount: 3, headerLine: null, delimiter: ',', problems: [] });
		expect(itemListError(list)).toBeNull();
	});

	it('reads a header row as column names, in any order and case, and never as an item', () => {
		const list = parseItemList('Item Name;FAMILY;sku\nAero 56;Road bikes;RB-1\nHelmet;Parts;AC-1');
		expect(list.headerLine).toBe(1);
		expect(list.delimiter).toBe(';');
		expect(list.families).toEqual([
			{ name: 'Road bikes', items: [{ sku: 'RB-1', name: 'Aero 56' }] },
			{ name: 'Parts', items: [{ sku: 'AC-1', name: 'Helmet' }] }
		]);
		expect(parseItemList('Family,SKU,Name\nA,1,x').families).toEqual([
			{ name: 'A', items: [{ sku: '1', name: 'x' }] }
		]);
	});

	it('ignores columns it does not know and says which ones a header lacks', () => {
		const extra = parseItemList('SKU,Price,Family,Item name\nB1,12.50,Bikes,Road');
		expect(extra.families).toEqual([{ name: 'Bikes', items: [{ sku: 'B1', name: 'Road' }] }]);
		const lacking = parseItemList('Family,SKU,Description\nBikes,B1,Road');
		expect(lacking.itemCount).toBe(0);
		expect(itemListError(lacking)).toBe('Line 1: the column names lack item name');
	});

	it('removes CSV quotes, keeping the separators and doubled quotes inside them', () => {
		const list = parseItemList(
			'Family,SKU,Item name\nRoad bikes,RB-2,"Aero 58, red"\n"Parts","AC-1","Helmet ""Pro"""'
		);
		expect(list.families).toEqual([
			{ name: 'Road bikes', items: [{ sku: 'RB-2', name: 'Aero 58, red' }] },
			{ name: 'Parts', items: [{ sku: 'AC-1', name: 'Helmet "Pro"' }] }
		]);
	});

	it('reads quotes after the spaces people type behind a separator', () => {
		const list = parseItemList(
			'Road bikes, RB-2, "Aero 58, red" \nParts,  "AC-1", "Bell ""Ding"", brass"\nParts, AC-2, 12" wheel'
		);
		expect(list.families).toEqual([
			{ name: 'Road bikes', items: [{ sku: 'RB-2', name: 'Aero 58, red' }] },
			{
				name: 'Parts',
				items: [
					{ sku: 'AC-1', name: 'Bell "Ding", brass' },
					{ sku: 'AC-2', name: '12" wheel' }
				]
			}
		]);
	});

	it('detects tab and semicolon separators', () => {
		const tabs = parseItemList('Family\tSKU\tItem name\nBikes\tB1\tRoad, red; 56');
		expect(tabs.delimiter).toBe('\t');
		expect(tabs.families[0].items).toEqual([{ sku: 'B1', name: 'Road, red; 56' }]);
		const semicolons = parseItemList('Bikes; B1; Aero 58, red\nBikes; B2; Aero 60, blue');
		expect(semicolons.delimiter).toBe(';');
		expect(semicolons.families[0].items.map((i) => i.name)).toEqual([
			'Aero 58, red',
			'Aero 60, blue'
		]);
	});

	it('ignores a byte-order mark, Windows line ends and blank lines, and counts lines as typed', () => {
		const list = parseItemList(
			'\uFEFFFamily,SKU,Item name\r\n\r\nBikes,B1,Road\r\n  \r\nBikes,b1,Twin\r\n'
		);
		expect(list.headerLine).toBe(1);
		expect(list.itemCount).toBe(1);
		expect(list.problems).toEqual([{ line: 5, message: 'SKU b1 appears twice (first on line 3)' }]);
	});

	it('reports each line with missing fields, and counts a quoted line break as a line', () => {
		const list = parseItemList(
			'Bikes, B1, Road\nBikes only\n, B2, Gravel\nParts,,\n"Long\nname",P9,x\n,P10,y'
		);
		expect(list.problems).toEqual([
			{ line: 2, message: 'write "Family, SKU, Item name"' },
			{ line: 3, message: 'the family is missing' },
			{ line: 4, message: 'the SKU and item name are missing' },
			// A line break inside a name is no part of a name; the line after it is line 7.
			{ line: 5, message: 'remove the control characters (such as NUL or tab)' },
			{ line: 7, message: 'the family is missing' }
		]);
		expect(list.families.map((f) => f.name)).toEqual(['Bikes']);
		expect(parseItemList('Family,SKU,Item name\nBikes,B1\n').problems).toEqual([
			{ line: 2, message: 'the item name is missing' }
		]);
	});

	it('refuses names that are too long, an empty list and more items than a plan holds', () => {
		expect(itemListError(parseItemList(`Bikes, B1, ${'x'.repeat(121)}`))).toBe(
			'Line 1: the item name is longer than 120 characters'
		);
		expect(itemListError(parseItemList('\n  \n'))).toBe(
			'Add at least one item: "Family, SKU, Item name"'
		);
		expect(itemListError(parseItemList('Family,SKU,Item name\n'))).toBe(
			'Add at least one item: "Family, SKU, Item name"'
		);
		const lines = Array.from({ length: MAX_PLAN_ITEMS + 1 }, (_, i) => `F, S${i}, Item`);
		expect(itemListError(parseItemList(lines.join('\n')))).toBe(
			`A plan holds at most ${MAX_PLAN_ITEMS} items; this list has ${MAX_PLAN_ITEMS + 1}`
		);
	});

	it('shows the first five problems in one line, and how many more there are', () => {
		const bad = Array.from({ length: 7 }, () => 'oops').join('\n');
		expect(itemListError(parseItemList(bad))).toBe(
			[1, 2, 3, 4, 5].map((n) => `Line ${n}: write "Family, SKU, Item name"`).join('; ') +
				'; and 2 more'
		);
	});
});
