/** The lines of a streamed NDJSON answer, parsed one by one as they arrive (browser and server). */
export async function* ndjsonLines<Line>(response: Response): AsyncGenerator<Line> {
	if (!response.body) return;
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let pending = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		pending += value;
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) if (line.trim()) yield JSON.parse(line) as Line;
	}
	if (pending.trim()) yield JSON.parse(pending) as Line;
}
