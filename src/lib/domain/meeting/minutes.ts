/** A meeting's minutes as data, and written out as Markdown and as printable HTML. */
import { formatDuration, itemClock, meetingElapsed } from './timer.ts';

export interface MinutesAgendaItem {
	position: number;
	title: string;
	ownerName: string | null;
	minutes: number;
	startedAt: string | null;
	endedAt: string | null;
}

export interface MinutesDecision {
	text: string;
	ownerName: string | null;
	dueDate: string | null;
	/** The cells or rows it concerns, as readable labels. */
	refs: string[];
	status: 'open' | 'done';
}

/** One changed cell, as the change log of the meeting's time says. */
export interface MinutesEdit {
	userName: string | null;
	/** The cell, e.g. "B-1 Road bike · Sales forecast · 2027-03". */
	label: string;
	oldValue: number | null;
	newValue: number | null;
	at: string;
}

export interface ChangeSummary {
	total: number;
	people: { name: string; count: number }[];
	/** The largest changes by size, largest first. */
	biggest: MinutesEdit[];
}

export interface Minutes {
	title: string;
	planName: string;
	scope: string;
	startedAt: string;
	endedAt: string | null;
	startedBy: string | null;
	agenda: MinutesAgendaItem[];
	attendance: { name: string; joinedAt: string }[];
	decisions: MinutesDecision[];
	signOffs: { at: string; text: string }[];
	changes: ChangeSummary;
}

export const SOMEONE = 'Someone (account removed)';
export const NO_CHANGES = 'No changes were made during the meeting.';

/** "09:05" in UTC, as minutes show times. */
export function clockTime(iso: string | null): string {
	return iso ? iso.slice(11, 16) : '—';
}

const day = (iso: string) => iso.slice(0, 10);
const value = (v: number | null) => (v === null ? 'empty' : String(v));

function itemActual(item: MinutesAgendaItem, end: number): string {
	if (!item.startedAt) return 'not reached';
	const clock = itemClock(item, end);
	const over = clock.over ? `, ${formatDuration(clock.overMs)} over` : '';
	return `${clockTime(item.startedAt)}–${clockTime(item.endedAt)}, ${formatDuration(clock.elapsedMs)} of ${item.minutes} min${over}`;
}

function duration(m: Minutes): string {
	const end = m.endedAt ? Date.parse(m.endedAt) : Date.parse(m.startedAt);
	return formatDuration(meetingElapsed(m.startedAt, m.endedAt, end));
}

/** The minutes' sections as plain lines, shared by the Markdown and the HTML. */
function sections(m: Minutes) {
	const end = m.endedAt ? Date.parse(m.endedAt) : Date.parse(m.startedAt);
	return {
		when: `${day(m.startedAt)}, ${clockTime(m.startedAt)}–${clockTime(m.endedAt)} UTC (${duration(m)})`,
		agenda: m.agenda.map(
			(a) =>
				`${a.position + 1}. ${a.title} (owner: ${a.ownerName ?? 'none'}): ${itemActual(a, end)}`
		),
		attendance: m.attendance.map((a) => `${a.name} (joined ${clockTime(a.joinedAt)})`),
		decisions: m.decisions.map(
			(d) =>
				`${d.text} (owner: ${d.ownerName ?? 'none'}; due ${d.dueDate ?? 'no date'}; ${d.status})` +
				(d.refs.length ? `; concerns ${d.refs.join(', ')}` : '')
		),
		signOffs: m.signOffs.map((s) => `${clockTime(s.at)} ${s.text}`),
		people: m.changes.people.map(
			(p) => `${p.name}: ${p.count} ${p.count === 1 ? 'change' : 'changes'}`
		),
		biggest: m.changes.biggest.map(
			(e) =>
				`${e.label}: ${value(e.oldValue)} → ${value(e.newValue)} by ${e.userName ?? SOMEONE} at ${clockTime(e.at)}`
		)
	};
}

/** Markdown's inline special characters in text people typed, escaped (every line is a list item). */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\r?\n/g, ' ');
}

export function minutesMarkdown(m: Minutes): string {
	const s = sections(sanitized(m, escapeMarkdown));
	const list = (lines: string[], empty: string) =>
		lines.length ? lines.map((l) => `- ${l}`).join('\n') : `_${empty}_`;
	return [
		`# Minutes: ${escapeMarkdown(m.title)}`,
		'',
		`Plan: ${escapeMarkdown(m.planName)} · ${escapeMarkdown(m.scope)}  `,
		`When: ${s.when}  `,
		`Started by: ${m.startedBy ? escapeMarkdown(m.startedBy) : 'unknown'}`,
		'',
		'## Agenda',
		list(s.agenda, 'No agenda.'),
		'',
		'## Attendance',
		list(s.attendance, 'Nobody joined.'),
		'',
		'## Decisions',
		list(s.decisions, 'No decisions were recorded.'),
		'',
		'## Sign-offs',
		list(s.signOffs, 'No sign-offs during the meeting.'),
		'',
		'## Changes during the meeting',
		m.changes.total === 0
			? `_${NO_CHANGES}_`
			: [
					`${m.changes.total} ${m.changes.total === 1 ? 'change' : 'changes'} in all.`,
					'',
					list(s.people, ''),
					'',
					'### Biggest changes',
					list(s.biggest, '')
				].join('\n'),
		''
	].join('\n');
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** A standalone page with print styles: the browser's Print makes the PDF. */
export function minutesHtml(m: Minutes): string {
	const s = sections(sanitized(m, escapeHtml));
	const list = (lines: string[], empty: string) =>
		lines.length
			? `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`
			: `<p class="empty">${empty}</p>`;
	const title = escapeHtml(m.title);
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes: ${title}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:1.5rem}
.empty{color:#555;font-style:italic}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}li{break-inside:avoid}}
</style></head><body>
<h1>Minutes: ${title}</h1>
<p>Plan: ${escapeHtml(m.planName)} · ${escapeHtml(m.scope)}<br>When: ${s.when}<br>Started by: ${m.startedBy ? escapeHtml(m.startedBy) : 'unknown'}</p>
<h2>Agenda</h2>${list(s.agenda, 'No agenda.')}
<h2>Attendance</h2>${list(s.attendance, 'Nobody joined.')}
<h2>Decisions</h2>${list(s.decisions, 'No decisions were recorded.')}
<h2>Sign-offs</h2>${list(s.signOffs, 'No sign-offs during the meeting.')}
<h2>Changes during the meeting</h2>${
		m.changes.total === 0
			? `<p class="empty">${NO_CHANGES}</p>`
			: `<p>${m.changes.total} ${m.changes.total === 1 ? 'change' : 'changes'} in all.</p>${list(s.people, '')}<h3>Biggest changes</h3>${list(s.biggest, '')}`
	}
</body></html>
`;
}

/** The minutes with every text people typed passed through `escape`. */
function sanitized(m: Minutes, escape: (text: string) => string): Minutes {
	const name = (n: string | null) => (n === null ? null : escape(n));
	return {
		...m,
		agenda: m.agenda.map((a) => ({ ...a, title: escape(a.title), ownerName: name(a.ownerName) })),
		attendance: m.attendance.map((a) => ({ ...a, name: escape(a.name) })),
		decisions: m.decisions.map((d) => ({
			...d,
			text: escape(d.text),
			ownerName: name(d.ownerName),
			refs: d.refs.map(escape)
		})),
		signOffs: m.signOffs.map((s) => ({ ...s, text: escape(s.text) })),
		changes: {
			...m.changes,
			people: m.changes.people.map((p) => ({ ...p, name: escape(p.name) })),
			biggest: m.changes.biggest.map((e) => ({
				...e,
				label: escape(e.label),
				userName: name(e.userName)
			}))
		}
	};
}
