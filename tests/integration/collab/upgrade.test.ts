import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createCollabServer } from '../../../server/collab/index.ts';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import { DatabaseUnavailableError } from '../../../src/lib/server/db/unavailable.ts';
import { interceptDb } from './db-wrappers.ts';
import { collabSuite, startCollab, upgradeStatus } from './harness.ts';

const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const outsider = await signedInUser(db, 'Otto Outsider');
		const { planId } = await planWithMembers(db, leader);
		await planWithMembers(db, outsider);
		return { leader, outsider, planId };
	},
	{ allowedOrigins: ['https://app.example'] }
);

describe('collab upgrade', () => {
	it('accepts a member with a valid session', async () => {
		expect(
			await upgradeStatus(`${s.h.url}/plan/${s.planId}/step/1`, { cookie: s.leader.cookie })
		).toBe(101);
	});

	it('refuses a connection without a session cookie with 401', async () => {
		expect(await upgradeStatus(`${s.h.url}/plan/${s.planId}/step/1`)).toBe(401);
	});

	it('refuses an unknown session token with 401', async () => {
		const status = await upgradeStatus(`${s.h.url}/plan/${s.planId}/step/1`, {
			cookie: 'concord_session=notarealtoken'
		});
		expect(status).toBe(401);
	});

	it('refuses a user who is not a member of the plan with 403', async () => {
		const status = await upgradeStatus(`${s.h.url}/plan/${s.planId}/meta`, {
			cookie: s.outsider.cookie
		});
		expect(status).toBe(403);
	});

	it('refuses a foreign Origin with 403 but accepts its own and configured origins', async () => {
		const url = `${s.h.url}/plan/${s.planId}/step/1`;
		const foreign = { cookie: s.leader.cookie, origin: 'https://evil.example' };
		expect(await upgradeStatus(url, foreign)).toBe(403);
		expect(await upgradeStatus(url, { cookie: s.leader.cookie, origin: s.h.origin })).toBe(101);
		const configured = { cookie: s.leader.cookie, origin: 'https://app.example' };
		expect(await upgradeStatus(url, configured)).toBe(101);
	});

	it('refuses unknown document paths with 404', async () => {
		const headers = { cookie: s.leader.cookie };
		expect(await upgradeStatus(`${s.h.url}/plan/${s.planId}/step/5`, headers)).toBe(404);
		expect(await upgradeStatus(`${s.h.url}/plan/${s.planId}/cells`, headers)).toBe(404);
		expect(await upgradeStatus(`${s.h.url}/`, headers)).toBe(404);
	});

	it('leaves upgrades outside /collab/ to other handlers', async () => {
		// A second upgrade listener on the same HTTP server, as vite's HMR socket is.
		const other = new WebSocketServer({ noServer: true });
		const server = http.createServer();
		const collab = createCollabServer({ db: async () => s.db });
		collab.attach(server);
		server.on('upgrade', (req, socket, head) => {
			if (req.url === '/hmr') other.handleUpgrade(req, socket, head, (ws) => ws.close());
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			expect(await upgradeStatus(`ws://127.0.0.1:${port}/hmr`)).toBe(101);
			expect(await upgradeStatus(`ws://127.0.0.1:${port}/collab/plan/${s.planId}/meta`)).toBe(401);
		} finally {
			await collab.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			other.close();
		}
	});

	it('answers 503 while the database is unavailable, so the browser just waits and retries', async () => {
		const down = interceptDb(s.db, /./, () => Promise.reject(new DatabaseUnavailableError()));
		const outage = await startCollab(down);
		try {
			const status = await upgradeStatus(`${outage.url}/plan/${s.planId}/step/1`, {
				cookie: s.leader.cookie
			});
			expect(status).toBe(503);
		} finally {
			await outage.stop();
		}
	});
});
