import { messages, parse, protocol, type PGlite } from '@electric-sql/pglite';

interface Statement {
	name: string;
	/** The parameters' type oids, as the database described them: how each value is written. */
	types: number[];
	/**
	 * What its rows hold (or that it returns none), as the database described the statement: the
	 * same for every run, since every run asks for its results as text.
	 */
	rows: messages.BackendMessage[];
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

	/**
	 * Binds, executes and syncs in one message to the database, which runs them in turn, as a
	 * client pipelines them to a server: each call into PGlite has its own cost, and after an error
	 * the database skips to the sync, so a failed run leaves nothing pending.
	 */
	private async execute<T>(text: string, params: unknown[]): Promise<T[]> {
		const statement = this.statements.get(text) ?? (await this.prepare(text));
		const values = params.map((value, i) => this.serialize(value, statement.types[i]));
		const run = Buffer.concat([
			protocol.serialize.bind({ statement: statement.name, values }),
			protocol.serialize.execute({}),
			protocol.serialize.sync()
		]);
		const answers = await this.pg.execProtocolStream(run, { syncToFs: false });
		const results = parse.parseResults([...statement.rows, ...answers], this.pg.parsers);
		return (results[0]?.rows ?? []) as T[];
	}

	/** Parses and describes the text once, in one message as `execute` runs; one that fails is not kept. */
	private async prepare(text: string): Promise<Statement> {
		const name = `concord_${++this.named}`;
		const prepare = Buffer.concat([
			protocol.serialize.parse({ name, text }),
			protocol.serialize.describe({ type: 'S', name }),
			protocol.serialize.sync()
		]);
		const described = await this.pg.execProtocolStream(prepare, { syncToFs: false });
		const parameters = described.find((m) => m instanceof messages.ParameterDescriptionMessage);
		const rows = described.filter(
			(m) => m instanceof messages.RowDescriptionMessage || m.name === 'noData'
		);
		const statement = { name, types: parameters?.dataTypeIDs ?? [], rows };
		this.statements.set(text, statement);
		return statement;
	}

	private serialize(value: unknown, type: number | undefined): string | null {
		if (value === null || value === undefined) return null;
		const serializer = type === undefined ? undefined : this.pg.serializers[type];
		return serializer ? serializer(value) : String(value);
	}
}
