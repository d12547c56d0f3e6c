import { describe, expect, it } from 'vitest';
import {
	metaDocument,
	parseDocument,
	scenarioDocument,
	scenarioLedgerDocument,
	stepDocument
} from './documents';

describe('document names', () => {
	it('round-trips step and meta documents', () => {
		expect(parseDocument(stepDocument('abc123', 2))).toEqual({
			kind: 'step',
			planId: 'abc123',
			step: 2
		});
		expect(parseDocument(metaDocument('abc123'))).toEqual({ kind: 'meta', planId: 'abc123' });
		expect(parseDocument(scenarioDocument('abc123', 's9'))).toEqual({
			kind: 'scenario',
			planId: 'abc123',
			scenarioId: 's9'
		});
	});

	it.each([
		'',
		'plan',
		'plan/abc',
		'plan/abc/step/0',
		'plan/abc/step/5',
		'plan/abc/step/1/extra',
		'plan/ABC/step/1',
		'plan/../step/1',
		'plan/abc/steps/1',
		'other/abc/meta',
		'plan/abc/scenario',
		'plan/abc/scenario/',
		'plan/abc/scenario/S1',
		'plan/abc/scenario/s1/x',
		scenarioLedgerDocument('abc', 's1'),
		`plan/abc/scenario/${'a'.repeat(41)}`,
		`plan/${'a'.repeat(41)}/meta`
	])('refuses %j', (name) => {
		expect(parseDocument(name)).toBeNull();
	});
});
