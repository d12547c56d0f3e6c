import { describe, expect, it } from 'vitest';
import { safeNext } from './redirects';

describe('safeNext', () => {
	it('keeps a same-site path with its query and fragment', () => {
		expect(safeNext('/plans/abc?step=2#grid')).toBe('/plans/abc?step=2#grid');
		expect(safeNext('/invite/tok')).toBe('/invite/tok');
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'\t//evil.example',
		'/.//evil.example',
		'/%2e//evil.example',
		'javascript:alert(1)'
	])('sends %j home instead of off the site', (next) => {
		expect(safeNext(next)).toBe('/');
	});
});
