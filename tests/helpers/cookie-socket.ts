import WebSocket from 'ws';

/** A ws WebSocket that presents the session cookie, as a browser would. */
export function cookieSocket(
	cookie: string
): new (url: string | URL, protocols?: string | string[]) => WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	};
}
