/** Any origin would do: it only stands in for ours while a `next` value is resolved. */
const HOME = 'http://concord.invalid';

/**
 * Only same-site paths may be redirected to after sign-in, never another origin. The value is
 * resolved the way a browser resolves a Location header (which drops tabs and newlines and reads
 * `\` as `/`), so `/\t/evil.example` cannot slip through as a path and come out as `//evil.example`.
 */
export function safeNext(next: string | null): string {
	if (!next?.startsWith('/')) return '/';
	let url: URL;
	try {
		url = new URL(next, HOME);
	} catch {
		return '/';
	}
	// A path that starts with `//` would be read as another host once sent back as a Location.
	if (url.origin !== HOME || url.pathname.startsWith('//')) return '/';
	return url.pathname + url.search + url.hash;
}
