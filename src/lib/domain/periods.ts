/** Monthly planning periods, keyed 'YYYY-MM'. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
	return MONTH.test(value);
}

/** The `horizon` consecutive months starting at `start` ('YYYY-MM'). */
export function periods(start: string, horizon: number): string[] {
	const m = MONTH.exec(start);
	if (!m) throw new Error(`Not a month: ${start}`);
	const year = Number(m[1]);
	const month = Number(m[2]) - 1;
	return Array.from({ length: horizon }, (_, i) => {
		const y = year + Math.floor((month + i) / 12);
		const mm = ((month + i) % 12) + 1;
		return `${y}-${String(mm).padStart(2, '0')}`;
	});
}

const LABEL = new Intl.DateTimeFormat('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** 'Jan 27' for '2027-01'. */
export function periodLabel(period: string): string {
	const [y, m] = period.split('-').map(Number);
	return LABEL.format(new Date(Date.UTC(y, m - 1, 1)));
}
