/**
 * A process with a Postgres pool, for tests of what ends it: `node --import tsx
 * type-fetch-child.ts <url> [unrelated]`. Prints "still serving" if it is alive a second after its
 * first query; with `unrelated`, it also leaves a rejection of its own unhandled.
 */
import { openPostgres } from '../../src/lib/server/db/postgres.ts';

const [url, mode] = process.argv.slice(2);
const db = await openPostgres(url);
if (mode === 'unrelated') void Promise.reject(new Error('an unrelated failure nobody handled'));
// Under a statement timeout the query may fail too: only whether the process lives is checked.
await db.query('select 1').catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log('still serving');
await db.close();
