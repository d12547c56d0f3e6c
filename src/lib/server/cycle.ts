/**
 * Sign-offs, step locks, reopenings and approval in Postgres. Every change runs in one transaction
 * that first locks the plan's row, so concurrent sign-offs are counted once each and exactly one
 * of them locks the step. The collaboration server learns of the result through the bridge.
 */
import {
	APPROVAL_STEP,
	checkReopen,
	checkRequired,
	checkSignOff,
	checkUnsign,
	completesStep,
	freshSteps,
	isSigner,
	MAX_REMARK,
	parseRequired,
	SIGNER_LABELS,
	stepsToReopen,
	type CycleEvent,
	type CycleEventKind,
	type CycleView,
	type Signer,
	type StepState
} from '../domain/cycle.ts';
import type { PlanAccess, StepNumber } from '../domain/roles.ts';
import type { SessionUser } from './auth/session.ts';
import type { Db, Queryable } from './db/index.ts';
import { Refusal } from './refusal.ts';
import {
	buildVersionContent,
	listVersions,
	saveApprovedVersion,
	type ChosenScenario,
	type VersionContent
} from './plan-versions.ts';

interface Actor {
	planId: string;
	user: SessionUser;
	access: PlanAccess;
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

export async function readSteps(db: Queryable, planId: string): Promise<StepState[]> {
	const steps = freshSteps();
	const stepRows = await db.query<{
		step: StepNumber;
		required: string | null;
		locked_at: unknown;
		locked_by: string | null;
	}>(
		`select s.step, s.required, s.locked_at, u.name as locked_by
		 from plan_steps s left join users u on u.id = s.locked_by where s.plan_id = $1`,
		[planId]
	);
	for (const row of stepRows) {
		const state = steps[row.step - 1];
		state.required = parseRequired(row.step, row.required);
		state.lockedAt = iso(row.locked_at);
		state.lockedBy = state.lockedAt ? (row.locked_by ?? 'a former member') : null;
	}
	const signOffs = await db.query<{
		step: StepNumber;
		signer: Signer;
		user_id: string;
		name: string;
		remark: string;
		signed_at: unknown;
	}>(
		`select so.step, so.signer, so.user_id, u.name, so.remark, so.signed_at
		 from sign_offs so join users u on u.id = so.user_id
		 where so.plan_id = $1 order by so.signed_at, so.signer`,
		[planId]
	);
	for (const row of signOffs) {
		steps[row.step - 1].signOffs.push({
			signer: row.signer,
			userId: row.user_id,
			userName: row.name,
			remark: row.remark,
			signedAt: iso(row.signed_at)!
		});
	}
	return steps;
}

/** What the collaboration server needs per plan: locked steps, and steps with sign-offs to withdraw. */
export async function readCycleFlags(
	db: Queryable,
	planId: string
): Promise<{ locked: StepNumber[]; signed: StepNumber[] }> {
	const locked = await db.query<{ step: StepNumber }>(
		`select step from plan_steps where plan_id = $1 and locked_at is not null`,
		[planId]
	);
	const signed = await db.query<{ step: StepNumber }>(
		`select distinct step from sign_offs where plan_id = $1`,
		[planId]
	);
	return { locked: locked.map((r) => r.step), signed: signed.map((r) => r.step) };
}

export async function listEvents(
	db: Queryable,
	planId: string,
	limit = 200
): Promise<CycleEvent[]> {
	const rows = await db.query<{
		id: string | number;
		kind: CycleEventKind;
		step: StepNumber | null;
		name: string | null;
		detail: string;
		created_at: unknown;
	}>(
		`select e.id, e.kind, e.step, u.name, e.detail, e.created_at
		 from plan_events e left join users u on u.id = e.user_id
		 where e.plan_id = $1 order by e.id desc limit $2`,
		[planId, limit]
	);
	return rows.map((r) => ({
		id: Number(r.id),
		kind: r.kind,
		step: r.step,
		userName: r.name,
		detail: r.detail,
		at: iso(r.created_at)!
	}));
}

export async function recordEvent(
	db: Queryable,
	planId: string,
	kind: CycleEventKind,
	step: StepNumber | null,
	userId: string | null,
	detail = ''
): Promise<void> {
	await db.query(
		`insert into plan_events (plan_id, kind, step, user_id, detail) values ($1, $2, $3, $4, $5)`,
		[planId, kind, step, userId, detail]
	);
}

/** Runs `fn` on the plan's current steps with the plan's row locked until the commit. */
function withSteps<T>(
	db: Db,
	planId: string,
	fn: (tx: Queryable, steps: StepState[]) => Promise<T>
): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.query(`select id from plans where id = $1 for update`, [planId]);
		return fn(tx, await readSteps(tx, planId));
	});
}

const lockTimes = (steps: StepState[]) => steps.slice(0, APPROVAL_STEP - 1).map((s) => s.lockedAt);

function refuse(message: string | null, status: 403 | 409 = 409): void {
	if (message) throw new Refusal(message, status);
}

async function lockStep(tx: Queryable, planId: string, step: StepNumber, userId: string) {
	await tx.query(
		`insert into plan_steps (plan_id, step, locked_at, locked_by) values ($1, $2, now(), $3)
		 on conflict (plan_id, step) do update set locked_at = now(), locked_by = excluded.locked_by`,
		[planId, step, userId]
	);
	await recordEvent(tx, planId, 'locked', step, userId);
}

export interface SignOffResult {
	locked: boolean;
	/** The number of the approved version, when this sign-off approved the plan. */
	approvedVersion: number | null;
}

/**
 * Signs off a step for `signer`. The last required sign-off locks the step; on executive review it
 * approves the plan and saves its approved version, naming the scenario chosen, if any.
 */
export async function signOff(
	db: Db,
	{ planId, user, access }: Actor,
	step: StepNumber,
	signer: Signer,
	remark: string,
	scenario: ChosenScenario | null = null
): Promise<SignOffResult> {
	const text = remark.trim();
	if (text.length > MAX_REMARK) {
		throw new Refusal(`Keep the remark under ${MAX_REMARK} characters.`, 400);
	}
	const status = access.role === 'viewer' ? 403 : 409;
	// Approval saves every value of the plan, which takes a while on a large one. Steps 1–3 are
	// locked by then, so the values are read before the transaction, not while holding the plan's
	// row; the transaction checks that no step was reopened (or relocked) meanwhile.
	let approval: { locks: (string | null)[]; content: VersionContent } | null = null;
	if (step === APPROVAL_STEP) {
		const before = await readSteps(db, planId);
		refuse(checkSignOff(before, step, signer, access), status);
		if (completesStep(before[step - 1], signer)) {
			approval = { locks: lockTimes(before), content: await buildVersionContent(db, planId) };
		}
	}
	return withSteps(db, planId, async (tx, steps) => {
		refuse(checkSignOff(steps, step, signer, access), status);
		await tx.query(
			`insert into sign_offs (plan_id, step, signer, user_id, remark) values ($1, $2, $3, $4, $5)`,
			[planId, step, signer, user.id, text]
		);
		await recordEvent(
			tx,
			planId,
			'signed',
			step,
			user.id,
			`for ${SIGNER_LABELS[signer]}${text ? `: ${text}` : ''}`
		);
		if (!completesStep(steps[step - 1], signer)) return { locked: false, approvedVersion: null };
		await lockStep(tx, planId, step, user.id);
		if (step !== APPROVAL_STEP) return { locked: true, approvedVersion: null };
		if (!approval || lockTimes(steps).join() !== approval.locks.join()) {
			throw new Refusal('The plan changed while it was being approved; approve it again.', 409);
		}
		const version = await saveApprovedVersion(tx, planId, user.id, approval.content, scenario);
		await recordEvent(tx, planId, 'approved', step, user.id, `version ${version}`);
		return { locked: true, approvedVersion: version };
	});
}

/** Takes back one's own function's sign-off while the step is still open. */
export async function unsign(
	db: Db,
	{ planId, user, access }: Actor,
	step: StepNumber,
	signer: Signer
): Promise<void> {
	await withSteps(db, planId, async (tx, steps) => {
		refuse(checkUnsign(steps, step, signer, access), 403);
		await tx.query(`delete from sign_offs where plan_id = $1 and step = $2 and signer = $3`, [
			planId,
			step,
			signer
		]);
		await recordEvent(tx, planId, 'unsigned', step, user.id, `for ${SIGNER_LABELS[signer]}`);
	});
}

/**
 * Reopens a locked step (and executive review with it, if the plan was approved). Its sign-offs
 * go: they were given to the numbers that are about to change.
 */
export async function reopen(
	db: Db,
	{ planId, user, access }: Actor,
	step: StepNumber,
	reason: string
): Promise<void> {
	await withSteps(db, planId, async (tx, steps) => {
		refuse(checkReopen(steps, step, access, reason), access.role === 'leader' ? 409 : 403);
		for (const n of stepsToReopen(steps, step)) {
			await tx.query(
				`update plan_steps set locked_at = null, locked_by = null where plan_id = $1 and step = $2`,
				[planId, n]
			);
			await tx.query(`delete from sign_offs where plan_id = $1 and step = $2`, [planId, n]);
			await recordEvent(
				tx,
				planId,
				'reopened',
				n,
				user.id,
				n === step ? reason.trim() : `approval withdrawn: step ${step} reopened`
			);
		}
		await tx.query(`update plans set approved_version = null where id = $1`, [planId]);
	});
}

/** Changes who must sign off a step; if everyone now required has signed, the step locks. */
export async function setRequired(
	db: Db,
	{ planId, user, access }: Actor,
	step: StepNumber,
	signers: readonly string[]
): Promise<{ locked: boolean }> {
	const list = [...new Set(signers)].filter(isSigner);
	return withSteps(db, planId, async (tx, steps) => {
		refuse(checkRequired(steps, step, list, access), access.role === 'leader' ? 409 : 403);
		await tx.query(
			`insert into plan_steps (plan_id, step, required) values ($1, $2, $3)
			 on conflict (plan_id, step) do update set required = excluded.required`,
			[planId, step, list.join(',')]
		);
		await recordEvent(
			tx,
			planId,
			'required',
			step,
			user.id,
			list.map((s) => SIGNER_LABELS[s]).join(', ')
		);
		// Dropping the one missing function can complete the step: it locks as a sign-off would.
		const given = new Set(steps[step - 1].signOffs.map((s) => s.signer));
		if (step === APPROVAL_STEP || !list.every((s) => given.has(s))) return { locked: false };
		await lockStep(tx, planId, step, user.id);
		return { locked: true };
	});
}

/**
 * An edit reached an open step after sign-offs were given: the numbers they approved changed, so
 * they are withdrawn. True if there was anything to withdraw.
 */
export async function withdrawAfterEdit(
	db: Db,
	planId: string,
	step: StepNumber,
	editorId: string
): Promise<boolean> {
	return withSteps(db, planId, async (tx, steps) => {
		const state = steps[step - 1];
		if (state.lockedAt || state.signOffs.length === 0) return false;
		await tx.query(`delete from sign_offs where plan_id = $1 and step = $2`, [planId, step]);
		const who = state.signOffs.map((s) => SIGNER_LABELS[s.signer]).join(', ');
		await recordEvent(tx, planId, 'withdrawn', step, editorId, `${who}: the numbers changed`);
		return true;
	});
}

export async function readCycleView(db: Queryable, planId: string): Promise<CycleView> {
	const [steps, events, versions] = await Promise.all([
		readSteps(db, planId),
		listEvents(db, planId),
		listVersions(db, planId)
	]);
	return { steps, events, versions };
}
