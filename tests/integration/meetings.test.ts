import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { postAction } from '../helpers/actions.ts';
import { functionTeam, planWithMembers, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { registerCollab, type CollabHooks } from '../../src/lib/server/collab-bridge.ts';
import { copyToNextCycle } from '../../src/lib/server/next-cycle.ts';
import { listDecisions } from '../../src/lib/server/decisions.ts';
import { readMeeting, runningMeeting } from '../../src/lib/server/meetings.ts';
import { recordEvent } from '../../src/lib/server/cycle.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import { actions } from '../../src/routes/plans/[plan]/meetings/+page.server.ts';
import * as meetingRoute from '../../src/routes/plans/[plan]/meeting/+server.ts';
import * as markdownRoute from '../../src/routes/plans/[plan]/meetings/[meeting]/minutes.md/+server.ts';
import * as htmlRoute from '../../src/routes/plans/[plan]/meetings/[meeting]/minutes.html/+server.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
});
afterAll(() => db.dispose());

/** The notices the board would get through the collaboration server. */
const notices: [string, string][] = [];
const hooks: CollabHooks = {
	refreshAccess: async () => {},
	notify: (planId, topic) => void notices.push([planId, topic]),
	cycleChange: (_planId, change) => change(),
	write: () => Promise.reject(new Error('meetings never change plan values')),
	writePlan: () => Promise.reject(new Error('meetings never change plan values')),
	scenarioOp: () => Promise.reject(new Error('meetings never change scenarios')),
	firstScreen: async () => null
};
beforeAll(() => registerCollab(hooks));
afterAll(() => registerCollab(undefined));
afterEach(() => void notices.splice(0));

async function team() {
	const { leader, sales, ops, finance, members } = await functionTeam(db);
	const viewer = await signedInUser(db, 'Vic Viewer');
	const outsider = await signedInUser(db, 'Otto Outsider');
	const { planId, itemId } = await planWithMembers(db, leader, [
		...members,
		{ user: viewer, fn: null, role: 'viewer' }
	]);
	return { planId, itemId, leader, sales, ops, finance, viewer, outsider };
}
type Team = Awaited<ReturnType<typeof team>>;

function post(
	t: Team,
	action: keyof typeof actions,
	form: Record<string, string | string[]>,
	user: TestUser
) {
	return postAction(actions[action], form, {
		path: `/plans/${t.planId}/meetings?/${action}`,
		user,
		params: { plan: t.planId }
	});
}

const startForm = (t: Team) => ({
	title: 'January S&OP',
	step: '',
	itemTitle: ['Demand review', 'Supply review'],
	itemMinutes: ['10', '15'],
	itemOwner: [t.sales.id, t.ops.id],
	itemStep: ['1', '2']
});

/** The board's GET of the running meeting, as `user`'s browser sends it. */
async function boardFetch(t: Team, user: TestUser) {
	const url = new URL(`http://concord.test/plans/${t.planId}/meeting`);
	const res = await (meetingRoute.GET as (e: unknown) => Promise<Response>)({
		url,
		params: { plan: t.planId },
		locals: {
			user: { id: user.id, name: user.name, email: user.email, color: '#000' },
			session: null
		}
	});
	return res.json() as Promise<{ meeting: Awaited<ReturnType<typeof readMeeting>> }>;
}

async function download(route: { GET: unknown }, t: Team, meetingId: string, user: TestUser) {
	const url = new URL(`http://concord.test/plans/${t.planId}/meetings/${meetingId}/minutes`);
	const res = await (route.GET as (e: unknown) => Promise<Response>)({
		url,
		params: { plan: t.planId, meeting: meetingId },
		locals: {
			user: { id: user.id, name: user.name, email: user.email, color: '#000' },
			session: null
		}
	});
	return { type: res.headers.get('content-type'), text: await res.text() };
}

const meetingCount = async (planId: string) =>
	(
		await db.query<{ n: number }>(`select count(*)::int as n from meetings where plan_id = $1`, [
			planId
		])
	)[0].n;

describe('meetings', () => {
	it('a leader starts, advances and ends a meeting; the boards are told each time', async () => {
		const t = await team();
		expect(await post(t, 'start', startForm(t), t.leader)).toMatchObject({ status: 200 });
		const running = (await runningMeeting(db, t.planId))!;
		expect(running.startedAt).toMatch(/^\d{4}-/);
		let meeting = (await readMeeting(db, t.planId, running.id))!;
		expect(meeting.currentItem).toBe(0);
		expect(meeting.presenter?.id).toBe(t.leader.id);
		expect(meeting.agenda.map((a) => [a.title, a.ownerName, a.minutes])).toEqual([
			['Demand review', 'Sam Sales', 10],
			['Supply review', 'Olu Operations', 15]
		]);
		expect(meeting.agenda[0].startedAt).not.toBeNull();
		expect(notices).toContainEqual([t.planId, 'meeting']);

		// A second start while one runs is refused.
		expect(await post(t, 'start', startForm(t), t.leader)).toMatchObject({
			status: 409,
			error: 'A meeting is already running on this plan; end it first.'
		});
		expect(await meetingCount(t.planId)).toBe(1);

		expect(await post(t, 'next', { meeting: running.id, from: '0' }, t.leader)).toMatchObject({
			status: 200
		});
		// A second click on the same "Next" does not skip an item.
		expect(await post(t, 'next', { meeting: running.id, from: '0' }, t.leader)).toMatchObject({
			status: 409
		});
		meeting = (await readMeeting(db, t.planId, running.id))!;
		expect(meeting.currentItem).toBe(1);
		expect(meeting.agenda[0].endedAt).not.toBeNull();
		expect(meeting.agenda[1].startedAt).not.toBeNull();

		expect(
			await post(t, 'presenter', { meeting: running.id, userId: t.sales.id }, t.leader)
		).toMatchObject({ status: 200 });
		expect((await readMeeting(db, t.planId, running.id))!.presenter?.name).toBe('Sam Sales');

		expect(await post(t, 'end', { meeting: running.id }, t.leader)).toMatchObject({ status: 200 });
		expect(await runningMeeting(db, t.planId)).toBeNull();
		meeting = (await readMeeting(db, t.planId, running.id))!;
		expect(meeting.endedAt).not.toBeNull();
		expect(meeting.agenda[1].endedAt).not.toBeNull();
		expect(await post(t, 'end', { meeting: running.id }, t.leader)).toMatchObject({
			status: 409,
			error: 'The meeting has already ended.'
		});
	});

	it('refuses editors, viewers and non-members, and stores nothing', async () => {
		const t = await team();
		for (const user of [t.sales, t.viewer]) {
			expect(await post(t, 'start', startForm(t), user)).toMatchObject({
				status: 403,
				error: 'Only plan leaders can start a meeting.'
			});
		}
		expect(await post(t, 'start', startForm(t), t.outsider)).toMatchObject({ status: 404 });
		expect(await post(t, 'start', startForm(t), null as unknown as TestUser)).toMatchObject({
			status: 303
		});
		expect(await meetingCount(t.planId)).toBe(0);

		await post(t, 'start', startForm(t), t.leader);
		const { id } = (await runningMeeting(db, t.planId))!;
		for (const user of [t.sales, t.viewer]) {
			expect(await post(t, 'next', { meeting: id, from: '0' }, user)).toMatchObject({
				status: 403
			});
			expect(await post(t, 'end', { meeting: id }, user)).toMatchObject({ status: 403 });
			expect(await post(t, 'presenter', { meeting: id, userId: user.id }, user)).toMatchObject({
				status: 403
			});
		}
		expect(await post(t, 'end', { meeting: id }, t.outsider)).toMatchObject({ status: 404 });
		const meeting = (await readMeeting(db, t.planId, id))!;
		expect([meeting.currentItem, meeting.endedAt, meeting.presenter?.id]).toEqual([
			0,
			null,
			t.leader.id
		]);
	});

	it('refuses a bad agenda with a clear message and stores nothing', async () => {
		const t = await team();
		const cases: [Record<string, string | string[]>, string][] = [
			[{ ...startForm(t), title: '' }, 'Give the meeting a title'],
			[{ ...startForm(t), itemMinutes: ['10', '0'] }, 'A time box is at least 1 minute'],
			[{ ...startForm(t), itemMinutes: ['10', 'ten'] }, 'A time box is a number of minutes'],
			[
				{ ...startForm(t), itemOwner: [t.sales.id, t.outsider.id] },
				"Choose each agenda owner among the plan's members."
			],
			[
				{ ...startForm(t), itemTitle: ['x'.repeat(121), 'ok'] },
				'Keep agenda titles under 120 characters'
			],
			[{ title: 'No agenda', step: '' }, 'Add at least one agenda item'],
			[{ ...startForm(t), step: '7' }, 'Choose a step of the cycle, or the whole cycle'],
			[
				{
					...startForm(t),
					itemTitle: Array(21).fill('T'),
					itemMinutes: Array(21).fill('5'),
					itemOwner: Array(21).fill(t.sales.id),
					itemStep: Array(21).fill('')
				},
				'An agenda has at most 20 items'
			]
		];
		for (const [form, error] of cases) {
			expect(await post(t, 'start', form, t.leader)).toMatchObject({ status: 400, error });
		}
		expect(await meetingCount(t.planId)).toBe(0);
	});

	it('takes attendance from the members whose board fetches the running meeting', async () => {
		const t = await team();
		expect((await boardFetch(t, t.sales)).meeting).toBeNull();
		await post(t, 'start', startForm(t), t.leader);
		const seen = await boardFetch(t, t.sales);
		await boardFetch(t, t.viewer);
		await boardFetch(t, t.sales);
		expect(seen.meeting?.title).toBe('January S&OP');
		const { id } = (await runningMeeting(db, t.planId))!;
		const names = (await readMeeting(db, t.planId, id))!.attendance.map((a) => a.name);
		expect(names.sort()).toEqual(['Lee Leader', 'Sam Sales', 'Vic Viewer']);
	});
});

const decide = (t: Team, user: TestUser, form: Record<string, string>) =>
	post(t, 'decide', form, user);

describe('decisions', () => {
	it('records a decision with its owner, due date and cells, in the running meeting', async () => {
		const t = await team();
		await post(t, 'start', startForm(t), t.leader);
		const refs = JSON.stringify([{ ownerId: t.itemId, measureId: 'forecast', period: '2027-03' }]);
		expect(
			await decide(t, t.sales, {
				text: 'Raise road bikes by 10%',
				ownerId: t.sales.id,
				due: '2027-01-20',
				refs
			})
		).toMatchObject({ status: 200 });
		const [decision] = await listDecisions(db, t.planId);
		expect(decision).toMatchObject({
			text: 'Raise road bikes by 10%',
			ownerName: 'Sam Sales',
			dueDate: '2027-01-20',
			status: 'open',
			meetingId: (await runningMeeting(db, t.planId))!.id,
			refs: [
				{
					ownerId: t.itemId,
					measureId: 'forecast',
					period: '2027-03',
					label: 'B-1 Road bike · Sales forecast · 2027-03'
				}
			]
		});
	});

	it('refuses bad input and viewers with a clear message, storing nothing', async () => {
		const t = await team();
		const ok = { text: 'Do it', ownerId: t.sales.id, due: '', refs: '[]' };
		const cases: [Record<string, string>, number, string][] = [
			[{ ...ok, text: '   ' }, 400, 'Write the decision'],
			[{ ...ok, text: 'x'.repeat(1001) }, 400, 'Keep a decision under 1,000 characters'],
			[{ ...ok, due: '2027-02-30' }, 400, 'Choose a real due date (YYYY-MM-DD), or none'],
			[{ ...ok, due: 'tomorrow' }, 400, 'Choose a real due date (YYYY-MM-DD), or none'],
			[{ ...ok, ownerId: t.outsider.id }, 400, "Choose the owner among the plan's members."],
			[{ ...ok, refs: '{nope' }, 400, 'The selected cells could not be read'],
			[
				{ ...ok, refs: JSON.stringify([{ ownerId: 'elsewhere' }]) },
				400,
				'A selected cell is not in this plan; select it again.'
			],
			[
				{
					...ok,
					refs: JSON.stringify([{ ownerId: t.itemId, measureId: 'forecast', period: '1999-01' }])
				},
				400,
				'A selected cell is not in this plan; select it again.'
			],
			[
				{ ...ok, refs: JSON.stringify(Array(201).fill({ ownerId: t.itemId })) },
				400,
				'A decision concerns at most 200 cells'
			],
			[{ ...ok, refs: 'x'.repeat(60_000) }, 400, 'Too many cells selected for one decision']
		];
		for (const [form, status, error] of cases)
			expect(await decide(t, t.sales, form)).toMatchObject({ status, error });
		expect(await decide(t, t.viewer, ok)).toMatchObject({ status: 403 });
		expect(await decide(t, t.outsider, ok)).toMatchObject({ status: 404 });
		expect(await listDecisions(db, t.planId)).toEqual([]);
	});

	it('carries open decisions into the next cycle until they are marked done', async () => {
		const t = await team();
		await decide(t, t.leader, { text: 'Open action', ownerId: t.ops.id, due: '', refs: '[]' });
		await decide(t, t.leader, { text: 'Closed action', ownerId: t.ops.id, due: '', refs: '[]' });
		const closed = (await listDecisions(db, t.planId)).find((d) => d.text === 'Closed action')!;
		expect(await post(t, 'done', { decision: closed.id }, t.ops)).toMatchObject({ status: 200 });

		// Without a collaboration server the next cycle's values go straight to the database.
		registerCollab(undefined);
		const nextId = await copyToNextCycle(db, t.planId, t.leader.id, 'Plan February').finally(() =>
			registerCollab(hooks)
		);
		const carried = await listDecisions(db, nextId);
		expect(carried.map((d) => [d.text, d.planName, d.status])).toEqual([
			['Open action', 'Test plan', 'open']
		]);

		// Marked done from the new plan; a viewer who does not own it may not.
		const next = { ...t, planId: nextId };
		expect(await post(next, 'done', { decision: carried[0].id }, t.viewer)).toMatchObject({
			status: 403
		});
		expect(await post(next, 'done', { decision: carried[0].id }, t.ops)).toMatchObject({
			status: 200
		});
		expect(await listDecisions(db, nextId)).toEqual([]);
		expect((await listDecisions(db, t.planId)).every((d) => d.status === 'done')).toBe(true);

		// A decision of another plan altogether cannot be reached through this one.
		const other = await team();
		await decide(other, other.leader, {
			text: 'Elsewhere',
			ownerId: other.leader.id,
			due: '',
			refs: '[]'
		});
		const [elsewhere] = await listDecisions(db, other.planId);
		expect(await post(next, 'done', { decision: elsewhere.id }, t.leader)).toMatchObject({
			status: 404
		});
	});
});

describe('minutes', () => {
	it('contain agenda, attendance, decisions, sign-offs and the changes of the meeting', async () => {
		const t = await team();
		await post(t, 'start', startForm(t), t.leader);
		const { id } = (await runningMeeting(db, t.planId))!;
		await boardFetch(t, t.sales);
		await decide(t, t.sales, {
			text: 'Raise road bikes',
			ownerId: t.sales.id,
			due: '2027-01-20',
			refs: '[]'
		});
		await recordEvent(db, t.planId, 'signed', 1, t.sales.id, 'for sales');
		const [item] = (await getHierarchy(db, t.planId)).items;
		// What the history recorder writes for edits: two by Sam, one by Olu, one before the meeting.
		const edit = (user: string, oldValue: number, newValue: number, at = 'now()') =>
			db.query(
				`insert into cell_edits (plan_id, step, owner_id, measure, period, old_value, new_value, user_id, kind, at)
				 values ($1, 1, $2, 'forecast', '2027-03', $3, $4, $5, 'typed', ${at})`,
				[t.planId, item.id, oldValue, newValue, user]
			);
		await edit(t.sales.id, 10, 12);
		await edit(t.sales.id, 12, 500);
		await edit(t.ops.id, 0, 7);
		await edit(t.ops.id, 0, 99_999, `now() - interval '1 day'`);
		await post(t, 'end', { meeting: id }, t.leader);

		const md = await download(markdownRoute, t, id, t.viewer);
		expect(md.type).toBe('text/markdown; charset=utf-8');
		expect(md.text).toContain('# Minutes: January S&OP');
		expect(md.text).toMatch(/- 1\. Demand review \(owner: Sam Sales\): \d\d:\d\d–\d\d:\d\d/);
		expect(md.text).toContain('## Attendance\n- Lee Leader');
		expect(md.text).toContain('- Sam Sales (joined');
		expect(md.text).toContain('- Raise road bikes (owner: Sam Sales; due 2027-01-20; open)');
		expect(md.text).toContain('Sam Sales signed off step 1 for sales');
		expect(md.text).toContain('3 changes in all.');
		expect(md.text).toContain('- Sam Sales: 2 changes\n- Olu Operations: 1 change');
		expect(md.text).toMatch(
			/### Biggest changes\n- B-1 Road bike · Sales forecast · 2027-03: 12 → 500 by Sam Sales/
		);
		expect(md.text).not.toContain('99999');

		const html = await download(htmlRoute, t, id, t.viewer);
		expect(html.type).toBe('text/html; charset=utf-8');
		expect(html.text).toContain('<h2>Decisions</h2><ul><li>Raise road bikes');
	});

	it('say so when nothing changed, and are refused to non-members', async () => {
		const t = await team();
		await post(t, 'start', startForm(t), t.leader);
		const { id } = (await runningMeeting(db, t.planId))!;
		await post(t, 'end', { meeting: id }, t.leader);
		expect((await download(markdownRoute, t, id, t.sales)).text).toContain(
			'_No changes were made during the meeting._'
		);
		await expect(download(markdownRoute, t, id, t.outsider)).rejects.toMatchObject({ status: 404 });
	});
});
