/**
 * `kamerlens sync` and `stats` as a user runs them against a loopback mirror of the real feed
 * sample (test/fixtures/tk-real-feed): the report "the sync failed: ; documenten: 6" was this
 * run, which stored everything the mirror carried and still exited 1.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startRealMirror, type RealMirror } from '../helpers/real-mirror.js';

const root = join(import.meta.dirname, '..', '..');
const REAL = join(root, 'test', 'fixtures', 'tk-real-feed');
const run = promisify(execFile);

describe('kamerlens sync from a mirror of the real feed', () => {
  let mirror: RealMirror;
  let data: string;
  // Async: the mirror answers from this process while the CLI runs.
  const kamerlens = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts'), ...args], {
        cwd: root,
        env: { ...process.env, KAMERLENS_DATA: data, KAMERLENS_TK_URL: mirror.url },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const f = e as { code?: number; stdout?: string; stderr?: string };
      return { code: f.code ?? -1, stdout: f.stdout ?? '', stderr: f.stderr ?? '' };
    }
  };
  before(async () => {
    mirror = await startRealMirror(REAL);
    data = mkdtempSync(join(tmpdir(), 'kl-cli-mirror-'));
  });
  after(async () => {
    await mirror.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('exits 0 with the files imported and the categories it does not carry named', async () => {
    const r = await kamerlens('sync');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // The verslag "abc" (an id anonymised at the source) is asked for like any other; the mirror has no file for it.
    assert.match(r.stdout, /^22 items gesynchroniseerd in .*; bestanden: 6 opgehaald, 6 geïmporteerd, 1 ontbrekend, 0 beschadigd$/m);
    assert.doesNotMatch(r.stdout, /geweigerd/);
    assert.match(r.stdout, /niet aangeboden door de bron \(overgeslagen\): Fractie, /);
    assert.doesNotMatch(r.stdout, /✗/);
    const stats = await kamerlens('stats');
    assert.equal(stats.code, 0, stats.stderr);
    assert.match(stats.stdout, /^documenten: 6$/m);
    // A second run finds nothing new and still exits 0.
    const again = await kamerlens('sync');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /^0 items gesynchroniseerd/m);
  });
});
