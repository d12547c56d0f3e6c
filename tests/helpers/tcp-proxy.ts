import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server that can play an outage: `silence()` stops all bytes both ways
 * while connections stay open (a frozen server or a broken network: clients wait), `cut()` resets
 * every connection and refuses new ones (a stopped server), `restore()` ends either.
 */
export class OutageProxy {
	private mode: 'open' | 'silent' | 'cut' = 'open';
	private readonly flows = new Set<{ flush(): void; destroy(): void }>();

	private constructor(private readonly server: net.Server) {}

	static async start(target: { host: string; port: number }): Promise<OutageProxy> {
		const server = net.createServer();
		const proxy = new OutageProxy(server);
		server.on('connection', (client) => proxy.accept(client, target));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return proxy;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	silence(): void {
		this.mode = 'silent';
	}

	cut(): void {
		this.mode = 'cut';
		for (const flow of this.flows) flow.destroy();
	}

	restore(): void {
		this.mode = 'open';
		for (const flow of this.flows) flow.flush();
	}

	async close(): Promise<void> {
		this.cut();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private accept(client: net.Socket, target: { host: string; port: number }): void {
		if (this.mode === 'cut') return void client.resetAndDestroy();
		const upstream = net.connect(target.port, target.host);
		// Bytes held back while silent, in order, per direction.
		const held: { to: net.Socket; data: Buffer }[] = [];
		const flow = {
			flush: () => {
				for (const { to, data } of held.splice(0)) to.write(data);
			},
			destroy: () => {
				client.resetAndDestroy();
				upstream.destroy();
			}
		};
		const forward = (from: net.Socket, to: net.Socket) => {
			from.on('data', (data) => {
				if (this.mode === 'open' && held.length === 0) to.write(data);
				else held.push({ to, data });
			});
			from.on('close', () => {
				this.flows.delete(flow);
				to.destroy();
			});
			from.on('error', () => {});
		};
		forward(client, upstream);
		forward(upstream, client);
		this.flows.add(flow);
	}
}
