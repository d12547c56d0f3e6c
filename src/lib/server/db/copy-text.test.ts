import { describe, expect, it } from 'vitest';
import { copyText } from './copy-text.ts';

describe('COPY text format', () => {
	it('separates values by tabs and rows by newlines, with \\N for null', () => {
		expect(
			copyText([
				['a', 1, null],
				['b', 2.5, 'c']
			])
		).toBe('a\t1\t\\N\nb\t2.5\tc\n');
	});

	it('escapes what the format reads as syntax, so the value comes back as written', () => {
		expect(copyText([['tab\there', 'line\nbreak', 'back\\slash', 'cr\rlf']])).toBe(
			'tab\\there\tline\\nbreak\tback\\\\slash\tcr\\rlf\n'
		);
	});

	it('keeps text that only looks special: the word NULL, an empty string, unicode', () => {
		expect(copyText([['NULL', '', 'Müller 東京', '\\N']])).toBe('NULL\t\tMüller 東京\t\\\\N\n');
	});

	it('writes no rows as nothing', () => {
		expect(copyText([])).toBe('');
	});
});
