import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const SERVER_ONLY = {
	group: ['$lib/server', '$lib/server/*', '**/lib/server/**', '**/server/collab/**'],
	message: 'Server-only code: the browser must not import it.'
};
const BROWSER_ONLY = {
	group: ['$lib/collab/*', '$lib/components/*', '**/lib/collab/**', '**/lib/components/**'],
	message: 'Browser code: shared code lives in src/lib/sync or src/lib/domain.'
};

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', '.data/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	// The architecture's seams: browser code never reaches server code, server code never reaches
	// the browser's folders, and what both use (domain rules, sync protocol) depends on neither.
	{
		files: ['src/lib/collab/**', 'src/lib/components/**', 'src/routes/**/*.svelte'],
		rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_ONLY] }] }
	},
	{
		files: ['server/**', 'src/lib/server/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [BROWSER_ONLY] }] }
	},
	{
		files: ['src/lib/domain/**', 'src/lib/sync/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_ONLY, BROWSER_ONLY] }] }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
