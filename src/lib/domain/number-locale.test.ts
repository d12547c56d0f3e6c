import { describe, expect, it } from 'vitest';
import { checkLocale, localeFromAcceptLanguage, separatorsOf } from './number-locale';

describe('checkLocale', () => {
	it('accepts locale tags in their canonical spelling', () => {
		expect(checkLocale('nb-no')).toEqual({ ok: true, locale: 'nb-NO' });
		expect(checkLocale(' en-US ')).toEqual({ ok: true, locale: 'en-US' });
		expect(checkLocale('de')).toEqual({ ok: true, locale: 'de' });
	});

	it('refuses what is not a usable locale tag, saying why', () => {
		expect(checkLocale('')).toEqual({ ok: false, error: 'Choose a locale' });
		expect(checkLocale('not a locale')).toEqual({
			ok: false,
			error: '"not a locale" is not a locale tag (such as nb-NO or en-US)'
		});
		expect(checkLocale('x'.repeat(36))).toEqual({
			ok: false,
			error: 'A locale tag has at most 35 characters'
		});
		expect(checkLocale('en-US-u-nu-' + 'a'.repeat(30)).ok).toBe(false);
	});
});

describe('localeFromAcceptLanguage', () => {
	it('takes the browser’s first usable language by quality', () => {
		expect(localeFromAcceptLanguage('nb-NO,nb;q=0.9,en;q=0.8')).toBe('nb-NO');
		expect(localeFromAcceptLanguage('en;q=0.5, de-DE')).toBe('de-DE');
		expect(localeFromAcceptLanguage('!!,fr-FR;q=0.7')).toBe('fr-FR');
	});

	it('falls back to English when the browser says nothing usable', () => {
		expect(localeFromAcceptLanguage(undefined)).toBe('en');
		expect(localeFromAcceptLanguage('*')).toBe('en');
		expect(localeFromAcceptLanguage('de;q=0')).toBe('en');
	});
});

describe('separatorsOf', () => {
	it('knows each locale’s marks as Intl writes them', () => {
		expect(separatorsOf('nb-NO')).toEqual({ group: '\u00a0', decimal: ',' });
		expect(separatorsOf('en-US')).toEqual({ group: ',', decimal: '.' });
		expect(separatorsOf('de-DE')).toEqual({ group: '.', decimal: ',' });
	});
});
