/**
 * Cost of the collaboration server's checks of an incoming update (decoding, integrability, the
 * cell guard) per KB, against Y.applyUpdate of the same update. The update is the worst shape we
 * know: thousands of writes to one cell, each by another client ID, each placed next to the one
 * before, so resolving the cell of the last write walks back through every earlier one unless
 * the guard remembers what it resolved. The cost per KB must stay flat as the update grows.
 *
 *   node --import tsx bench/guard.ts
 */
import * as Y from 'yjs';
import { assertAllowedCellWrites } from '../server/collab/cell-guard.ts';
import { checkCellWrite } from '../src/lib/domain/cell-rules.ts';
import { readIncomingUpdate } from '../server/collab/incoming-update.ts';
import { oneCellChain } from '../tests/helpers/crafted-updates.ts';

const KEY = 'i1:2027-01:forecast';
const PLAN = { items: new Set(['i1']), families: new Set<string>(), periods: ['2027-01'] };

function timed(fn: () => void): number {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

function best(runs: number, fn: () => void): number {
	return Math.min(...Array.from({ length: runs }, () => timed(fn)));
}

const WRITES = process.argv.slice(2).map(Number);
if (WRITES.length === 0) WRITES.push(1300, 2600, 5200, 10_300, 20_600);
// Warm up the JIT so the first row is not the compiler's.
guardAndApply(oneCellChain(500, KEY));

function guardAndApply(update: Uint8Array): { guard: number; apply: number } {
	const guard = best(3, () => {
		const doc = new Y.Doc();
		assertAllowedCellWrites(
			doc,
			(k, v) => checkCellWrite(PLAN, 1, k, v),
			readIncomingUpdate(doc, update)
		);
	});
	return { guard, apply: best(3, () => Y.applyUpdate(new Y.Doc(), update)) };
}

console.log('writes   KB   guard ms  guard ms/KB  apply ms  guard/apply');
for (const writes of WRITES) {
	const update = oneCellChain(writes, KEY);
	const kb = update.byteLength / 1024;
	const { guard, apply } = guardAndApply(update);
	console.log(
		[
			String(writes).padStart(6),
			kb.toFixed(0).padStart(5),
			guard.toFixed(1).padStart(9),
			(guard / kb).toFixed(3).padStart(11),
			apply.toFixed(1).padStart(9),
			(guard / apply).toFixed(2).padStart(11)
		].join(' ')
	);
}
