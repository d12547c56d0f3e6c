import { describe, expect, it } from 'vitest';
import { firstError } from './validation';
import { leverSchema, MAX_MERGE_KEYS, mergeSchema } from './scenario-forms';

const lever = {
	kind: 'percent',
	measure: 'consensus',
	familyId: 'f1',
	itemId: '',
	from: '2027-04',
	to: '2027-06',
	amount: ' 20 ',
	note: ' big customer '
};

const refusal = (schema: typeof leverSchema | typeof mergeSchema, form: object) => {
	const parsed = schema.safeParse(form);
	return parsed.success ? null : firstError(parsed.error);
};

describe('the lever form', () => {
	it('reads a lever, an empty item meaning the whole family', () => {
		expect(leverSchema.parse(lever)).toMatchObject({
			kind: 'percent',
			scope: { familyId: 'f1', itemId: undefined },
			amount: 20,
			note: 'big customer'
		});
		expect(leverSchema.parse({ ...lever, amount: '-1 500' }).amount).toBe(-1500);
	});

	it.each([
		[{ amount: '' }, 'Enter the amount'],
		[{ amount: 'twenty' }, 'Enter the amount as a number, e.g. 20 or -5'],
		[{ kind: 'double' }, 'Choose how the lever changes the numbers'],
		[{ measure: '' }, 'Choose a measure'],
		[{ note: 'x'.repeat(501) }, 'Keep the note under 500 characters']
	])('refuses %j with a message', (over, message) => {
		expect(refusal(leverSchema, { ...lever, ...over })).toBe(message);
	});
});

describe('the merge form', () => {
	it('reads what to merge and how each conflict was settled', () => {
		expect(
			mergeSchema.parse({
				what: 'family',
				familyId: 'f1',
				intent: 'check',
				'resolution:a:2027-01:consensus': 'base',
				'resolution:b:2027-01:consensus': 'scenario',
				'resolution:c:2027-01:consensus': 'neither'
			})
		).toEqual({
			selection: { kind: 'families', familyIds: ['f1'] },
			resolutions: [
				['a:2027-01:consensus', 'base'],
				['b:2027-01:consensus', 'scenario']
			],
			dryRun: true
		});
		expect(mergeSchema.parse({ what: 'cells', keys: '["a:2027-01:consensus"]' }).selection).toEqual(
			{ kind: 'cells', keys: ['a:2027-01:consensus'] }
		);
	});

	it.each([
		[{ what: 'rows' }, 'Choose what to merge'],
		[{ what: 'family' }, 'Choose the family to merge'],
		[{ what: 'cells' }, 'Select the cells to merge in the grid first'],
		[{ what: 'cells', keys: '[]' }, 'Select the cells to merge in the grid first'],
		[{ what: 'cells', keys: '{"a":1}' }, 'Select the cells to merge in the grid first'],
		[
			{
				what: 'cells',
				keys: JSON.stringify(Array.from({ length: MAX_MERGE_KEYS + 1 }, (_, i) => `k${i}`))
			},
			'Select at most 5,000 cells, or merge a family'
		]
	])('refuses %j with a message', (form, message) => {
		expect(refusal(mergeSchema, form)).toBe(message);
	});
});
