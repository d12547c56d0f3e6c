import { isRefusal } from './refusal.ts';

/** The last line of a streamed answer that did not finish. */
export interface StreamError {
	error: string;
	status: number;
}

/**
 * A streamed answer, one JSON object a line: the lines `run` sends as it works (progress), then
 * the line it returns, or an error line for a refusal (its message and status) or a failure
 * (`failure`, status 500; the error is logged as `what` failed).
 */
export function ndjsonResponse<Line>(
	run: (send: (line: Line) => void) => Promise<Line>,
	failure: string,
	what: string
): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (line: Line | StreamError) =>
				controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
			try {
				send(await run(send));
			} catch (error) {
				if (!isRefusal(error)) console.error(`${what} failed`, error);
				send(
					isRefusal(error)
						? { error: error.message, status: error.status }
						: { error: failure, status: 500 }
				);
			}
			controller.close();
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', ...NO_STORE }
	});
}

/** Answers about live data are never cached. */
export const NO_STORE = { 'cache-control': 'no-store' };
