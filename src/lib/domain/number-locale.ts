import { DEFAULT_NUMBER_LOCALE, numberFormat } from './format.ts';

/** Longer than any real BCP 47 tag a person would choose (e.g. 'zh-Hant-TW-u-nu-hanidec'). */
export const MAX_LOCALE_LENGTH = 35;

/** The locales the settings offer by name; any other valid tag is accepted too. */
export const OFFERED_LOCALES = [
	'en-US',
	'en-GB',
	'nb-NO',
	'nn-NO',
	'sv-SE',
	'da-DK',
	'fi-FI',
	'de-DE',
	'de-CH',
	'fr-FR',
	'es-ES',
	'it-IT',
	'nl-NL',
	'pl-PL',
	'pt-BR'
] as const;

export type LocaleCheck = { ok: true; locale: string } | { ok: false; error: string };

/**
 * A locale tag a person chose, in its canonical spelling ('nb-no' → 'nb-NO'), or why it cannot
 * be used: not a BCP 47 tag, too long, or one this runtime has no number formats for.
 */
export function checkLocale(tag: string): LocaleCheck {
	const raw = tag.trim();
	if (raw === '') return { ok: false, error: 'Choose a locale' };
	if (raw.length > MAX_LOCALE_LENGTH) {
		return { ok: false, error: `A locale tag has at most ${MAX_LOCALE_LENGTH} characters` };
	}
	let canonical: string;
	try {
		[canonical] = Intl.getCanonicalLocales(raw);
	} catch {
		return { ok: false, error: `"${raw}" is not a locale tag (such as nb-NO or en-US)` };
	}
	if (!canonical || Intl.NumberFormat.supportedLocalesOf(canonical).length === 0) {
		return { ok: false, error: `Numbers cannot be shown in "${raw}" here` };
	}
	return { ok: true, locale: canonical };
}

/**
 * The first supported language of an Accept-Language header (the browser's own preference, the
 * same list as navigator.languages), best quality first; the default when none is usable.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
	const ranked = (header ?? '')
		.split(',')
		.slice(0, 20)
		.map((part, i) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
		})
		.filter((r) => r.tag && r.tag !== '*' && r.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const { tag } of ranked) {
		const check = checkLocale(tag);
		if (check.ok) return check.locale;
	}
	return DEFAULT_NUMBER_LOCALE;
}

export interface Separators {
	group: string;
	decimal: string;
}

const separators = new Map<string, Separators>();

/** The grouping and decimal marks Intl writes for `locale` ('nb': a no-break space and ','). */
export function separatorsOf(locale: string): Separators {
	let s = separators.get(locale);
	if (!s) {
		const parts = numberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(12345.5);
		s = {
			group: parts.find((p) => p.type === 'group')?.value ?? '',
			decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.'
		};
		separators.set(locale, s);
	}
	return s;
}
