/** What of the plan board shows around the grid, as a person set it for this browser. */
export interface BoardLayout {
	kpis: boolean;
	cycle: boolean;
}

export type LayoutAction = 'kpis' | 'cycle' | 'full' | 'help';

/**
 * The board's layout shortcuts. Alt with a letter, matched by the key's place (`code`), since Alt
 * turns letters into other characters on a Mac; the grid leaves Alt combinations alone (it starts
 * an edit on a plain character only). Alt+D, Alt+E and Alt+F stay the browser's.
 */
export const LAYOUT_SHORTCUTS: readonly {
	action: LayoutAction;
	code: string;
	keys: string;
	does: string;
}[] = [
	{ action: 'kpis', code: 'KeyK', keys: 'Alt+K', does: 'Show or hide the key figures' },
	{ action: 'cycle', code: 'KeyC', keys: 'Alt+C', does: 'Show or hide the cycle steps' },
	{ action: 'full', code: 'KeyG', keys: 'Alt+G', does: 'Full-screen grid (Esc leaves it)' },
	{ action: 'help', code: 'Slash', keys: 'Alt+/', does: 'Show or hide these shortcuts' }
];

export interface LayoutKeyPress {
	code: string;
	alt: boolean;
	ctrl: boolean;
	meta: boolean;
}

/** The layout action a key press asks for, or null when it is not one of the shortcuts. */
export function layoutAction(press: LayoutKeyPress): LayoutAction | null {
	if (!press.alt || press.ctrl || press.meta) return null;
	return LAYOUT_SHORTCUTS.find((s) => s.code === press.code)?.action ?? null;
}

/** Below this height the key figures start hidden: with them, a laptop shows a handful of rows. */
export const ROOMY_HEIGHT = 900;

/**
 * The layout stored for this browser, or the default for a window `height` pixels tall where
 * nothing (or nothing readable) is stored: the cycle steps shown, the key figures shown where
 * there is room for them and the grid too.
 */
export function readLayout(stored: string | null, height: number): BoardLayout {
	const fallback = { kpis: height >= ROOMY_HEIGHT, cycle: true };
	if (!stored) return fallback;
	try {
		const value: unknown = JSON.parse(stored);
		if (typeof value !== 'object' || value === null) return fallback;
		const { kpis, cycle } = value as Record<string, unknown>;
		return {
			kpis: typeof kpis === 'boolean' ? kpis : fallback.kpis,
			cycle: typeof cycle === 'boolean' ? cycle : fallback.cycle
		};
	} catch {
		return fallback;
	}
}
