import { describe, expect, it } from 'vitest';
import {
	minutesHtml,
	minutesMarkdown,
	NO_CHANGES,
	type Minutes,
	type MinutesEdit
} from './minutes.ts';

const edit = (userName: string | null, oldValue: number | null, newValue: number): MinutesEdit => ({
	userName,
	label: `B-1 Road bike · Sales forecast · 2027-0${newValue % 9}`,
	oldValue,
	newValue,
	at: '2027-01-05T09:10:00.000Z'
});

const minutes: Minutes = {
	title: 'January S&OP',
	planName: 'Plan 2027',
	scope: 'Whole cycle',
	startedAt: '2027-01-05T09:00:00.000Z',
	endedAt: '2027-01-05T09:40:00.000Z',
	startedBy: 'Lee Leader',
	agenda: [
		{
			position: 0,
			title: 'Demand review',
			ownerName: 'Sam Sales',
			minutes: 10,
			startedAt: '2027-01-05T09:00:00.000Z',
			endedAt: '2027-01-05T09:12:30.000Z'
		},
		{
			position: 1,
			title: 'Risks *and* opportunities',
			ownerName: null,
			minutes: 15,
			startedAt: null,
			endedAt: null
		}
	],
	attendance: [
		{ name: 'Lee Leader', joinedAt: '2027-01-05T09:00:00.000Z' },
		{ name: 'Sam Sales', joinedAt: '2027-01-05T09:02:00.000Z' }
	],
	decisions: [
		{
			text: 'Raise the forecast for road bikes',
			ownerName: 'Sam Sales',
			dueDate: '2027-01-20',
			refs: ['B-1 Road bike · Sales forecast · 2027-03'],
			status: 'open'
		}
	],
	signOffs: [{ at: '2027-01-05T09:11:00.000Z', text: 'Sam Sales signed off step 1 for sales' }],
	changes: { total: 0, people: [], biggest: [] }
};

describe('minutesMarkdown', () => {
	it('writes agenda with actual times, attendance, decisions and sign-offs', () => {
		const md = minutesMarkdown(minutes);
		expect(md).toContain('# Minutes: January S&OP');
		expect(md).toContain(
			'- 1. Demand review (owner: Sam Sales): 09:00–09:12, 12:30 of 10 min, 2:30 over'
		);
		expect(md).toContain('- 2. Risks \\*and\\* opportunities (owner: none): not reached');
		expect(md).toContain('- Sam Sales (joined 09:02)');
		expect(md).toContain(
			'- Raise the forecast for road bikes (owner: Sam Sales; due 2027-01-20; open)'
		);
		expect(md).toContain('- 09:11 Sam Sales signed off step 1 for sales');
		expect(md).toContain(`_${NO_CHANGES}_`);
	});

	it('lists changes per person and the biggest', () => {
		const md = minutesMarkdown({
			...minutes,
			changes: {
				total: 2,
				people: [
					{ name: 'Ada', count: 1 },
					{ name: 'Sam', count: 1 }
				],
				biggest: [edit('Ada', 0, 500), edit('Sam', 10, 12)]
			}
		});
		expect(md).toContain('2 changes in all.');
		expect(md).toContain('- Ada: 1 change');
		expect(md).toMatch(/### Biggest changes\n- B-1 Road bike · .*: 0 → 500 by Ada at 09:10/);
		expect(md).not.toContain(NO_CHANGES);
	});
});

describe('minutesHtml', () => {
	it('escapes what people typed and prints the empty states', () => {
		const html = minutesHtml({
			...minutes,
			decisions: [{ ...minutes.decisions[0], text: '<script>alert(1)</script>' }]
		});
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain(NO_CHANGES);
		expect(html).toContain('@media print');
	});
});
