/**
 * A sync run in its own process, for kill -9 tests:
 * `node --import tsx sync-child.ts <url> <dataDir> [commitEvery]`.
 * Prints `done <ok>` when it finishes; the parent kills it at random moments before that.
 */
import { join } from 'node:path';
import { syncFeed } from '../../src/ingest/sync.js';
import { openTk } from './open.js';

const [url, dataDir, commitEvery] = process.argv.slice(2);
if (!url || !dataDir) throw new Error('usage: sync-child.ts <url> <dataDir> [commitEvery]');
const opened = openTk(join(dataDir, 'kamerlens.db'));
const result = await syncFeed({ source: url, dataDir, retry: { sleep: async () => {} }, ...(commitEvery ? { commitEvery: Number(commitEvery) } : {}) }, opened);
await opened.close();
process.stdout.write(`done ${result.ok}\n`);
