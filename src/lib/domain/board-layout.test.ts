import { describe, expect, it } from 'vitest';
import { layoutAction, readLayout } from './board-layout';

const press = (
	code: string,
	mods: Partial<{ alt: boolean; ctrl: boolean; meta: boolean }> = {}
) => ({
	code,
	alt: true,
	ctrl: false,
	meta: false,
	...mods
});

describe('layoutAction', () => {
	it('maps Alt with a letter to its layout action, by the key’s place', () => {
		expect(layoutAction(press('KeyK'))).toBe('kpis');
		expect(layoutAction(press('KeyC'))).toBe('cycle');
		expect(layoutAction(press('KeyG'))).toBe('full');
		expect(layoutAction(press('Slash'))).toBe('help');
	});

	it('leaves other keys and other modifiers to the grid and the browser', () => {
		expect(layoutAction(press('KeyK', { alt: false }))).toBeNull();
		expect(layoutAction(press('KeyK', { ctrl: true }))).toBeNull();
		expect(layoutAction(press('KeyK', { meta: true }))).toBeNull();
		expect(layoutAction(press('KeyF'))).toBeNull();
	});
});

describe('readLayout', () => {
	it('keeps what this browser stored', () => {
		expect(readLayout('{"kpis":false,"cycle":true}', 1200)).toEqual({ kpis: false, cycle: true });
		expect(readLayout('{"kpis":true,"cycle":false}', 700)).toEqual({ kpis: true, cycle: false });
	});

	it('starts with the key figures hidden on a short window only', () => {
		expect(readLayout(null, 720)).toEqual({ kpis: false, cycle: true });
		expect(readLayout(null, 1000)).toEqual({ kpis: true, cycle: true });
	});

	it('falls back to the default for anything unreadable', () => {
		expect(readLayout('not json', 1000)).toEqual({ kpis: true, cycle: true });
		expect(readLayout('null', 720)).toEqual({ kpis: false, cycle: true });
		expect(readLayout('{"kpis":"yes"}', 720)).toEqual({ kpis: false, cycle: true });
	});
});
