import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, SEED, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import type { ReplayWindow } from '../../src/lib/domain/replay/window.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import { seedStepDocuments } from '../../src/lib/server/plan-values.ts';
import { loadReplayWindow } from '../../src/lib/server/replay.ts';

import { GET } from '../../src/routes/plans/[plan]/replay/data/+server.ts';
import { load } from '../../src/routes/plans/[plan]/replay/+page.server.ts';
import { thrown } from '../helpers/thrown.ts';

const MONTHS = monthsOf('2027-01', 3);
const T0 = Date.parse('2027-01-10T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

let db: Awaited<ReturnType<typeof openTestDb>>;
let ann: TestUser;
let bo: TestUser;
let stranger: TestUser;
let planId: string;
let road: string;
let lid: string;

async function edit(
	ownerId: string,
	period: string,
	oldValue: number | null,
	newValue: number | null,
	user: TestUser,
	minutes: number
) {
	await db.query(
		`insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, at)
		 values ($1, 1, $2, 'consensus', $3, $4, $5, $6, 'typed', $7)`,
		[planId, ownerId, period, oldValue, newValue, user.id, at(minutes)]
	);
}

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	ann = await signedInUser(db, 'Ann Sales');
	bo = await signedInUser(db, 'Bo Viewer');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, ann, [{ user: bo, fn: null, role: 'viewer' }], {
		name: 'Plan',
		horizon: 3,
		families: [
			{
				name: 'Bikes',
				items: [
					{ sku: 'B-1', name: 'Road' },
					{ sku: 'H-1', name: 'Lid' }
				]
			}
		]
	}));
	[road, lid] = (await getHierarchy(db, planId)).items.map((i) => i.id);
	// The plan now: Road's January went 100 → 110 → 120 → 130, Lid's February 5 → empty.
	await seedStepDocuments(
		db,
		planId,
		MONTHS,
		[
			{ ownerId: road, period: MONTHS[0], measureId: 'consensus', value: 130 },
			{ ownerId: lid, period: MONTHS[0], measureId: 'consensus', value: 5 }
		],
		SEED
	);
	await edit(road, MONTHS[0], 100, 110, ann, 1);
	await edit(road, MONTHS[0], 110, 120, bo, 2);
	await edit(lid, MONTHS[1], 5, null, bo, 3);
	await edit(road, MONTHS[0], 120, 130, ann, 90);
});

afterAll(() => db.dispose());

function event(user: TestUser | null, query: string) {
	return {
		locals: {
			user: user && { id: user.id, name: user.name, email: user.email, color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${planId}/replay/data${query}`),
		params: { plan: planId }
	} as unknown as Parameters<typeof GET>[0] & Parameters<typeof load>[0];
}

const period = `?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(30))}`;

describe('replay data', () => {
	it('gives any member the period’s edits in order and the values after the last of them', async () => {
		const response = await GET(event(bo, period));
		expect(response.status).toBe(200);
		const window: ReplayWindow = await response.json();
		expect(window.cut).toBe(false);
		expect(window.total).toBe(3);
		expect(window.end).toBe(at(30));
		// The edit after the period is undone: Road's January shows 120, as it did at its end.
		expect(window.rows[`${road}:consensus`]).toEqual([120, null, null]);
		expect(window.rows[`${lid}:consensus`]).toEqual([5, null, null]);
		expect(window.cells).toEqual([`${road}:2027-01:consensus`, `${lid}:2027-02:consensus`]);
		expect(window.edits).toEqual({
			cell: [0, 0, 1],
			old: [100, 110, 5],
			new: [110, 120, null],
			person: [0, 1, 1],
			at: [Date.parse(at(1)), Date.parse(at(2)), Date.parse(at(3))]
		});
		expect(window.people.map((p) => p.name)).toEqual(['Ann Sales', 'Bo Viewer']);
	});

	it('loads at most the limit of edits, the first ones, and says the window is cut', async () => {
		const { items, families } = await getHierarchy(db, planId);
		const window = await loadReplayWindow(
			db,
			{ planId, periods: MONTHS, items, families },
			new Date(at(0)),
			new Date(at(120)),
			2
		);
		expect(window.cut).toBe(true);
		expect(window.total).toBe(4);
		expect(window.edits.new).toEqual([110, 120]);
		expect(window.end).toBe(at(2));
		// Values after the second edit: the two later ones undone.
		expect(window.rows[`${road}:consensus`]).toEqual([120, null, null]);
		expect(window.rows[`${lid}:consensus`]).toEqual([5, 5, null]);
	});

	it('refuses someone who is not a member, and sends the signed-out to sign in', async () => {
		for (const handler of [GET, load]) {
			const e = await thrown(handler(event(stranger, period)));
			expect(isHttpError(e) && e.status).toBe(404);
			const out = await thrown(handler(event(null, period)));
			expect(isRedirect(out) && out.location).toMatch(/^\/signin\?next=/);
		}
	});

	it('refuses a period it cannot read with a 400 that says why', async () => {
		const bad: [string, RegExp][] = [
			[`?from=${encodeURIComponent(at(0))}`, /both “from” and “to”/],
			[`?from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(5))}`, /before “to”/],
			['?from=yesterday&to=today', /date and time like/],
			[`?from=2027-13-45T99:00:00Z&to=${encodeURIComponent(at(5))}`, /date and time like/]
		];
		for (const handler of [GET, load]) {
			for (const [query, message] of bad) {
				const e = await thrown(handler(event(bo, query)));
				expect(isHttpError(e) && e.status, query).toBe(400);
				expect(isHttpError(e) && e.body.message, query).toMatch(message);
			}
		}
	});

	it('replays the last 24 hours when no period is named', async () => {
		const page = (await load(event(bo, ''))) as { from: string; to: string };
		expect(Date.parse(page.to) - Date.parse(page.from)).toBe(24 * 3_600_000);
		const response = await GET(event(bo, ''));
		expect(((await response.json()) as ReplayWindow).edits.cell).toEqual([]);
	});
});
