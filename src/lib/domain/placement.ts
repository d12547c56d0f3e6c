export interface Box {
	top: number;
	bottom: number;
	left: number;
}

/**
 * Where a floating message goes, in the frame's coordinates: just below the cell it is about, or
 * above it when there is no room below, and always inside the frame.
 */
export function besideCell(
	cell: Box,
	frame: Box & { width: number; height: number },
	own: { width: number; height: number },
	gap = 4
): { top: number; left: number } {
	const below = cell.bottom - frame.top + gap;
	const top = below + own.height <= frame.height ? below : cell.top - frame.top - own.height - gap;
	const left = Math.min(cell.left - frame.left, frame.width - own.width - gap);
	return {
		top: Math.max(0, Math.min(top, frame.height - own.height)),
		left: Math.max(gap, left)
	};
}
