import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import type { Db } from '../../../src/lib/server/db/index.ts';
import {
	createCollabServer,
	type CollabLogger,
	type CollabOptions,
	type CollabServer
} from '../../../server/collab/index.ts';
import { cookieSocket } from '../../helpers/cookie-socket.ts';
import { openTestDb } from '../../helpers/db.ts';
import type { TestUser } from '../../helpers/fixtures.ts';

export interface Harness {
	collab: CollabServer;
	/** ws://127.0.0.1:<port>/collab */
	url: string;
	origin: string;
	logs: string[];
	stop(): Promise<void>;
}

/** The collaboration server on a real HTTP server on a free loopback port. */
export async function startCollab(db: Db, options: CollabOptions = {}): Promise<Harness> {
	const logs: string[] = [];
	const record = (level: string) => (message: string) => logs.push(`${level} ${message}`);
	const logger: CollabLogger = {
		debug: record('debug'),
		info: record('info'),
		warn: record('warn'),
		error: record('error')
	};
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	const collab = createCollabServer({ db: async () => db, logger, ...options });
	collab.attach(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		collab,
		url: `ws://127.0.0.1:${port}/collab`,
		origin: `http://127.0.0.1:${port}`,
		logs,
		async stop() {
			await collab.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

export type TestDb = Awaited<ReturnType<typeof openTestDb>>;

/**
 * One test file's setting: a fresh database, what `setup` puts in it (people, plans), and the
 * collaboration server on it. Peers close after each test; the server and database after the file.
 */
export function collabSuite<T extends object>(
	setup: (db: TestDb) => Promise<T>,
	options: CollabOptions = {}
): { db: TestDb; h: Harness } & T {
	const suite = {} as { db: TestDb; h: Harness } & T;
	beforeAll(async () => {
		const db = await openTestDb();
		Object.assign(suite, { db }, await setup(db));
		suite.h = await startCollab(db, options);
	});
	afterEach(() => destroyPeers());
	afterAll(async () => {
		await suite.h.stop();
		await suite.db.dispose();
	});
	return suite;
}

export interface Peer {
	doc: Y.Doc;
	cells: Y.Map<number>;
	provider: WebsocketProvider;
	/** Close events the provider saw. */
	closes: { code: number; reason: string }[];
}

const peers = new Set<Peer>();

/** A real y-websocket client, as the browser runs it (BroadcastChannel off: same process). */
export function connectPeer(h: Harness, name: string, user: TestUser): Peer {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(h.url, name, doc, {
		WebSocketPolyfill: cookieSocket(user.cookie) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 300
	});
	// The browser's save tracker reads these; here they only must not be reported as unknown.
	provider.messageHandlers[100] = () => {};
	const peer: Peer = { doc, cells: doc.getMap<number>('cells'), provider, closes: [] };
	provider.on('connection-close', (event) => {
		if (event) peer.closes.push({ code: event.code, reason: event.reason });
	});
	peers.add(peer);
	return peer;
}

export async function synced(peer: Peer): Promise<Peer> {
	await waitFor(() => peer.provider.synced, 'provider synced');
	return peer;
}

export function destroyPeer(peer: Peer): void {
	peer.provider.destroy();
	peer.doc.destroy();
	peers.delete(peer);
}

export function destroyPeers(): void {
	for (const peer of [...peers]) destroyPeer(peer);
}

/** Resolves with the HTTP status the server answered an upgrade with (101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', (error) => {
			if (!/Unexpected server response/.test(error.message)) reject(error);
		});
	});
}

/** A hand-driven protocol client, for what a modified or broken client would send. */
export class RawClient {
	readonly messages: Uint8Array[] = [];
	readonly acks: number[] = [];
	closed: { code: number; reason: string } | null = null;

	private constructor(readonly ws: WebSocket) {
		ws.on('message', (data: Buffer) => {
			const bytes = new Uint8Array(data);
			this.messages.push(bytes);
			const decoder = decoding.createDecoder(bytes);
			if (decoding.readVarUint(decoder) === 100) this.acks.push(decoding.readVarUint(decoder));
		});
		ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
		ws.on('error', () => {});
	}

	static connect(h: Harness, name: string, user: TestUser): Promise<RawClient> {
		const ws = new WebSocket(`${h.url}/${name}`, { headers: { cookie: user.cookie } });
		return new Promise((resolve, reject) => {
			ws.once('open', () => resolve(new RawClient(ws)));
			ws.once('error', reject);
		});
	}

	send(bytes: Uint8Array): void {
		this.ws.send(bytes);
	}

	/** Sends a document update as the y-websocket client would. */
	sendUpdate(update: Uint8Array): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeUpdate(encoder, update);
		this.send(encoding.toUint8Array(encoder));
	}

	/** Answers the server's sync step 1 with what this client holds (`update`), as y-websocket does. */
	sendSyncStep2(update: Uint8Array): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(encoder, update);
		this.send(encoding.toUint8Array(encoder));
	}

	/** Sends sync step 1 and applies the server's step 2 to `doc`. */
	async sync(doc: Y.Doc): Promise<void> {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, doc);
		const before = this.messages.length;
		this.send(encoding.toUint8Array(encoder));
		await waitFor(() => this.messages.slice(before).some(isSyncStep2), 'sync step 2');
		for (const message of this.messages.slice(before).filter(isSyncStep2)) {
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			decoding.readVarUint(decoder);
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
		}
	}

	close(): void {
		this.ws.close();
	}
}

export function isSyncStep1(message: Uint8Array): boolean {
	return message[0] === 0 && message[1] === 0;
}

export function isSyncStep2(message: Uint8Array): boolean {
	return message[0] === 0 && message[1] === 1;
}

/** An update that sets one cell, made by a throwaway document. */
export function cellUpdate(key: string, value: number): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('cells').set(key, value);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** One awareness message for `clientId`, as a hand-made client would write it. */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, JSON.stringify(state));
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

/** The entries of an awareness message (type 1) from the server. */
export function awarenessEntries(
	message: Uint8Array
): { clientId: number; clock: number; state: Record<string, unknown> | null }[] {
	const decoder = decoding.createDecoder(message);
	if (decoding.readVarUint(decoder) !== 1) return [];
	const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
	const count = decoding.readVarUint(inner);
	return Array.from({ length: count }, () => ({
		clientId: decoding.readVarUint(inner),
		clock: decoding.readVarUint(inner),
		state: JSON.parse(decoding.readVarString(inner)) as Record<string, unknown> | null
	}));
}

export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what = 'condition',
	timeoutMs = 5000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await sleep(10);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function logCount(db: Db, name: string): Promise<number> {
	const [row] = await db.query<{ n: string | number }>(
		`select count(*) as n from yjs_updates where doc = $1`,
		[name]
	);
	return Number(row.n);
}
