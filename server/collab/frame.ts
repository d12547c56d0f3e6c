import { Sender } from 'ws';

declare module 'ws' {
	/**
	 * ws's own framing, made public for servers that send one frame to many sockets
	 * (websockets/ws#1016); @types/ws does not declare it.
	 */
	export const Sender: {
		frame(
			data: Buffer,
			options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }
		): Buffer[];
	};
}

const BINARY = 0x2;

/**
 * A binary WebSocket message framed once, then written as it is to every socket it goes to: a
 * relay sends the same edit to every client of a plan, and framing it per client (what
 * `WebSocket.send` does) costs an allocation and a second socket write per recipient.
 */
export class Frame {
	readonly bytes: Buffer;

	constructor(data: Uint8Array) {
		const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
		const parts = Sender.frame(payload, {
			fin: true,
			opcode: BINARY,
			mask: false,
			readOnly: false,
			rsv1: false
		});
		this.bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
	}
}
