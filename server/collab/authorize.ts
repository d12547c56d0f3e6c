import type { Queryable } from '../../src/lib/server/db/index.ts';
import { validateSessionToken, type SessionUser } from '../../src/lib/server/auth/session.ts';
import { getPlanAccess } from '../../src/lib/server/access.ts';
import { getScenarioAccess } from '../../src/lib/server/scenarios.ts';
import { canEditStep, type StepNumber } from '../../src/lib/domain/roles.ts';
import type { DocumentRef } from '../../src/lib/domain/documents.ts';

export type Authorization =
	| {
			ok: true;
			user: SessionUser;
			readOnly: boolean;
			/** In a scenario document, the steps whose measures this person may change. */
			steps: readonly StepNumber[];
	  }
	| { ok: false; status: 401 | 403 };

/**
 * Who holds this session token and what they may do with the document. Used at the upgrade and
 * again whenever a plan's membership changes, so both paths apply the same rules.
 */
export async function authorize(
	db: Queryable,
	token: string,
	ref: DocumentRef
): Promise<Authorization> {
	const session = await validateSessionToken(db, token);
	if (!session) return { ok: false, status: 401 };
	const { user } = session;
	if (ref.kind === 'ledger') return { ok: false, status: 403 };
	if (ref.kind === 'scenario') {
		const found = await getScenarioAccess(db, user.id, ref.planId, ref.scenarioId);
		if (!found) return { ok: false, status: 403 };
		const { steps } = found.rights;
		return { ok: true, user, readOnly: steps.length === 0, steps };
	}
	const access = await getPlanAccess(db, user.id, ref.planId);
	if (!access) return { ok: false, status: 403 };
	// The meta document is written by the server alone; clients only share presence through it.
	const readOnly = ref.kind === 'meta' || !canEditStep(access, ref.step);
	return { ok: true, user, readOnly, steps: ref.kind === 'step' && !readOnly ? [ref.step] : [] };
}
