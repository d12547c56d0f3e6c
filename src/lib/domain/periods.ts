/** Monthly planning periods, keyed 'YYYY-MM'. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
	return MONTH.test(value);
}

/** The month ('YYYY-MM', UTC) of `date`, moved by `offset` months. */
export function monthOf(date: Date, offset = 0): string {
	const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Months since year 0 of a 'YYYY-MM' month: differences count months between two of them. */
export function monthIndex(month: string): number {
	return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The 'YYYY-MM' month of a `monthIndex`. */
export function monthOfIndex(index: number): string {
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
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
