/**
 * The reference of the load bench: the bare y-websocket server (@y/websocket-server's
 * setupWSConnection), in memory, with no sign-in, no guards and no saves, on a loopback port,
 * serving the same URLs as Concord's collaboration server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { serveBenchRequests, type ServerReady } from './server-ipc.ts';

const PREFIX = '/collab/';
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
	const docName = req.url?.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : null;
	if (!docName) return socket.destroy();
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

serveBenchRequests(async () => {
	for (const ws of wss.clients) ws.terminate();
	server.close();
});

const ready: ServerReady = {
	type: 'ready',
	kind: 'bare',
	port: (server.address() as AddressInfo).port,
	loadDoc: 'load',
	loadKeys: [],
	cookie: '',
	cookies: [],
	database: 'none (in memory)'
};
process.send?.(ready);
