import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.ts';

const run = (url: string, mode = '') =>
	runScript('tests/helpers/type-fetch-child.ts', [url, mode], 30_000);

/** The test server, with every statement cut after 1 ms: the driver's array-type query with them. */
function withStatementTimeout(url: string): string {
	const u = new URL(url);
	u.searchParams.set('statement_timeout', '1');
	return u.toString();
}

describe('the Postgres driver failing to read array types on a new connection', () => {
	const url = process.env.TEST_DATABASE_URL!;

	it('leaves the process serving, with a warning that says what happened', async () => {
		const { code, stdout, stderr } = await run(withStatementTimeout(url));
		expect(stderr).toContain("could not read the server's array types");
		expect(stdout).toContain('still serving');
		expect(code).toBe(0);
	});

	it('lets any other unhandled rejection end the process, as Node does by default', async () => {
		const { code, stdout, stderr } = await run(url, 'unrelated');
		expect(stderr).toContain('an unrelated failure nobody handled');
		expect(stdout).not.toContain('still serving');
		expect(code).not.toBe(0);
	});
});
