/**
 * How the tests and benchmarks start Debian's Chromium: browsers cannot be downloaded here, and
 * without the background-networking flags Chromium keeps dialling hosts this machine cannot reach.
 */
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};
