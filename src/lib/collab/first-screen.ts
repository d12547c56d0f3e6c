import { parse } from 'devalue';
import type { FirstScreen } from '../domain/first-screen.ts';

/**
 * The plan's first screen as the server has it (see the first-screen route), or null if it could
 * not be had: the live documents fill the grid then, as they do anyway moments later.
 */
export async function fetchFirstScreen(
	planId: string,
	signal: AbortSignal
): Promise<FirstScreen | null> {
	try {
		const response = await fetch(`/plans/${encodeURIComponent(planId)}/first-screen`, { signal });
		return response.ok ? (parse(await response.text()) as FirstScreen) : null;
	} catch {
		return null;
	}
}
