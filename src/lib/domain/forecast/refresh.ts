/** What a baseline refresh reports, as the refresh route streams it (one JSON object a line). */

export interface RefreshProgress {
	phase: 'forecast';
	done: number;
	total: number;
}

export interface RefreshResult {
	/** Items whose baseline was refreshed. */
	items: number;
	/** Items without any sales history: their baseline was left as it was. */
	withoutHistory: number;
	/** How many items each method forecast. */
	methods: Record<string, number>;
	ms: number;
}

export type RefreshStreamLine =
	{ progress: RefreshProgress } | { result: RefreshResult } | { error: string; status: number };
