import { getContext, setContext } from 'svelte';
import { DEFAULT_NUMBER_LOCALE } from './domain/format.ts';

const KEY = Symbol('number-locale');

/** Makes the reader's number locale (read on each call, so it follows a change) known below. */
export function provideNumberLocale(current: () => string): void {
	setContext(KEY, current);
}

/**
 * The locale to write numbers in for this reader, as a getter to call where numbers are formatted
 * (in markup, so a changed setting redraws them). English outside a page that provides one.
 */
export function numberLocale(): () => string {
	return getContext<(() => string) | undefined>(KEY) ?? (() => DEFAULT_NUMBER_LOCALE);
}
