/**
 * CPU of a relay's fan-out, per delivered message: the same small update sent to 50 clients once
 * a turn, by `WebSocket.send` per client (what the bare y-websocket server does) and by Concord's
 * connections (one `Frame` for all of them, each socket corked for the turn). The clients run in
 * another process; the figure is this process's CPU, the kernel's writes included.
 *
 *   node --import tsx bench/fan-out.ts
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { Frame } from '../server/collab/frame.ts';
import { corkForThisTurn } from '../server/collab/turn.ts';
import { median } from './stats.ts';

const CLIENTS = 50;
const TURNS = 4000;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 7);
/** About the size of one typed cell's update. */
const UPDATE = new Uint8Array(60).fill(3);

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
await new Promise((resolve) => wss.once('listening', resolve));
const sockets: { ws: WebSocket; socket: Duplex }[] = [];
wss.on('connection', (ws, req) => sockets.push({ ws, socket: req.socket }));
const clients = fork(fileURLToPath(new URL('./fan-out-clients.mjs', import.meta.url)), [
	String((wss.address() as AddressInfo).port),
	String(CLIENTS)
]);
await new Promise((resolve) => clients.once('message', resolve));

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** µs of CPU per delivered message. */
async function run(send: (to: { ws: WebSocket; socket: Duplex }, frame: Frame) => void) {
	const start = process.cpuUsage();
	for (let turn = 0; turn < TURNS; turn++) {
		const frame = new Frame(UPDATE);
		for (const to of sockets) send(to, frame);
		await nextTurn();
	}
	// Let the last writes leave.
	await new Promise((resolve) => setTimeout(resolve, 100));
	const { user, system } = process.cpuUsage(start);
	return (user + system) / (TURNS * CLIENTS);
}

const bare = (to: { ws: WebSocket }) => to.ws.send(UPDATE);
const concord = (to: { socket: Duplex }, frame: Frame) => {
	corkForThisTurn(to.socket);
	to.socket.write(frame.bytes);
};

const figures = { bare: [] as number[], concord: [] as number[] };
await run(bare); // warm-up
for (let round = 0; round < ROUNDS; round++) {
	figures.bare.push(await run(bare));
	figures.concord.push(await run(concord));
}
const b = median(figures.bare);
const c = median(figures.concord);
const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
console.log(`\nRelay fan-out: ${CLIENTS} clients, ${TURNS} turns, medians of ${ROUNDS} rounds`);
console.log(
	`  WebSocket.send per client   ${b.toFixed(2)} µs CPU per delivery   runs: ${list(figures.bare)}`
);
console.log(
	`  Concord (one frame, corked) ${c.toFixed(2)} µs CPU per delivery   runs: ${list(figures.concord)}`
);
console.log(`  ratio ${(c / b).toFixed(2)}×`);
clients.kill();
wss.close();
