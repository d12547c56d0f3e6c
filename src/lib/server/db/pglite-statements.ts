import { messages, parse, protocol, type PGlite } from '@electric-sql/pglite';

interface Statement {
	name: string;
	/** The parameters' type oids, as the database described them: how each value is written. */
	types: number[];
}

/**
 * Named prepared statements on one PGlite. Its own `query` parses, describes and plans the text on
 * every run; the update log's statement, which the collaboration server runs on every beat, spent
 * about 40% of its time on that. The protocol messages are PGlite's own (`protocol.serialize`,
 * `parse`), sent as its `query` sends them, under the same locks.
 */
export class PgliteStatements {
	private readonly statements = new Map<string, Statement>();
	/** Names are never reused: a parse whose description failed may still have left its name. */
	private named = 0;

	constructor(private readonly pg: PGlite) {}

	/**
	 * Runs `text` as a prepared statement. `inTransaction`: the caller runs inside one of PGlite's
	 * transactions, which already holds the lock other transactions wait on.
	 */
	run<T>(text: string, params: unknown[], inTransaction: boolean): Promise<T[]> {
		const run = () => this.pg._runExclusiveQuery(() => this.execute<T>(text, params));
		if (inTransaction) return run();
		return this.pg._runExclusiveTransaction(async () => {
			const rows = await run();
			await this.pg.syncToFs();
			return rows;
		});
	}

	private async execute<T>(text: string, params: unknown[]): Promise<T[]> {
		const answers: messages.BackendMessage[] = [];
		const send = async (message: Uint8Array) => {
			answers.push(...(await this.pg.execProtocolStream(message, { syncToFs: false })));
		};
		try {
			const statement = this.statements.get(text) ?? (await this.prepare(text));
			const values = params.map((value, i) => this.serialize(value, statement.types[i]));
			await send(protocol.serialize.bind({ statement: statement.name, values }));
			await send(protocol.serialize.describe({ type: 'P' }));
			await send(protocol.serialize.execute({}));
		} finally {
			// After an error the database skips everything up to the next sync.
			await send(protocol.serialize.sync());
		}
		return (parse.parseResults(answers, this.pg.parsers)[0]?.rows ?? []) as T[];
	}

	/** Parses and describes the text once; a text that fails is not kept. */
	private async prepare(text: string): Promise<Statement> {
		const name = `concord_${++this.named}`;
		await this.pg.execProtocolStream(protocol.serialize.parse({ name, text }), { syncToFs: false });
		const described = await this.pg.execProtocolStream(
			protocol.serialize.describe({ type: 'S', name }),
			{ syncToFs: false }
		);
		const parameters = described.find((m) => m instanceof messages.ParameterDescriptionMessage);
		const statement = { name, types: parameters?.dataTypeIDs ?? [] };
		this.statements.set(text, statement);
		return statement;
	}

	private serialize(value: unknown, type: number | undefined): string | null {
		if (value === null || value === undefined) return null;
		const serializer = type === undefined ? undefined : this.pg.serializers[type];
		return serializer ? serializer(value) : String(value);
	}
}
