import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson.ts';

describe('readNdjson', () => {
	it('reads every complete line and stops before a line still arriving', () => {
		const text = '{"a":1}\n{"b":2}\n{"c":';
		expect(readNdjson(text, 0)).toEqual({ values: [{ a: 1 }, { b: 2 }], offset: 16 });
	});

	it('goes on from the offset it returned as the text grows, reading each line once', () => {
		let text = '{"progress":1}\n{"prog';
		const first = readNdjson(text, 0);
		text += 'ress":2}\n{"preview":{}}\n';
		const second = readNdjson(text, first.offset);
		expect(first.values).toEqual([{ progress: 1 }]);
		expect(second.values).toEqual([{ progress: 2 }, { preview: {} }]);
		expect(second.offset).toBe(text.length);
		expect(readNdjson(text, second.offset).values).toEqual([]);
	});

	it('reads a last line without its newline once the answer is complete', () => {
		expect(readNdjson('{"a":1}\n{"error":"x","status":400}', 0, true)).toEqual({
			values: [{ a: 1 }, { error: 'x', status: 400 }],
			offset: 34
		});
	});

	it('skips blank lines and carriage returns', () => {
		expect(readNdjson('\n{"a":1}\r\n\n', 0).values).toEqual([{ a: 1 }]);
	});

	it('throws on a line that is not JSON', () => {
		expect(() => readNdjson('<html>\n', 0)).toThrow();
	});
});
