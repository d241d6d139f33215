/**
 * The status page's "opnieuw proberen" as the composition root wires it: a category is synced
 * again from where it came from, a failed import folder imported again; one attempt at a time.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { createCliContext, retrier, type Opened } from '../../src/main.js';
import type { CliContext } from '../../src/cli/commands.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const quiet = { update() {}, stop() {} };

const until = async (what: string, ok: () => Promise<boolean>) => {
  for (let i = 0; i < 400; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`waited in vain for ${what}`);
};

describe('retry', () => {
  let ctx: CliContext;
  let s: Opened;
  let folder: string;
  before(async () => {
    const data = mkdtempSync(join(tmpdir(), 'kl-retry-'));
    ctx = createCliContext(loadConfig(['--data', data], {}));
    s = (await ctx.services()) as Opened;
    folder = join(data, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'later-goed.txt'), new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
    await ctx.importPaths([folder], {}, quiet, false);
    await ctx.sync({ source: WORLD_DIR, fromDir: WORLD_DIR, categories: ['Zaak'] }, quiet, false);
  });
  after(() => ctx.close());

  it('syncs a category again from the folder it came from', async () => {
    const before = (await s.status.runSummaries()).find((r) => r.source === 'tk:Zaak')!;
    assert.equal(before.origin, WORLD_DIR);
    const retry = retrier(ctx, s);
    assert.match((await retry('tk:Zaak'))!, /Zaak is opnieuw gestart/);
    assert.equal(await retry('tk:Zaak'), null, 'one attempt at a time');
    await until('a second run of tk:Zaak', async () => (await s.status.runSummaries()).find((r) => r.source === 'tk:Zaak')!.lastAttempt.startedAt > before.lastAttempt.startedAt);
  });

  it('imports the failed files of a folder again', async () => {
    const failed = await s.status.importFailures(10);
    assert.equal(failed.length, 1);
    // The file was fixed in the meantime.
    copyFileSync(join(FILES, 'kamerbrief-2022.txt'), join(folder, 'later-goed.txt'));
    const retry = retrier(ctx, s);
    await until('the earlier retry to finish', async () => (await retry(`import:${folder}`)) !== null);
    await until('the import to succeed', async () => (await s.status.importFailures(10)).length === 0);
    assert.equal((await s.status.importFolders()).find((f) => f.folder === folder)!.documents, 1);
  });
});
