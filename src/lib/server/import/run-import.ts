import {
	mappingProblems,
	numberStyleOf,
	proposeMapping,
	rememberMapping
} from '../../domain/import/layout.ts';
import { readRecordsInSlices } from '../../domain/import/records.ts';
import { planImportInSlices, type PlanSnapshot } from '../../domain/import/plan-changes.ts';
import { runSlicesYielding } from '../slices.ts';
import { historyImport } from '../../domain/import/history-changes.ts';
import { appliedSentence } from '../../domain/import/sentences.ts';
import type {
	ImportOptions,
	ImportPreview,
	ImportStreamLine,
	ImportSummary,
	ImportTarget
} from '../../domain/import/preview.ts';
import type {
	FileRead,
	ImportProblem,
	ImportRecords,
	Mapping,
	SheetCell
} from '../../domain/import/types.ts';
import { lockedStepMessage } from '../../domain/cycle.ts';
import { inputMeasure, rowKey, type InputMeasure } from '../../domain/measures.ts';
import { periods as monthsOf } from '../../domain/periods.ts';
import { canEditStep, STEPS, type PlanAccess } from '../../domain/roles.ts';
import { isEmptyHierarchyChange } from '../../sync/server-write.ts';
import { readCycleFlags, recordEvent } from '../cycle.ts';
import type { Db } from '../db/index.ts';
import { randomId } from '../ids.ts';
import { writePlan } from '../plan-writes.ts';
import { loadStepValues } from '../plan-versions.ts';
import { getHierarchy, type Plan } from '../plans.ts';
import { readImportFile } from './read-file.ts';
import { readRememberedMapping, saveRememberedMapping } from './mappings.ts';
import { readHistory, saveHistory } from './sales-history.ts';

/** Who imports: a person, or an API token acting for the admin who made it. */
export interface ImportActor {
	/** Logged with the change; the token's creator for an API token. */
	userId: string | null;
	/** How the plan's log names the importer beside the person (e.g. "API token Nightly ERP"). */
	via: string | null;
	access: PlanAccess;
}

export interface ImportRequest {
	bytes: Uint8Array;
	fileName: string;
	options: ImportOptions;
	apply: boolean;
	progress?: (line: Extract<ImportStreamLine, { progress: unknown }>['progress']) => void;
}

const SAMPLE_LINES = 20;

/** Reads a file into a plan: previews it, or with `apply` writes it through the door. */
export async function importIntoPlan(
	db: Db,
	plan: Plan,
	actor: ImportActor,
	request: ImportRequest
): Promise<ImportPreview> {
	const read = await readAndMap(db, 'plan', plan.id, request);
	const { records } = read;
	const problems = [...read.problems];
	request.progress?.({ phase: 'check', done: 0, total: 1 });

	const periods = monthsOf(plan.start_month, plan.horizon);
	const horizon = new Set(periods);
	const flags = await readCycleFlags(db, plan.id);
	const refusal = (m: InputMeasure) => importRefusal(actor.access, flags.locked, m);
	const snapshot = await planSnapshot(db, plan.id, periods);
	// Actual sales are the workspace's history, kept whatever month they fall in; the plan's row
	// shows those within its horizon.
	const actuals = records.values.filter((v) => v.measure === 'actual');
	const values = records.values.filter((v) => v.measure !== 'actual' || horizon.has(v.month));
	const plant = await runSlicesYielding(
		planImportInSlices({ values, items: records.items }, snapshot, refusal, () => randomId(10))
	);
	const history = actuals.length
		? historyImport(
				actuals,
				await readHistory(
					db,
					plan.workspace_id,
					actuals.flatMap((v) => v.sku ?? [])
				)
			)
		: null;
	problems.push(...plant.problems, ...(history?.problems ?? []));

	const summary: ImportSummary = {
		...plant.summary,
		valuesRead: records.values.length,
		skipped: records.skipped,
		history: history?.summary ?? null
	};
	const changes =
		plant.changed > 0 ||
		!isEmptyHierarchyChange(plant.write.hierarchy) ||
		(history?.rows.length ?? 0) > 0;
	const canApply =
		problems.length === 0 && summary.measures.every((m) => m.refused === null) && changes;
	const preview = previewOf('plan', request, read, problems, summary, canApply);
	if (!request.apply || !canApply) return preview;

	// A step locked since the check above is refused by the door, before anything changes.
	request.progress?.({ phase: 'apply', done: 0, total: 1 });
	await writePlan(db, plan.id, { userId: actor.userId, source: 'import' }, plant.write);
	if (history) await saveHistory(db, plan.workspace_id, history.rows, actor.userId);
	await saveRememberedMapping(db, 'plan', plan.id, rememberMapping(read.header, read.mapping));
	await recordEvent(
		db,
		plan.id,
		'imported',
		null,
		actor.userId,
		logLine(request.fileName, actor, preview)
	);
	request.progress?.({ phase: 'apply', done: 1, total: 1 });
	return { ...preview, applied: true };
}

/** Reads a file into the workspace's sales history (actual sales per SKU and month). */
export async function importIntoHistory(
	db: Db,
	workspaceId: string,
	actor: Pick<ImportActor, 'userId'>,
	request: ImportRequest
): Promise<ImportPreview> {
	const read = await readAndMap(db, 'history', workspaceId, request, 'actual');
	request.progress?.({ phase: 'check', done: 0, total: 1 });
	const values = read.records.values;
	const history = historyImport(
		values,
		await readHistory(
			db,
			workspaceId,
			values.flatMap((v) => v.sku ?? [])
		)
	);
	const problems = [...read.problems, ...history.problems];
	const summary: ImportSummary = {
		valuesRead: values.length,
		measures: [],
		familiesAdded: [],
		itemsAdded: { count: 0, examples: [] },
		itemsRenamed: 0,
		unknownSkus: { count: 0, examples: [] },
		outsideHorizon: { count: 0, months: [] },
		skipped: read.records.skipped,
		history: history.summary
	};
	const canApply = problems.length === 0 && history.rows.length > 0;
	const preview = previewOf('history', request, read, problems, summary, canApply);
	if (!request.apply || !canApply) return preview;
	request.progress?.({ phase: 'apply', done: 0, total: 1 });
	await saveHistory(db, workspaceId, history.rows, actor.userId);
	await saveRememberedMapping(
		db,
		'history',
		workspaceId,
		rememberMapping(read.header, read.mapping)
	);
	request.progress?.({ phase: 'apply', done: 1, total: 1 });
	return { ...preview, applied: true };
}

/** Why this person may not import a measure now, or null. */
function importRefusal(
	access: PlanAccess,
	locked: readonly number[],
	m: InputMeasure
): string | null {
	const step = STEPS[m.step - 1];
	if (!canEditStep(access, m.step)) {
		return `${m.label} belongs to step ${m.step} (${step.name}); only leaders and ${step.editors.join(' and ')} editors may import it.`;
	}
	if (locked.includes(m.step)) return lockedStepMessage(m.step);
	return null;
}

interface MappedFile {
	file: FileRead;
	header: SheetCell[];
	mapping: Mapping;
	numberStyleReason: string;
	records: ImportRecords;
	problems: ImportProblem[];
}

async function readAndMap(
	db: Db,
	target: ImportTarget,
	ownerId: string,
	request: ImportRequest,
	defaultMeasure?: string
): Promise<MappedFile> {
	request.progress?.({ phase: 'read', done: 0, total: 1 });
	const file = await readImportFile(request.bytes, request.fileName, {
		sheet: request.options.sheet
	});
	const hint = file.delimiter === ';' ? 'comma' : undefined;
	const proposed =
		request.options.mapping ??
		proposeMapping(file.rows, await readRememberedMapping(db, target, ownerId), hint);
	const mapping =
		defaultMeasure &&
		proposed.layout === 'wide' &&
		proposed.measure === null &&
		proposed.columns.measure === undefined
			? { ...proposed, measure: defaultMeasure }
			: proposed;
	const headerIndex = file.rows.findIndex((r) => r.line === mapping.headerLine);
	const header = headerIndex >= 0 ? file.rows[headerIndex].cells : [];
	const detected = numberStyleOf(file.rows, mapping, hint);
	const numberStyleReason =
		detected.style === mapping.numberStyle
			? detected.reason
			: `Read with a decimal ${mapping.numberStyle} as chosen (${detected.reason})`;
	const problems = [...file.problems];
	const mappingIssues = file.rows.length ? mappingProblems(mapping) : [];
	problems.push(...mappingIssues);
	if (file.rows.length === 0) {
		const others = file.sheets.filter((s) => s !== file.sheet);
		problems.push({
			line: 0,
			column: null,
			message: others.length
				? `The sheet "${file.sheet}" is empty; pick another: ${others.map((s) => `"${s}"`).join(', ')}`
				: 'The file holds no lines to import'
		});
	} else if (headerIndex < 0) {
		problems.push({
			line: mapping.headerLine,
			column: null,
			message: 'the header line is not in the file'
		});
	}
	const records: ImportRecords =
		mappingIssues.length || headerIndex < 0
			? { values: [], items: [], problems: [], skipped: [] }
			: await runSlicesYielding(readRecordsInSlices(file.rows, mapping));
	problems.push(...records.problems);
	request.progress?.({ phase: 'read', done: 1, total: 1 });
	return { file, header, mapping, numberStyleReason, records, problems };
}

function previewOf(
	target: ImportTarget,
	request: ImportRequest,
	read: MappedFile,
	problems: ImportProblem[],
	summary: ImportSummary,
	canApply: boolean
): ImportPreview {
	const { rows, kind, sheets, sheet, encoding, delimiter } = read.file;
	const from = Math.max(
		0,
		rows.findIndex((r) => r.line === read.mapping.headerLine)
	);
	return {
		target,
		fileName: request.fileName,
		file: { kind, sheets, sheet, encoding, delimiter },
		headers: read.header.map(text),
		mapping: read.mapping,
		numberStyleReason: read.numberStyleReason,
		sample: rows
			.slice(from, from + SAMPLE_LINES)
			.map((r) => ({ line: r.line, cells: r.cells.map(text) })),
		problems,
		summary,
		canApply,
		applied: false
	};
}

function text(cell: SheetCell): string {
	return cell === null ? '' : String(cell);
}

async function planSnapshot(db: Db, planId: string, periods: string[]): Promise<PlanSnapshot> {
	const { families, items } = await getHierarchy(db, planId);
	const leadTimes = await db.query<{ id: string; lead_time_days: string | number | null }>(
		`select id, lead_time_days from items where plan_id = $1 and lead_time_days is not null`,
		[planId]
	);
	const lead = new Map(leadTimes.map((r) => [r.id, Number(r.lead_time_days)]));
	const values = await loadStepValues(db, planId, periods);
	return {
		periods,
		families,
		items: items.map((i) => ({ ...i, lead_time_days: lead.get(i.id) ?? null })),
		row(ownerId, measureId) {
			const step = values.get(inputMeasure(measureId)!.step)!;
			const key = rowKey(ownerId, measureId);
			return { base: step.baseRow(key), edit: (t) => step.edit(key, t) };
		}
	};
}

function logLine(fileName: string, actor: ImportActor, preview: ImportPreview): string {
	return `${fileName}${actor.via ? ` (${actor.via})` : ''}: ${appliedSentence(preview)}`;
}
