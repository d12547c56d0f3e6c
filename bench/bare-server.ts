/**
 * The reference of the load bench: the bare y-websocket server (@y/websocket-server's
 * setupWSConnection), in memory, with no sign-in, no guards and no saves, on loopback port PORT,
 * serving the same URLs as Concord's collaboration server.
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const PREFIX = '/collab/';
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
	const docName = req.url?.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : null;
	if (!docName) return socket.destroy();
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
// collab-load.ts waits for this line.
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
	console.log('bare y-websocket server listening')
);
