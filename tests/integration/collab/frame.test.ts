import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Frame } from '../../../server/collab/frame.ts';

let close = () => {};
afterEach(() => close());

describe('a message framed once', () => {
	// One length of each header form: 7-bit, 16-bit and 64-bit.
	it.each([0, 10, 300, 70_000])(
		'reaches a WebSocket client as one binary message of %i bytes, written to the raw socket',
		async (size) => {
			const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
			await new Promise((resolve) => server.once('listening', resolve));
			const { port } = server.address() as AddressInfo;
			const client = new WebSocket(`ws://127.0.0.1:${port}`);
			close = () => {
				client.terminate();
				server.close();
			};
			const payload = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);
			const received = new Promise<{ data: Buffer; binary: boolean }>((resolve) =>
				client.once('message', (data, binary) => resolve({ data: data as Buffer, binary }))
			);
			const [socket] = await new Promise<[import('node:stream').Duplex]>((resolve) =>
				server.once('connection', (ws, req) => resolve([req.socket]))
			);
			const frame = new Frame(payload);
			socket.write(frame.bytes);

			const { data, binary } = await received;
			expect(binary).toBe(true);
			expect(new Uint8Array(data)).toEqual(payload);
		}
	);
});
