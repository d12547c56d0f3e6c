import { describe, expect, it } from 'vitest';
import { importAnswer } from './answer.ts';

const preview = { fileName: 'a.csv', summary: { valuesRead: 3 }, canApply: true };

describe('importAnswer', () => {
	it('takes the preview after the progress lines of a streamed answer', () => {
		const text = [
			JSON.stringify({ progress: { phase: 'read', done: 1, total: 2 } }),
			JSON.stringify({ preview })
		].join('\n');
		expect(importAnswer(200, 'application/x-ndjson', text)).toEqual({ preview });
	});

	it('passes on a streamed error with its status', () => {
		const text = JSON.stringify({ error: 'Locked: Demand review', status: 423 }) + '\n';
		expect(importAnswer(200, 'application/x-ndjson; charset=utf-8', text)).toEqual({
			error: 'Locked: Demand review',
			status: 423
		});
	});

	it('reads a JSON preview and a JSON error', () => {
		expect(importAnswer(200, 'application/json', JSON.stringify(preview))).toEqual({ preview });
		expect(importAnswer(400, 'application/json', '{"error":"Not a CSV or XLSX file"}')).toEqual({
			error: 'Not a CSV or XLSX file',
			status: 400
		});
	});

	it('reads the preview of an apply refused for its problems (422)', () => {
		expect(importAnswer(422, 'application/json', JSON.stringify(preview))).toEqual({ preview });
	});

	it('says what a status means when the body is not the app’s (a proxy’s page, a cut stream)', () => {
		expect(importAnswer(413, 'text/html', '<h1>Payload Too Large</h1>')).toEqual({
			error: 'The file is too large to import.',
			status: 413
		});
		const cut = JSON.stringify({ progress: { phase: 'check', done: 1, total: 9 } }) + '\n{"pre';
		expect(importAnswer(200, 'application/x-ndjson', cut)).toMatchObject({ status: 500 });
		expect(importAnswer(0, '', '')).toMatchObject({ error: /could not be reached/ });
	});
});
