import { browser } from '$app/environment';
import { readLayout, type BoardLayout, type LayoutAction } from './domain/board-layout.ts';

const STORAGE_KEY = 'concord.board-layout';

/**
 * The plan board's layout in this browser: the key figures and cycle steps shown or hidden
 * (remembered across visits) and the full-screen grid (for the page's life only, so a reload
 * never opens a board without its controls).
 */
export class BoardLayoutState {
	kpis = $state(true);
	cycle = $state(true);
	full = $state(false);
	help = $state(false);

	constructor() {
		if (!browser) return;
		const stored = readLayout(safeRead(), window.innerHeight);
		this.kpis = stored.kpis;
		this.cycle = stored.cycle;
	}

	toggle(action: LayoutAction) {
		if (action === 'full') this.full = !this.full;
		else if (action === 'help') this.help = !this.help;
		else {
			this[action] = !this[action];
			const layout: BoardLayout = { kpis: this.kpis, cycle: this.cycle };
			try {
				localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
			} catch {
				// Storage full or refused (a private window): the choice lasts this page only.
			}
		}
	}
}

function safeRead(): string | null {
	try {
		return localStorage.getItem(STORAGE_KEY);
	} catch {
		return null;
	}
}
