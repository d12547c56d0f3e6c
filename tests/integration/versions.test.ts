import { isHttpError, isRedirect } from '@sveltejs/kit';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, seedSeries, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { MEASURES } from '../../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { sliceVersion, versionCsvRows } from '../../src/lib/domain/version-table.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import {
	buildVersionContent,
	getVersion,
	saveApprovedVersion
} from '../../src/lib/server/plan-versions.ts';
import { getVersionView, type VersionView } from '../../src/lib/server/version-view.ts';

import { load } from '../../src/routes/plans/[plan]/versions/[version]/+page.server.ts';
import { GET } from '../../src/routes/plans/[plan]/versions/[version]/export.csv/+server.ts';
import { thrown } from '../helpers/thrown.ts';

const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');
const MONTHS = monthsOf('2027-01', 3);

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let planId: string;
let ids: { bikes: string; helmets: string; road: string; gravel: string; lid: string };
let version: number;

beforeAll(async () => {
	db = await openTestDb();
	// The route handlers read the process database; in this file that is the test database.
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	viewer = await signedInUser(db, 'Vic Viewer');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, leader, [{ user: viewer, fn: null, role: 'viewer' }], {
		name: 'Q3 Plan — Europe',
		horizon: 3,
		families: [
			{
				name: 'Bikes',
				items: [
					{ sku: 'B-1', name: '=HYPERLINK("http://evil")' },
					{ sku: 'B-2', name: 'Gravel bike' }
				]
			},
			{ name: '+Helmets', items: [{ sku: '@H-1', name: 'Lid' }] }
		]
	}));
	const { families, items } = await getHierarchy(db, planId);
	const [road, gravel, lid] = items.map((i) => i.id);
	ids = { bikes: families[0].id, helmets: families[1].id, road, gravel, lid };

	await seedSeries(db, planId, MONTHS, {
		[road]: {
			consensus: [100, 110, 120],
			price: [19.99, 19.99, 19.99],
			cost: [12, 12, 12],
			production: [90, 100, 130],
			opening: [50]
		},
		[gravel]: { consensus: [50, 60, 70], price: [300, 300, 310] },
		[lid]: { consensus: [10, 20, 30], price: [25.5, 25.5, 25.5] },
		[families[0].id]: { capacity: [400, 400, 400] }
	});
	version = await db.transaction(async (tx) =>
		saveApprovedVersion(tx, planId, leader.id, await buildVersionContent(tx, planId))
	);
});
afterAll(() => db.dispose());

/** A request to a version route, as SvelteKit would hand it to the handler. */
function event(user: TestUser | null, version: string, search = '') {
	return {
		locals: {
			user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${planId}/versions/${version}${search}`),
		params: { plan: planId, version }
	} as unknown as Parameters<typeof load>[0] & Parameters<typeof GET>[0];
}

describe('saved version', () => {
	it('numbers versions and keeps every value, typed and derived', async () => {
		expect(version).toBe(1);
		const saved = await getVersion(db, planId, version);
		expect(saved?.approvedBy).toBe('Lee Leader');
		const content = saved!.content;
		expect(content.plan).toEqual({ name: 'Q3 Plan — Europe', startMonth: '2027-01', horizon: 3 });
		expect(content.periods).toEqual(MONTHS);
		expect(content.items.map((i) => i.sku)).toEqual(['B-1', 'B-2', '@H-1']);

		const road = content.rows[ids.road];
		expect(Object.keys(road).sort()).toEqual(ITEM_MEASURES.map((m) => m.id).sort());
		expect(road.consensus).toEqual([100, 110, 120]);
		// Revenue = consensus × price, margin = revenue − consensus × cost.
		expect(road.revenue[0]).toBeCloseTo(100 * 19.99, 6);
		expect(road.margin[0]).toBeCloseTo(100 * (19.99 - 12), 6);
		// Projected inventory rolls on from the opening stock: 50 + 90 − 100, then − 10, + 10.
		expect(road.inventory).toEqual([40, 30, 40]);
		expect(road.actual).toEqual([null, null, null]);

		const bikes = content.rows[ids.bikes];
		expect(bikes.consensus).toEqual([150, 170, 190]);
		expect(bikes.revenue[2]).toBeCloseTo(120 * 19.99 + 70 * 310, 6);
		expect(bikes.capacity).toEqual([400, 400, 400]);
		expect(bikes.utilisation[0]).toBeCloseTo(90 / 400, 9);
		expect(content.rows.total.consensus).toEqual([160, 190, 220]);
		expect(content.rows.total.revenue[0]).toBeCloseTo(1999 + 15000 + 255, 6);
	});

	it('gives its page the totals and one family’s items, as sliceVersion cuts them', async () => {
		const content = (await getVersion(db, planId, version))!.content;
		for (const family of ['', ids.bikes, ids.helmets, 'no-such-family']) {
			const view = await getVersionView(db, planId, version, family);
			expect(view, `family "${family}"`).toEqual({
				number: 1,
				approvedBy: 'Lee Leader',
				approvedAt: expect.any(String),
				scenarioName: null,
				...sliceVersion(content, family),
				comments: []
			});
		}
		expect(await getVersionView(db, planId, 7, '')).toBeNull();
	});
});

describe('CSV rows', () => {
	it('has a header, plain numbers and no formulas', async () => {
		const rows = versionCsvRows((await getVersion(db, planId, version))!.content);
		expect(rows[0]).toEqual(['Level', 'Family', 'SKU', 'Item', 'Measure', ...MONTHS]);
		expect(rows).toHaveLength(1 + 3 * MEASURES.length + 3 * ITEM_MEASURES.length);

		const revenue = rows.find((r) => r[2] === 'B-1' && r[4] === 'Revenue');
		expect(revenue).toEqual([
			'Item',
			'Bikes',
			'B-1',
			`'=HYPERLINK("http://evil")`,
			'Revenue',
			'1999',
			'2198.9',
			'2398.8'
		]);
		const familyRevenue = rows.find(
			(r) => r[0] === 'Family' && r[1] === 'Bikes' && r[4] === 'Revenue'
		);
		expect(familyRevenue?.slice(5)).toEqual(['16999', '20198.9', '24098.8']);
		const actual = rows.find((r) => r[0] === 'Plan' && r[4] === 'Actual sales');
		expect(actual?.slice(5)).toEqual(['', '', '']);
		const lid = rows.find((r) => r[3] === 'Lid' && r[4] === 'Consensus demand');
		expect(lid?.slice(0, 3)).toEqual(['Item', "'+Helmets", "'@H-1"]);
		// No text cell of any row starts a formula.
		for (const row of rows.slice(1)) {
			for (const cell of row.slice(0, 5)) expect(cell).not.toMatch(/^[=+\-@]/);
		}
	});
});

describe('version page', () => {
	it('gives a plan member the totals, and one family’s items when chosen', async () => {
		const all = (await load(event(viewer, '1'))) as { version: VersionView };
		expect(all.version.number).toBe(1);
		expect(all.version.content.plan.name).toBe('Q3 Plan — Europe');
		expect(all.version.itemCount).toBe(3);
		expect(all.version.itemCounts).toEqual({ [ids.bikes]: 2, [ids.helmets]: 1 });
		expect(all.version.content.items).toEqual([]);
		expect(Object.keys(all.version.content.rows).sort()).toEqual(
			['total', ids.bikes, ids.helmets].sort()
		);

		const bikes = (await load(event(viewer, '1', `?family=${ids.bikes}`))) as {
			version: VersionView;
		};
		expect(bikes.version.familyId).toBe(ids.bikes);
		expect(bikes.version.content.items.map((i) => i.sku)).toEqual(['B-1', 'B-2']);
		expect(bikes.version.content.rows[ids.gravel].consensus).toEqual([50, 60, 70]);
		expect(bikes.version.content.rows[ids.lid]).toBeUndefined();
	});

	it('says which version does not exist', async () => {
		for (const raw of ['7', 'abc', '0', '1.5']) {
			const e = await thrown(load(event(leader, raw)));
			expect(isHttpError(e, 404), raw).toBe(true);
			expect((e as { body: { message: string } }).body.message).toBe(
				`No approved version ${raw} of this plan`
			);
		}
	});

	it('is closed to people outside the plan and asks strangers to sign in', async () => {
		const e = await thrown(load(event(stranger, '1')));
		expect(isHttpError(e, 404)).toBe(true);
		expect((e as { body: { message: string } }).body.message).toMatch(/no access/);
		const anonymous = await thrown(load(event(null, '1')));
		expect(isRedirect(anonymous)).toBe(true);
		expect((anonymous as { location: string }).location).toMatch(/^\/signin\?next=/);
	});
});

describe('CSV export', () => {
	it('downloads the version as a named UTF-8 CSV file', async () => {
		const response = await GET(event(viewer, '1'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="q3-plan-europe-v1.csv"'
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text.split('\r\n')[0]).toBe('Level,Family,SKU,Item,Measure,2027-01,2027-02,2027-03');
		expect(text).toContain(
			`Item,Bikes,B-1,"'=HYPERLINK(""http://evil"")",Revenue,1999,2198.9,2398.8\r\n`
		);
		const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
		expect(parsed.errors).toEqual([]);
		const content = (await getVersion(db, planId, 1))!.content;
		expect(parsed.data).toEqual(versionCsvRows(content));
	});

	it('has the same access rules as the page', async () => {
		for (const [user, raw] of [
			[stranger, '1'],
			[leader, '2'],
			[leader, 'v1']
		] as const) {
			const e = await thrown(GET(event(user, raw)));
			expect(isHttpError(e, 404), `${user.name} ${raw}`).toBe(true);
		}
		expect(isRedirect(await thrown(GET(event(null, '1'))))).toBe(true);
	});
});
