import { describe, expect, it } from 'vitest';
import { ndjsonLines } from './ndjson-lines.ts';

function streamed(...chunks: string[]): Response {
	const encoder = new TextEncoder();
	return new Response(
		new ReadableStream<Uint8Array>({
			start(controller) {
				for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
				controller.close();
			}
		})
	);
}

describe('ndjsonLines', () => {
	it('yields each line once complete, across chunk boundaries, and a last line without newline', async () => {
		const lines = [];
		for await (const line of ndjsonLines(streamed('{"a":1}\n{"b"', ':2}\n\n', '{"c":3}'))) {
			lines.push(line);
		}
		expect(lines).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
	});
});
