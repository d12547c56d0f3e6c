import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './tests/chromium.ts';

// E2E_PORT lets two runs share a machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// A fresh embedded database per run, so the tests start from first-start state.
const dataDir = join(tmpdir(), `concord-e2e-${Date.now()}`);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		launchOptions: chromiumLaunchOptions,
		viewport: { width: 1600, height: 1000 },
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node build/concord/index.mjs',
		url: `http://localhost:${PORT}/signin`,
		timeout: 60_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: { PORT: String(PORT), PGLITE_DIR: dataDir, CONCORD_DEMO: 'on' }
	}
});
