/**
 * A plan as an Excel workbook, written as a stream: the "Plan" sheet in Concord's wide layout
 * (one row per owner × measure, months as columns) that the importer reads back, coloured as the
 * grid flags it; a "KPIs" sheet with the headline figures and what they mean; a legend.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { cellFlag, type CellFlag } from '../../domain/cell-flags.ts';
import type { RowScope } from '../../domain/grid-rows.ts';
import { computeKpis, KPI_DEFINITIONS, type Kpis } from '../../domain/kpis.ts';
import type { MeasureFormat } from '../../domain/measures.ts';
import { DEFINITIONS } from '../../domain/plan-figures.ts';
import { versionFigures } from '../../domain/version-figures.ts';
import { linesOf, versionOwners } from '../../domain/version-table.ts';
import type { VersionContent } from '../plan-versions.ts';

export const PLAN_SHEET = 'Plan';
export const PLAN_TOTAL = 'Plan total';
export const FIXED_HEADERS = ['Family', 'SKU', 'Item', 'Measure'] as const;

const FILL: Record<Exclude<CellFlag['cls'], ''>, string> = {
	'flag-bad': 'FFFECACA',
	'flag-warn': 'FFFEF3C7'
};
const DERIVED_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF6B7280' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };

/** Excel number formats by measure format; money names the plan's currency. */
function numberFormats(currency: string): Record<MeasureFormat, string> {
	const code = /^[A-Z]{3}$/.test(currency) ? ` "${currency}"` : '';
	return {
		units: '#,##0',
		currency: `#,##0.00${code}`,
		// Percent measures are held as fractions (0.25 is 25%).
		percent: '0.0%',
		weeks: '0.0',
		days: '0.0'
	};
}

/** Writes the workbook to `out`; resolves once all of it is written (the stream is ended). */
export async function writePlanXlsx(
	content: VersionContent,
	options: { currency: string; title: string },
	out: NodeJS.WritableStream | Writable
): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out as Writable,
		useStyles: true,
		useSharedStrings: false
	});
	workbook.creator = 'Concord';
	workbook.lastModifiedBy = 'Concord';
	workbook.title = options.title;
	const formats = numberFormats(options.currency);
	const figures = versionFigures(content);
	writePlanSheet(workbook, content, formats, figures);
	writeKpiSheet(
		workbook,
		computeKpis(figures, content.families, content.items, content.periods),
		formats
	);
	writeLegend(workbook);
	await workbook.commit();
}

function writePlanSheet(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	content: VersionContent,
	formats: Record<MeasureFormat, string>,
	figures: ReturnType<typeof versionFigures>
) {
	const months = content.periods.length;
	const sheet = workbook.addWorksheet(PLAN_SHEET, {
		views: [{ state: 'frozen', xSplit: FIXED_HEADERS.length, ySplit: 1 }],
		properties: {
			outlineLevelRow: 1,
			outlineProperties: { summaryBelow: false, summaryRight: true }
		}
	});
	sheet.columns = [
		{ width: 22 },
		{ width: 14 },
		{ width: 28 },
		{ width: 24 },
		...content.periods.map(() => ({ width: 11 }))
	];
	const header = sheet.addRow([...FIXED_HEADERS, ...content.periods]);
	header.font = HEADER_FONT;
	header.commit();
	const itemById = new Map(content.items.map((i) => [i.id, i]));
	for (const owner of versionOwners(content)) {
		const item = owner.level === 'item' ? itemById.get(owner.id) : undefined;
		const scope: RowScope = item
			? { kind: 'item', item }
			: owner.level === 'family'
				? { kind: 'family', family: { id: owner.id, name: owner.family }, itemCount: 0 }
				: { kind: 'total' };
		const f = figures.of(scope);
		const family = owner.level === 'plan' ? PLAN_TOTAL : owner.family;
		for (const { measure, values } of linesOf(content.rows[owner.id], owner.level, months)) {
			const row = sheet.addRow([
				family,
				owner.sku,
				owner.item,
				measure.label,
				...values.map((v) => v ?? null)
			]);
			if (owner.level === 'item') row.outlineLevel = 1;
			if (measure.kind === 'derived') row.font = DERIVED_FONT;
			for (let t = 0; t < months; t++) {
				const cell = row.getCell(FIXED_HEADERS.length + 1 + t);
				cell.numFmt = formats[measure.format];
				if (measure.kind === 'derived') cell.font = DERIVED_FONT;
				const flag = cellFlag(figures, scope, f, measure.id, t);
				if (flag.cls) {
					cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[flag.cls] } };
				}
			}
			row.commit();
		}
	}
	sheet.commit();
}

/** The KPI strip's figures, each with its unit's format and its definition. */
function writeKpiSheet(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	kpis: Kpis,
	formats: Record<MeasureFormat, string>
) {
	const sheet = workbook.addWorksheet('KPIs', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = [{ width: 26 }, { width: 16 }, { width: 22 }, { width: 100 }];
	const peak = kpis.utilisationPeak;
	const accuracy = kpis.accuracy;
	const lines: [string, number | null, MeasureFormat | 'count', string, string][] = [
		['Consensus demand', kpis.demand, 'units', '', KPI_DEFINITIONS.demand],
		['Supply − demand', kpis.supplyGap, 'units', '', KPI_DEFINITIONS.gap],
		['Months at stock-out risk', kpis.stockoutMonths, 'count', '', KPI_DEFINITIONS.stockout],
		['Fill rate', kpis.fillRate, 'percent', '', KPI_DEFINITIONS.fillRate],
		['Revenue at risk', kpis.revenueAtRisk, 'currency', '', KPI_DEFINITIONS.revenueAtRisk],
		['Inventory value', kpis.inventoryValue, 'currency', '', KPI_DEFINITIONS.inventoryValue],
		['Inventory turns', kpis.turns, 'weeks', 'a year', KPI_DEFINITIONS.turns],
		['Days of supply', kpis.daysOfSupply, 'days', 'days', KPI_DEFINITIONS.daysOfSupply],
		[
			'Excess inventory',
			kpis.excessValue,
			'currency',
			kpis.itemsWithoutCost ? `${kpis.itemsWithoutCost} items without unit cost` : '',
			KPI_DEFINITIONS.excess
		],
		['Revenue', kpis.revenue, 'currency', '', DEFINITIONS.revenue],
		['Budget revenue', kpis.budget, 'currency', '', 'Budget revenue summed over the horizon.'],
		['Revenue vs budget', kpis.revenueVsBudget, 'percent', '', KPI_DEFINITIONS.revenue],
		['Margin', kpis.marginPct, 'percent', '', KPI_DEFINITIONS.margin],
		[
			'Peak capacity use',
			peak?.value ?? null,
			'percent',
			[peak ? `${peak.family}, ${peak.period}` : '', withoutCapacity(kpis)]
				.filter(Boolean)
				.join('; '),
			KPI_DEFINITIONS.utilisation
		],
		[
			'Forecast WAPE',
			accuracy?.wape ?? null,
			'percent',
			accuracy ? `over ${accuracy.months} months with actuals` : 'no actual sales',
			KPI_DEFINITIONS.accuracy
		],
		['Forecast MAPE', accuracy?.mape ?? null, 'percent', '', ''],
		['Forecast bias', accuracy?.bias ?? null, 'percent', '', '']
	];
	const header = sheet.addRow(['KPI', 'Value', 'Note', 'Definition']);
	header.font = HEADER_FONT;
	header.commit();
	for (const [label, value, format, note, definition] of lines) {
		const finite = value !== null && Number.isFinite(value) ? value : null;
		const row = sheet.addRow([label, finite, note, definition]);
		row.getCell(2).numFmt = format === 'count' ? '0' : formats[format];
		row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
		row.commit();
	}
	sheet.commit();
}

const withoutCapacity = (kpis: Kpis) =>
	kpis.familiesWithoutCapacity.length
		? `left out (no capacity): ${kpis.familiesWithoutCapacity.join(', ')}`
		: '';

/** What the Plan sheet's colours and fonts say. */
function writeLegend(workbook: ExcelJS.stream.xlsx.WorkbookWriter) {
	const sheet = workbook.addWorksheet('Legend');
	sheet.columns = [{ width: 14 }, { width: 100 }];
	const lines: [string, string, Partial<ExcelJS.Style>][] = [
		[
			'Red',
			'Projected inventory below zero (on a family or the plan total: any of its items short); capacity utilisation over 100%.',
			{ fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL['flag-bad'] } } }
		],
		[
			'Amber',
			'Projected inventory below the safety-stock target; consensus demand that differs from sales forecast + marketing adjustment.',
			{ fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL['flag-warn'] } } }
		],
		[
			'Grey italic',
			'A derived measure, computed by Concord from the typed ones; importing the sheet back leaves it out.',
			{ font: DERIVED_FONT }
		],
		['Outline', `Each family's items are grouped under its totals; ${PLAN_TOTAL} comes first.`, {}]
	];
	const header = sheet.addRow(['Mark', 'Meaning']);
	header.font = HEADER_FONT;
	header.commit();
	for (const [mark, meaning, style] of lines) {
		const row = sheet.addRow([mark, meaning]);
		Object.assign(row.getCell(1), style);
		row.commit();
	}
	sheet.commit();
}
