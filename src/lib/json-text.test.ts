import { describe, expect, it } from 'vitest';
import { jsonText, sentAsJson } from './json-text';

describe('lists sent as JSON text', () => {
	it('encodes a marked list as its JSON and decodes it back to equal records', () => {
		const items = [
			{ id: 'a', sku: 'CB-1', name: 'City "1" </script>' },
			{ id: 'b', sku: 'CB-2', name: 'Città 2' }
		];
		const text = jsonText.encode(sentAsJson(items));
		expect(text).toBe(JSON.stringify(items));
		expect(jsonText.decode(text as string)).toEqual(items);
	});

	it('leaves every other value to SvelteKit: unmarked lists, records, strings, numbers, null', () => {
		for (const value of [[{ id: 'a' }], { id: 'a' }, '[]', 0, null, undefined]) {
			expect(jsonText.encode(value)).toBe(false);
		}
	});
});
