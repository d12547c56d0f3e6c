import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV } from './allocator-env';

describe('the allocator settings', () => {
	it('are the ones `npm start` runs the server with', () => {
		const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
			scripts: Record<string, string>;
		};
		const settings = Object.entries(ALLOCATOR_ENV).map(([name, value]) => `${name}=${value}`);
		expect(scripts.start).toBe(`${settings.join(' ')} node build/concord/index.mjs`);
	});
});
