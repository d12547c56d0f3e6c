/**
 * A full garbage collection in a server started with `--inspect=127.0.0.1:<port>`, on its main
 * thread and on each worker thread (the embedded database's among them), through the inspector
 * protocol as DevTools' "Collect garbage" does it. Memory read right after it is what the server
 * holds, not what its last collection happened to leave: a reading that otherwise swung by tens of
 * MB from one run to the next.
 */
import WebSocket from 'ws';

interface Message {
	id?: number;
	method?: string;
	params?: { sessionId?: string; message?: string };
	error?: { message: string };
}

const COLLECT = 'HeapProfiler.collectGarbage';

export async function collectGarbage(inspectPort: number): Promise<void> {
	const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
		webSocketDebuggerUrl: string;
	}[];
	const socket = new WebSocket(target.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
	try {
		let nextId = 0;
		const answers = new Map<number, (message: Message) => void>();
		const workers: string[] = [];
		const workerAnswers = new Map<string, () => void>();
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as Message;
			if (message.method === 'NodeWorker.attachedToWorker')
				workers.push(message.params!.sessionId!);
			if (message.method === 'NodeWorker.receivedMessageFromWorker') {
				const inner = JSON.parse(message.params!.message!) as Message;
				if (inner.id === 1) workerAnswers.get(message.params!.sessionId!)?.();
			}
			if (message.id !== undefined) answers.get(message.id)?.(message);
		});
		const call = (method: string, params: object = {}) =>
			new Promise<Message>((resolve, reject) => {
				const id = ++nextId;
				answers.set(id, (message) =>
					message.error
						? reject(new Error(`${method}: ${message.error.message}`))
						: resolve(message)
				);
				socket.send(JSON.stringify({ id, method, params }));
			});
		// The running workers are announced before enable's answer.
		await call('NodeWorker.enable', { waitForDebuggerOnStart: false });
		await Promise.all(
			workers.map(
				(sessionId) =>
					new Promise<void>((resolve, reject) => {
						// A worker ending meanwhile never answers: fail the reading rather than hang.
						const timer = setTimeout(
							() => reject(new Error(`worker ${sessionId}: no collection within 10 s`)),
							10_000
						);
						workerAnswers.set(sessionId, () => {
							clearTimeout(timer);
							resolve();
						});
						const message = JSON.stringify({ id: 1, method: COLLECT });
						void call('NodeWorker.sendMessageToWorker', { sessionId, message });
					})
			)
		);
		await call(COLLECT);
	} finally {
		socket.close();
	}
}
