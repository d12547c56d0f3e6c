import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDb } from '../helpers/db.ts';
import { cycleActor, functionTeam, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { signOff } from '../../src/lib/server/cycle.ts';
import { createApiToken } from '../../src/lib/server/api-tokens.ts';
import { readPlanFigures } from '../../src/lib/server/plan-versions.ts';
import {
	createPlan,
	getHierarchy,
	getPlan,
	setPlanRole,
	type Plan
} from '../../src/lib/server/plans.ts';
import { addMember, createWorkspace } from '../../src/lib/server/workspaces.ts';
import {
	importIntoHistory,
	importIntoPlan,
	type ImportActor
} from '../../src/lib/server/import/run-import.ts';
import { MAX_IMPORT_BYTES } from '../../src/lib/server/import/limits.ts';
import { writePlan } from '../../src/lib/server/plan-writes.ts';
import { isRefusal } from '../../src/lib/server/refusal.ts';
import type { ImportPreview } from '../../src/lib/domain/import/preview.ts';
import { POST as pageUpload } from '../../src/routes/plans/[plan]/import/file/+server.ts';
import { POST as apiImport } from '../../src/routes/api/plans/[plan]/import/+server.ts';
import { POST as apiHistory } from '../../src/routes/api/workspaces/[workspace]/sales-history/+server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let team: Awaited<ReturnType<typeof functionTeam>>;
let viewer: TestUser;
let workspaceId: string;

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	team = await functionTeam(db);
	workspaceId = await createWorkspace(db, 'Import', team.leader.id);
	for (const m of team.members) await addMember(db, workspaceId, m.user.id, m.fn);
	viewer = await signedInUser(db, 'Vic Viewer');
	await addMember(db, workspaceId, viewer.id, null);
});
afterAll(() => db.dispose());

/** A fresh three-month plan with the team as editors and the viewer. */
async function freshPlan(): Promise<Plan> {
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Import plan',
			startMonth: '2027-01',
			horizon: 3,
			families: [
				{
					name: 'Bikes',
					items: [
						{ sku: 'B-1', name: 'Road bike' },
						{ sku: 'B-2', name: 'Gravel bike' }
					]
				}
			]
		},
		team.leader.id
	);
	for (const m of team.members) await setPlanRole(db, planId, m.user.id, m.role);
	await setPlanRole(db, planId, viewer.id, 'viewer');
	return (await getPlan(db, planId))!;
}

const leaderActor = (): ImportActor => ({
	userId: team.leader.id,
	via: null,
	access: { role: 'leader', fn: null }
});

const csv = (text: string) => new TextEncoder().encode(text);
const LONG = csv(
	'sku,month,measure,value\nB-1,2027-01,forecast,100\nB-1,2027-02,forecast,110\nB-2,2027-01,production,40\n'
);

function request(bytes: Uint8Array, apply = false, fileName = 'plan.csv') {
	return { bytes, fileName, options: { sheet: null, mapping: null }, apply };
}

async function itemSeries(plan: Plan, sku: string, measure: string) {
	const { figures, items } = await readPlanFigures(db, plan.id);
	const item = items.find((i) => i.sku === sku)!;
	return Array.from(figures.item(item.id)[measure], (v) => (Number.isNaN(v) ? null : v));
}

describe('importing into a plan', () => {
	it('previews without changing anything, then applies all of it, logged with file and person', async () => {
		const plan = await freshPlan();
		const preview = await importIntoPlan(db, plan, leaderActor(), request(LONG));
		expect(preview.problems).toEqual([]);
		expect(preview.canApply).toBe(true);
		expect(preview.summary.measures.map((m) => [m.measure, m.changed, m.unchanged])).toEqual([
			['forecast', 2, 0],
			['production', 1, 0]
		]);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([null, null, null]);

		const applied = await importIntoPlan(db, plan, leaderActor(), request(LONG, true));
		expect(applied.applied).toBe(true);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([100, 110, null]);
		expect(await itemSeries(plan, 'B-2', 'production')).toEqual([40, null, null]);
		const log = await db.query<{ user_id: string; source: string }>(
			`select distinct user_id, source from yjs_updates where doc like $1`,
			[`plan/${plan.id}/step/%`]
		);
		expect(log).toEqual([{ user_id: team.leader.id, source: 'import' }]);
		const [event] = await db.query<{ kind: string; detail: string; user_id: string }>(
			`select kind, detail, user_id from plan_events where plan_id = $1 and kind = 'imported'`,
			[plan.id]
		);
		expect(event).toEqual({
			kind: 'imported',
			detail: 'plan.csv: Changed 3 cells in 2 measures',
			user_id: team.leader.id
		});
	});

	it('changes nothing the second time the same file comes', async () => {
		const plan = await freshPlan();
		await importIntoPlan(db, plan, leaderActor(), request(LONG, true));
		const [{ n: before }] = await db.query<{ n: number }>(
			`select count(*)::int as n from yjs_updates where doc like $1`,
			[`plan/${plan.id}/%`]
		);
		const again = await importIntoPlan(db, plan, leaderActor(), request(LONG, true));
		expect(again.applied).toBe(false);
		expect(again.canApply).toBe(false);
		expect(again.summary.measures.map((m) => [m.changed, m.unchanged])).toEqual([
			[0, 2],
			[0, 1]
		]);
		const [{ n: after }] = await db.query<{ n: number }>(
			`select count(*)::int as n from yjs_updates where doc like $1`,
			[`plan/${plan.id}/%`]
		);
		expect(after).toBe(before);
	});

	it('refuses, in the preview, a locked step and another function’s measures, and applies none', async () => {
		const plan = await freshPlan();
		for (const [user, fn] of [
			[team.ops, 'operations'],
			[team.sales, 'sales']
		] as const) {
			await signOff(db, await cycleActor(db, plan.id, user), 2, fn, '');
		}
		const preview = await importIntoPlan(db, plan, leaderActor(), request(LONG, true));
		expect(preview.applied).toBe(false);
		expect(preview.canApply).toBe(false);
		expect(preview.summary.measures.find((m) => m.measure === 'production')?.refused).toBe(
			'Step 2 (Supply review) is signed off and locked; a leader can reopen it.'
		);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([null, null, null]);

		const other = await freshPlan();
		const finance: ImportActor = {
			userId: team.finance.id,
			via: null,
			access: { role: 'editor', fn: 'finance' }
		};
		const refused = await importIntoPlan(db, other, finance, request(LONG));
		expect(refused.summary.measures.find((m) => m.measure === 'forecast')?.refused).toBe(
			'Sales forecast belongs to step 1 (Demand review); only leaders and sales editors may import it.'
		);
	});

	it('reads an item list: new families and items, prices over the horizon, opening stock, lead time', async () => {
		const plan = await freshPlan();
		const list = csv(
			'Family;SKU;Item name;Unit price;Unit cost;Opening stock;Safety stock;Lead time (days)\n' +
				'Bikes;B-1;Road bike Pro;1.299,50;800;12;5;14\n' +
				'Helmets;H-1;Lid;49,90;20;100;10;7\n'
		);
		const applied = await importIntoPlan(db, plan, leaderActor(), request(list, true, 'items.csv'));
		expect(applied.problems).toEqual([]);
		expect(applied.summary.familiesAdded).toEqual(['Helmets']);
		expect(applied.summary.itemsRenamed).toBe(1);
		const { families, items } = await getHierarchy(db, plan.id);
		expect(families.map((f) => f.name)).toEqual(['Bikes', 'Helmets']);
		expect(items.map((i) => [i.sku, i.name])).toEqual([
			['B-1', 'Road bike Pro'],
			['B-2', 'Gravel bike'],
			['H-1', 'Lid']
		]);
		expect(await itemSeries(plan, 'B-1', 'price')).toEqual([1299.5, 1299.5, 1299.5]);
		expect(await itemSeries(plan, 'H-1', 'opening')).toEqual([100, null, null]);
		const leads = await db.query<{ sku: string; lead: number }>(
			`select sku, lead_time_days::float as lead from items where plan_id = $1 order by position`,
			[plan.id]
		);
		expect(leads.map((r) => [r.sku, r.lead])).toEqual([
			['B-1', 14],
			['B-2', null],
			['H-1', 7]
		]);
	});

	it('keeps actual sales in the workspace history, also for months outside the plan', async () => {
		const plan = await freshPlan();
		const sales = csv(
			'SKU,Month,Measure,Qty\nB-1,2026-11,actual,70\nB-1,2026-12,actual,75\nB-1,2027-01,actual,80\n'
		);
		const applied = await importIntoPlan(db, plan, leaderActor(), request(sales, true));
		expect(applied.summary.outsideHorizon.count).toBe(0);
		expect(applied.summary.history).toMatchObject({ added: 3, first: '2026-11', last: '2027-01' });
		expect(await itemSeries(plan, 'B-1', 'actual')).toEqual([80, null, null]);
		const kept = await db.query<{ month: string; quantity: number }>(
			`select month, quantity from sales_history where workspace_id = $1 and sku = 'B-1' order by month`,
			[workspaceId]
		);
		expect(kept.map((r) => [r.month, Number(r.quantity)])).toEqual([
			['2026-11', 70],
			['2026-12', 75],
			['2027-01', 80]
		]);
	});

	it('reads an XLSX wide layout and remembers a mapping the person chose for the next import', async () => {
		const plan = await freshPlan();
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Forecast');
		sheet.addRow(['Artikel', 'Jan 2027', 'Feb 2027', 'Mar 2027']);
		sheet.addRow(['B-1', 5, 6, 7]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const first = await importIntoPlan(db, plan, leaderActor(), request(bytes, false, 'f.xlsx'));
		expect(first.problems.length).toBeGreaterThan(0);
		const mapping = {
			...first.mapping,
			columns: { ...first.mapping.columns, sku: 0 },
			measure: 'forecast'
		};
		const fixed = await importIntoPlan(db, plan, leaderActor(), {
			...request(bytes, true, 'f.xlsx'),
			options: { sheet: null, mapping }
		});
		expect(fixed.problems).toEqual([]);
		expect(fixed.applied).toBe(true);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([5, 6, 7]);
		// Next time the same header reads the same way without help.
		const next = await importIntoPlan(db, plan, leaderActor(), request(bytes, false, 'f.xlsx'));
		expect(next.mapping.columns.sku).toBe(0);
		expect(next.mapping.measure).toBe('forecast');
		expect(next.problems).toEqual([]);
	});
	it('names the other sheets when the one read is empty, so the person can pick one', async () => {
		const plan = await freshPlan();
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Notes');
		workbook.addWorksheet('Forecast').addRow(['SKU', 'Measure', '2027-01']);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const preview = await importIntoPlan(db, plan, leaderActor(), request(bytes, false, 'b.xlsx'));
		expect(preview.file.sheets).toEqual(['Notes', 'Forecast']);
		expect(preview.problems).toEqual([
			{ line: 0, column: null, message: 'The sheet "Notes" is empty; pick another: "Forecast"' }
		]);
		expect(preview.canApply).toBe(false);
	});
	it('refuses, asking for a new preview, items another import added since this one was checked', async () => {
		const plan = await freshPlan();
		const [family] = (await getHierarchy(db, plan.id)).families;
		const error = await writePlan(
			db,
			plan.id,
			{ userId: team.leader.id, source: 'import' },
			{
				hierarchy: {
					families: [],
					items: [{ id: 'late1', familyId: family.id, sku: 'B-1', name: 'Road bike' }],
					updated: []
				},
				steps: []
			}
		).catch((e: unknown) => e);
		expect(isRefusal(error) && [error.status, error.message]).toEqual([
			409,
			'The plan gained some of these items meanwhile; preview the file again.'
		]);
		expect((await getHierarchy(db, plan.id)).items).toHaveLength(2);
	});
});

describe('the workspace sales history', () => {
	it('takes actual sales per SKU and month for any month, and is idempotent', async () => {
		const file = csv('sku,2024-01,2024-02\nZ-9,3,4\n');
		const actor = { userId: team.leader.id };
		const applied = await importIntoHistory(db, workspaceId, actor, request(file, true));
		expect(applied.problems).toEqual([]);
		expect(applied.summary.history).toMatchObject({ added: 2, changed: 0, skus: 1 });
		const again = await importIntoHistory(db, workspaceId, actor, request(file, true));
		expect(again.applied).toBe(false);
		expect(again.summary.history).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
	});
});

/** A request to an upload route, as SvelteKit hands it to the handler. */
function upload(
	planOrWorkspace: string,
	body: BodyInit | null,
	options: { user?: TestUser | null; search?: string; headers?: Record<string, string> } = {}
) {
	const url = new URL(`http://localhost/x?${options.search ?? 'name=plan.csv'}`);
	return {
		locals: {
			user: options.user
				? { id: options.user.id, name: options.user.name, email: '', color: '#000' }
				: null,
			session: null
		},
		params: { plan: planOrWorkspace, workspace: planOrWorkspace },
		url,
		request: new Request(url, {
			method: 'POST',
			body,
			headers: options.headers,
			// @ts-expect-error Node's fetch needs this for a streamed body
			duplex: 'half'
		}),
		getClientAddress: () => '203.0.113.9'
	} as never;
}

async function answer(
	response: Response
): Promise<{ status: number; body: Record<string, unknown> }> {
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the upload routes', () => {
	it('refuse a file over the limit with 413 naming it, before reading it', async () => {
		const plan = await freshPlan();
		const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
		const { status, body } = await answer(
			await pageUpload(upload(plan.id, big, { user: team.leader }))
		);
		expect(status).toBe(413);
		expect(body.error).toBe('The file is larger than 20 MB, the most Concord imports at once');
	});

	it('refuse a streamed body once it passes the limit, without a content-length', async () => {
		const plan = await freshPlan();
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += 1024 * 1024;
				controller.enqueue(new Uint8Array(1024 * 1024));
				if (sent > MAX_IMPORT_BYTES * 2) controller.close();
			}
		});
		const { status } = await answer(
			await pageUpload(upload(plan.id, stream, { user: team.leader }))
		);
		expect(status).toBe(413);
		expect(sent).toBeLessThan(MAX_IMPORT_BYTES * 2);
	});

	it('refuse viewers, the signed-out and a crafted mapping, each with its message', async () => {
		const plan = await freshPlan();
		expect(await answer(await pageUpload(upload(plan.id, LONG, { user: viewer })))).toEqual({
			status: 403,
			body: { error: 'Only leaders and editors can import into this plan' }
		});
		expect((await answer(await pageUpload(upload(plan.id, LONG)))).status).toBe(401);
		const crafted = upload(plan.id, LONG, {
			user: team.leader,
			search: `name=x.csv&mapping=${encodeURIComponent('{"layout":"wide","headerLine":1,"columns":{"sku":99999},"months":[],"measure":null,"numberStyle":"point"}')}`
		});
		const { status, body } = await answer(await pageUpload(crafted));
		expect(status).toBe(400);
		expect(body.error).toMatch(/^The mapping is not valid: columns\.sku/);
	});

	it('stream progress lines and then the preview when asked for NDJSON', async () => {
		const plan = await freshPlan();
		const response = await pageUpload(
			upload(plan.id, LONG, {
				user: team.leader,
				headers: { accept: 'application/x-ndjson' }
			})
		);
		const lines = (await response.text())
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(lines.slice(0, -1).every((l) => 'progress' in l)).toBe(true);
		expect((lines.at(-1)!.preview as ImportPreview).canApply).toBe(true);
	});

	it('take a nightly load with a token: preview by default, apply with apply=1, idempotent', async () => {
		const plan = await freshPlan();
		const { token } = await createApiToken(db, workspaceId, 'Nightly ERP', team.leader.id);
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'text/csv' };
		const preview = await answer(await apiImport(upload(plan.id, LONG, { headers })));
		expect(preview.status).toBe(200);
		expect(preview.body.applied).toBe(false);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([null, null, null]);

		const applied = await answer(
			await apiImport(upload(plan.id, LONG, { headers, search: 'name=erp.csv&apply=1' }))
		);
		expect(applied.body.applied).toBe(true);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([100, 110, null]);
		const [event] = await db.query<{ detail: string }>(
			`select detail from plan_events where plan_id = $1 and kind = 'imported'`,
			[plan.id]
		);
		expect(event.detail).toBe('erp.csv (API token "Nightly ERP"): Changed 3 cells in 2 measures');

		const again = await answer(
			await apiImport(upload(plan.id, LONG, { headers, search: 'name=erp.csv&apply=1' }))
		);
		expect(again.status).toBe(200);
		expect(again.body.applied).toBe(false);

		const history = await answer(
			await apiHistory(
				upload(workspaceId, csv('sku,month,value\nB-1,2025-06,12\n'), {
					headers,
					search: 'name=sales.csv&apply=1'
				})
			)
		);
		expect(history.body.applied).toBe(true);
	});

	it('refuse a missing or wrong token with 401 and say how to send one', async () => {
		const plan = await freshPlan();
		const response = await apiImport(upload(plan.id, LONG));
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer realm="concord"');
		const wrong = await apiImport(
			upload(plan.id, LONG, {
				headers: { authorization: 'Bearer cct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }
			})
		);
		expect(wrong.status).toBe(401);
	});

	it('answer 422 to an apply a locked step refuses, and change nothing', async () => {
		const plan = await freshPlan();
		for (const [user, fn] of [
			[team.sales, 'sales'],
			[team.ops, 'operations'],
			[team.finance, 'finance']
		] as const) {
			await signOff(db, await cycleActor(db, plan.id, user), 1, fn, '');
		}
		const { token } = await createApiToken(db, workspaceId, 'Locked test', team.leader.id);
		const { status, body } = await answer(
			await apiImport(
				upload(plan.id, LONG, {
					headers: { authorization: `Bearer ${token}` },
					search: 'name=erp.csv&apply=1'
				})
			)
		);
		// A scheduled job that asked to apply hears it did not, from the status alone.
		expect(status).toBe(422);
		expect(body.applied).toBe(false);
		const measures = (body as unknown as ImportPreview).summary.measures;
		expect(measures.find((m) => m.measure === 'forecast')?.refused).toMatch(/locked/);
		expect(await itemSeries(plan, 'B-1', 'forecast')).toEqual([null, null, null]);
	});
});
