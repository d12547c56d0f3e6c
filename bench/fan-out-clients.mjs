// The fan-out bench's receiving clients, in a process of their own so that their CPU is not counted.
import WebSocket from 'ws';

const [port, count] = process.argv.slice(2).map(Number);
let open = 0;
for (let i = 0; i < count; i++) {
	const ws = new WebSocket(`ws://127.0.0.1:${port}`);
	ws.on('open', () => {
		if (++open === count) process.send?.('ready');
	});
	ws.on('message', () => {});
}
