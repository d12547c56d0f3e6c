import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.ts';

// Browsers through HAProxy in front of three processes: each spec starts its cluster
// (tests/cluster/harness.ts) from build/, on free ports.
export default defineConfig({
	testDir: 'tests/cluster-e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		launchOptions: chromiumLaunchOptions,
		viewport: { width: 1600, height: 1000 },
		trace: 'retain-on-failure'
	}
});
