import { describe, expect, it } from 'vitest';
import {
	bodySegments,
	canComment,
	checkCommentBody,
	checkTarget,
	commentMarkers,
	insertMention,
	MAX_COMMENT_LENGTH,
	mentionedIds,
	mentionQuery,
	newestFirst,
	suggestMembers,
	targetLabel,
	threadMatches,
	threadsWithComments,
	type ThreadView
} from './comments';

const members = [
	{ id: 'sam', name: 'Sam' },
	{ id: 'sams', name: 'Sam Sales' },
	{ id: 'olu', name: 'Olu Operations' }
];

describe('comment bodies', () => {
	it('trims, and refuses empty ones', () => {
		expect(checkCommentBody('  Why so high?  \n')).toEqual({ ok: true, body: 'Why so high?' });
		expect(checkCommentBody(' \n\t ')).toEqual({
			ok: false,
			error: 'Write something before posting.'
		});
	});

	it('holds at most 2,000 characters, counting an emoji as one, and says how many there are', () => {
		expect(checkCommentBody('x'.repeat(MAX_COMMENT_LENGTH)).ok).toBe(true);
		expect(checkCommentBody('😀'.repeat(MAX_COMMENT_LENGTH)).ok).toBe(true);
		expect(checkCommentBody('x'.repeat(2345))).toEqual({
			ok: false,
			error: 'A comment holds at most 2,000 characters; this one has 2,345.'
		});
	});

	it('keeps markup as plain text', () => {
		expect(checkCommentBody('<img src=x onerror=alert(1)>')).toEqual({
			ok: true,
			body: '<img src=x onerror=alert(1)>'
		});
	});
});

describe('targets', () => {
	const months = ['2027-01', '2027-02'];
	const cell = (measureId: string | null, period: string | null) => ({
		ownerId: 'i1',
		measureId,
		period
	});

	it('accepts a row, or a cell of a measure the row shows in a month of the plan', () => {
		expect(checkTarget(cell(null, null), 'item', months)).toBeNull();
		expect(checkTarget(cell('forecast', '2027-02'), 'item', months)).toBeNull();
		expect(checkTarget(cell('capacity', '2027-01'), 'family', months)).toBeNull();
		expect(checkTarget(cell('forecast', '2027-01'), 'family', months)).toBeNull();
	});

	it('refuses an unknown owner, measure or month, and half a cell', () => {
		expect(checkTarget(cell(null, null), null, months)).toBe(
			'Comments attach to an item or a family of this plan.'
		);
		expect(checkTarget(cell('nonsense', '2027-01'), 'item', months)).toBe(
			'"nonsense" is not a measure of the grid.'
		);
		expect(checkTarget(cell('forecast', '2031-05'), 'item', months)).toBe(
			'2031-05 is not a month of this plan.'
		);
		expect(checkTarget(cell('forecast', null), 'item', months)).toBe(
			'A comment on a cell needs both its measure and its month.'
		);
		expect(checkTarget(cell('capacity', '2027-01'), 'item', months)).toBe(
			'Capacity is planned per family, not per item.'
		);
	});

	it('are named for people', () => {
		expect(targetLabel(cell(null, null), 'RB-1 Aero')).toBe('RB-1 Aero');
		expect(targetLabel(cell('forecast', '2027-02'), 'RB-1 Aero')).toBe(
			'RB-1 Aero · Sales forecast · Feb 27'
		);
	});
});

describe('who may comment', () => {
	it('is everyone, and viewers only while the leaders allow it', () => {
		expect(canComment('editor', false)).toBe(true);
		expect(canComment('leader', false)).toBe(true);
		expect(canComment('viewer', true)).toBe(true);
		expect(canComment('viewer', false)).toBe(false);
	});
});

describe('mentions', () => {
	it('finds members by full name, preferring the longest, once each, in any case', () => {
		expect(mentionedIds('@Sam Sales and @olu operations, also @Sam Sales again', members)).toEqual([
			'sams',
			'olu'
		]);
		expect(mentionedIds('@Sam, look', members)).toEqual(['sam']);
	});

	it('ignores names of nobody, e-mail addresses and names running into other words', () => {
		expect(mentionedIds('@Mallory please', members)).toEqual([]);
		expect(mentionedIds('mail sam@Sam Sales', members)).toEqual([]);
		expect(mentionedIds('@Samantha', members)).toEqual([]);
	});

	it('cuts a body into text and mentions without losing a character', () => {
		const body = 'Hi @Sam Sales, see <b>@Olu Operations</b>!';
		const parts = bodySegments(body, members);
		expect(parts).toEqual([
			{ text: 'Hi ', mention: false },
			{ text: '@Sam Sales', mention: true },
			{ text: ', see <b>', mention: false },
			{ text: '@Olu Operations', mention: true },
			{ text: '</b>!', mention: false }
		]);
		expect(parts.map((p) => p.text).join('')).toBe(body);
	});
});

describe('mention autocomplete', () => {
	it('knows the name being typed before the caret, spaces included', () => {
		expect(mentionQuery('Ask @Sa', 7)).toEqual({ start: 4, query: 'Sa' });
		expect(mentionQuery('Ask @Sam Sa', 11)).toEqual({ start: 4, query: 'Sam Sa' });
		expect(mentionQuery('Ask @', 5)).toEqual({ start: 4, query: '' });
		expect(mentionQuery('mail me@home', 12)).toBeNull();
		expect(mentionQuery('@Sam\nnext line', 14)).toBeNull();
		expect(mentionQuery('no mention', 10)).toBeNull();
	});

	it('suggests members whose name or a word of it starts with the query', () => {
		expect(suggestMembers(members, 'sa').map((m) => m.id)).toEqual(['sam', 'sams']);
		expect(suggestMembers(members, 'oper').map((m) => m.id)).toEqual(['olu']);
		expect(suggestMembers(members, 'x')).toEqual([]);
		expect(suggestMembers(members, '', 2)).toHaveLength(2);
	});

	it('replaces the typed query with the full name and puts the caret after it', () => {
		expect(insertMention('Ask @Sa about it', 4, 7, 'Sam Sales')).toEqual({
			text: 'Ask @Sam Sales about it',
			caret: 15
		});
		expect(insertMention('@o', 0, 2, 'Olu Operations')).toEqual({
			text: '@Olu Operations ',
			caret: 16
		});
	});
});

function thread(over: Partial<ThreadView> & { id: string }): ThreadView {
	return {
		ownerId: 'i1',
		measureId: null,
		period: null,
		createdBy: 'a',
		createdAt: '2027-01-01T10:00:00.000Z',
		resolvedAt: null,
		resolvedBy: null,
		resolvedByName: null,
		comments: [],
		...over
	};
}

const comment = (id: string, authorId: string, createdAt: string, mentions: string[] = []) => ({
	id,
	authorId,
	authorName: authorId,
	body: '…',
	createdAt,
	editedAt: null,
	mentions
});

describe('thread filters', () => {
	const open = thread({
		id: 't1',
		createdBy: 'a',
		comments: [comment('c1', 'a', '2027-01-01T10:00:00.000Z', ['b'])]
	});
	const resolved = thread({
		id: 't2',
		createdBy: 'c',
		resolvedAt: '2027-01-02T10:00:00.000Z',
		comments: [
			comment('c2', 'c', '2027-01-01T11:00:00.000Z'),
			comment('c3', 'b', '2027-01-03T09:00:00.000Z')
		]
	});
	const pick = (filter: Parameters<typeof threadMatches>[1], user: string) =>
		[open, resolved].filter((t) => threadMatches(t, filter, user)).map((t) => t.id);

	it('split open from resolved', () => {
		expect(pick('open', 'a')).toEqual(['t1']);
		expect(pick('resolved', 'a')).toEqual(['t2']);
	});

	it('find the threads I started or wrote in, and those mentioning me', () => {
		expect(pick('mine', 'a')).toEqual(['t1']);
		expect(pick('mine', 'b')).toEqual(['t2']);
		expect(pick('mentions', 'b')).toEqual(['t1']);
		expect(pick('mentions', 'c')).toEqual([]);
	});

	it('put the newest thread first, whatever was answered since', () => {
		const newer = thread({ id: 't3', createdAt: '2027-01-02T00:00:00.000Z' });
		expect(newestFirst([open, newer, resolved]).map((t) => t.id)).toEqual(['t3', 't2', 't1']);
	});

	it('find the threads holding unread comments', () => {
		expect([...threadsWithComments([open, resolved], ['c3'])]).toEqual(['t2']);
	});
});

describe('grid markers', () => {
	it('count open row threads by owner and open cell threads by cell', () => {
		const markers = commentMarkers([
			thread({ id: 'r1' }),
			thread({ id: 'r2' }),
			thread({ id: 'c1', measureId: 'forecast', period: '2027-02' }),
			thread({ id: 'c2', measureId: 'forecast', period: '2027-02' }),
			thread({ id: 'c3', ownerId: 'f1', measureId: 'capacity', period: '2027-01' }),
			thread({ id: 'gone', resolvedAt: '2027-01-05T00:00:00.000Z' }),
			thread({
				id: 'gone2',
				measureId: 'price',
				period: '2027-01',
				resolvedAt: '2027-01-05T00:00:00.000Z'
			})
		]);
		expect(markers).toEqual({
			rows: { i1: 2 },
			cells: { 'i1:2027-02:forecast': 2, 'f1:2027-01:capacity': 1 }
		});
	});
});
