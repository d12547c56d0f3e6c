import { expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { scenarioDocument } from '../../src/lib/domain/documents.ts';
import { SCENARIO_CELLS_MAP } from '../../src/lib/domain/scenario/document.ts';
import { MESSAGE_ACK } from '../../src/lib/sync/protocol.ts';
import { cookieSocket } from '../helpers/cookie-socket.ts';
import { BASE } from './api.ts';

/** Starts a scenario of the live plan on the plan's scenarios list; returns its id. */
export async function startScenario(page: Page, planUrl: string, name: string): Promise<string> {
	await page.goto(`${planUrl}/scenarios`);
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Start scenario' }).click();
	await page.waitForURL(/\/scenarios\/\w+$/);
	const id = /\/scenarios\/(\w+)$/.exec(page.url())![1];
	expect(id).not.toBe('compare');
	return id;
}

/**
 * A second person's copy of a scenario document, signed in as the page's user: writes its cells
 * as the scenario board would, so a test can change a scenario while another page watches.
 */
export async function scenarioCells(page: Page, planId: string, scenarioId: string) {
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${BASE.replace(/^http/, 'ws')}/collab`,
		scenarioDocument(planId, scenarioId),
		doc,
		{
			WebSocketPolyfill: cookieSocket(cookie) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		}
	);
	// Save acknowledgements are the browser's business; here they only must not be unknown.
	provider.messageHandlers[MESSAGE_ACK] = () => {};
	provider.awareness.setLocalState(null);
	await new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.on('sync', (synced) => synced && resolve());
	});
	const cells = doc.getMap<number | null>(SCENARIO_CELLS_MAP);
	return {
		set(key: string, value: number | null) {
			cells.set(key, value);
		},
		close() {
			provider.destroy();
			doc.destroy();
		}
	};
}
