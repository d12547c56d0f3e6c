/** The worker thread that folds large documents' logs into snapshots (see fold.ts). */
import { parentPort } from 'node:worker_threads';
import { foldUpdates } from '../../src/lib/server/yjs-store.ts';
import { nameThisThread, THREAD_NAMES } from '../../src/lib/server/thread-name.ts';
import { runInBackground } from '../../src/lib/server/thread-priority.ts';
import type { FoldReply, FoldRequest } from './fold.ts';

nameThisThread(THREAD_NAMES.fold);
runInBackground();
const port = parentPort!;
port.on('message', ({ id, snapshot, updates }: FoldRequest) => {
	let reply: FoldReply;
	try {
		reply = { id, state: foldUpdates(snapshot, updates) };
	} catch (error) {
		reply = { id, error: error instanceof Error ? error.message : String(error) };
	}
	port.postMessage(reply, 'state' in reply ? [reply.state.buffer as ArrayBuffer] : []);
});
