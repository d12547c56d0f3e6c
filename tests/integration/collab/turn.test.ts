import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { atTurnEnd, corkForThisTurn } from '../../../server/collab/turn.ts';
import { waitFor } from './harness.ts';

/** A connected pair of real TCP sockets on loopback. */
async function socketPair(): Promise<{ sender: net.Socket; receiver: net.Socket; close(): void }> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
	const sender = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
	await new Promise((resolve) => sender.once('connect', resolve));
	const receiver = await accepted;
	return {
		sender,
		receiver,
		close() {
			sender.destroy();
			receiver.destroy();
			server.close();
		}
	};
}

let close = () => {};
afterEach(() => close());

describe('one turn of the event loop', () => {
	it("holds a socket's writes until the turn ends, then sends them together and in order", async () => {
		const pair = await socketPair();
		close = pair.close;
		const chunks: string[] = [];
		pair.receiver.on('data', (data: Buffer) => chunks.push(data.toString()));

		corkForThisTurn(pair.sender);
		pair.sender.write('one ');
		corkForThisTurn(pair.sender);
		pair.sender.write('two');
		expect(pair.sender.writableLength).toBe(7);
		await new Promise((resolve) => setImmediate(resolve));
		expect(pair.sender.writableLength).toBe(0);
		await waitFor(() => chunks.join('') === 'one two', 'both writes received, in order');
	});

	it('runs the tasks of a turn before the writes go out, including tasks they queue', async () => {
		const pair = await socketPair();
		close = pair.close;
		const order: string[] = [];
		corkForThisTurn(pair.sender);
		pair.sender.write('x');
		atTurnEnd(() => {
			order.push(`first, ${pair.sender.writableLength} byte waiting`);
			atTurnEnd(() => order.push('queued by the first'));
		});
		atTurnEnd(() => order.push('second'));
		expect(order).toEqual([]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(order).toEqual(['first, 1 byte waiting', 'second', 'queued by the first']);
		expect(pair.sender.writableLength).toBe(0);
	});
});
