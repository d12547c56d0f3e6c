import { readNdjson } from './import/ndjson.ts';

/** The lines of a streamed NDJSON answer, parsed one by one as they arrive (browser and server). */
export async function* ndjsonLines<Line>(response: Response): AsyncGenerator<Line> {
	if (!response.body) return;
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let text = '';
	let offset = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (!done) text += value;
		const read = readNdjson<Line>(text, offset, done);
		offset = read.offset;
		yield* read.values;
		if (done) return;
	}
}
