import { describe, expect, it } from 'vitest';
import { cellKey, INPUT_MEASURES, MEASURES, parseCellKey } from './measures';

describe('measures', () => {
	it('gives every measure a unique id, and every input a step that holds cells', () => {
		expect(new Set(MEASURES.map((m) => m.id)).size).toBe(MEASURES.length);
		expect(INPUT_MEASURES.every((m) => [1, 2, 3].includes(m.step))).toBe(true);
	});

	it('round-trips cell keys and refuses malformed ones', () => {
		expect(parseCellKey(cellKey('it1', '2027-01', 'forecast'))).toEqual({
			ownerId: 'it1',
			period: '2027-01',
			measureId: 'forecast'
		});
		expect(parseCellKey('a:b')).toBeNull();
		expect(parseCellKey('a:b:c:d')).toBeNull();
	});
});
