import { describe, expect, it } from 'vitest';
import { chartScopeWithin, scopeTitle } from './chart-series';
import type { RowScope } from './grid-rows';

const road = { id: 'f1', name: 'Road' };
const city = { id: 'f2', name: 'City' };
const rb1: RowScope = {
	kind: 'item',
	item: { id: 'i1', family_id: 'f1', sku: 'RB-1', name: 'Aero' }
};
const cb1: RowScope = {
	kind: 'item',
	item: { id: 'i2', family_id: 'f2', sku: 'CB-1', name: 'Town' }
};
const whole: RowScope = { kind: 'total' };

describe('chartScopeWithin', () => {
	it('is the selection when nothing is filtered', () => {
		expect(chartScopeWithin(whole, null)).toBe(whole);
		expect(chartScopeWithin(cb1, null)).toBe(cb1);
	});

	it('narrows the whole plan, and a selection elsewhere, to the filtered family', () => {
		const filter = { family: road, itemCount: 3 };
		const roadScope = { kind: 'family', family: road, itemCount: 3 };
		expect(chartScopeWithin(whole, filter)).toEqual(roadScope);
		expect(chartScopeWithin(cb1, filter)).toEqual(roadScope);
		expect(chartScopeWithin({ kind: 'family', family: city, itemCount: 1 }, filter)).toEqual(
			roadScope
		);
		expect(chartScopeWithin(rb1, filter)).toBe(rb1);
	});
});

describe('scopeTitle', () => {
	it('names the plan, the family or the item', () => {
		expect(scopeTitle(whole)).toBe('Whole plan');
		expect(scopeTitle({ kind: 'family', family: road, itemCount: 3 })).toBe('Road');
		expect(scopeTitle(rb1)).toBe('RB-1 Aero');
	});
});
