// `npm start` runs the compiled server; without a build Node would only say "module not found".
import { existsSync } from 'node:fs';

if (!existsSync('build/concord/index.mjs')) {
	console.error('No build found in build/. Run "npm run build" first.');
	process.exit(1);
}
