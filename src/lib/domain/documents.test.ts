import { describe, expect, it } from 'vitest';
import { metaDocument, parseDocument, stepDocument } from './documents';

describe('document names', () => {
	it('round-trips step and meta documents', () => {
		expect(parseDocument(stepDocument('abc123', 2))).toEqual({
			kind: 'step',
			planId: 'abc123',
			step: 2
		});
		expect(parseDocument(metaDocument('abc123'))).toEqual({ kind: 'meta', planId: 'abc123' });
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
		`plan/${'a'.repeat(41)}/meta`
	])('refuses %j', (name) => {
		expect(parseDocument(name)).toBeNull();
	});
});
