/** The `kamerlens` CLI end to end, as a user runs it, on a temporary data folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

const root = join(import.meta.dirname, '..', '..');
const data = mkdtempSync(join(tmpdir(), 'kl-cli-'));

function kamerlens(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, KAMERLENS_DATA: data },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kamerlens CLI', () => {
  it('imports a folder, and a second import changes nothing', () => {
    const first = kamerlens('import', SAMPLE_DIR);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /geïmporteerd: 4 nieuw, 0 nieuwe versies, 0 ongewijzigd, 0 mislukt/);
    const again = kamerlens('import', SAMPLE_DIR);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 nieuw, 0 nieuwe versies, 4 ongewijzigd, 0 mislukt/);
  });

  it('keeps the old version when a file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-ver-'));
    const file = join(dir, 'brief.txt');
    writeFileSync(file, 'Geachte Voorzitter,\n\nEerste versie over glasvezel.\n');
    assert.equal(kamerlens('import', file).code, 0);
    writeFileSync(file, 'Geachte Voorzitter,\n\nTweede versie over satellieten.\n');
    const r = kamerlens('import', file);
    assert.match(r.stdout, /1 nieuwe versie,/);
    const show = JSON.parse(kamerlens('show', 'brief', '--json').stdout);
    assert.equal(show.document.version, 2);
    assert.equal(show.document.versions.length, 2);
    const old = JSON.parse(kamerlens('show', 'brief', '--version', '1', '--json').stdout);
    assert.match(old.document.text, /glasvezel/);
  });

  it('reports a bad file by name, keeps going, and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-bad-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'kapot.pdf'), '%PDF-1.7\n this is not really a pdf');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    copyFileSync(join(SAMPLE_DIR, `${SAMPLE.brief2022}.txt`), join(dir, 'goed.txt'));
    const r = kamerlens('import', dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /kapot\.pdf/);
    assert.match(r.stdout, /latin1\.txt.*NOT_UTF8/);
    // The good file's content was already stored under the sample import: unchanged, not lost.
    assert.match(r.stdout, /1 ongewijzigd, 2 mislukt/);
    const stats = JSON.parse(kamerlens('stats', '--json').stdout);
    assert.ok(stats.stats.failedImports >= 2);
    assert.ok(stats.failures.some((f: { source: string; code: string }) => f.source.endsWith('latin1.txt') && f.code === 'NOT_UTF8'));
    // The text form names each file that still fails, with its reason and code.
    assert.match(kamerlens('stats').stdout, /✗ .*kapot\.pdf: .*\[CORRUPT_FILE\]/);
    assert.ok(stats.stats.documents >= 5);
  });

  it('searches with a table and with --json', () => {
    const table = kamerlens('search', 'cyberbeveiliging');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^\d+ document(en)?\n/);
    assert.doesNotMatch(table.stdout, /\b1 documenten\b|\bdocuments\b/);
    assert.ok(table.stdout.includes(SAMPLE.conclusies));
    const json = JSON.parse(kamerlens('search', '--json', 'Oekraine').stdout);
    assert.equal(json.ok, true);
    assert.ok(json.results.some((r: { id: string }) => r.id === SAMPLE.verslag));
  });

  it('speaks Dutch with the right plurals', () => {
    const one = kamerlens('search', `"${'Cyber Resilience Act'}" Oekraine`);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^(1 document|\d+ documenten|0 documenten)\n/);
    const show = kamerlens('show', SAMPLE.verslag);
    assert.equal(show.code, 0, show.stderr);
    assert.doesNotMatch(show.stdout, /signed:|questions:|commitments:|version \d+ of/);
    assert.match(show.stdout, /versie 1 van 1/);
    assert.match(show.stdout, /ondertekend door: /);
    assert.match(show.stdout, /\d+ vragen, \d+ antwoorden/);
    const stats = kamerlens('stats');
    assert.match(stats.stdout, /^documenten: \d+\nversies: \d+\nmislukte imports: \d+/);
  });

  it('explains a malformed query and exits 2', () => {
    const r = kamerlens('search', '"Cyber Resilience');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /BAD_QUERY/);
  });

  it('parses a file to the contract JSON without storing it', () => {
    const r = kamerlens('parse', join(SAMPLE_DIR, `${SAMPLE.verslag}.txt`), '--json');
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.schemaVersion, 1);
    for (const k of ['kind', 'title', 'date', 'identifiers', 'signatories', 'meetings', 'questions', 'answers', 'commitments', 'citations', 'footnotes']) {
      assert.ok(k in s, k);
    }
  });

  it('shows help for every command', () => {
    for (const cmd of ['import', 'search', 'show', 'parse', 'serve', 'stats', 'reparse', 'start']) {
      const r = kamerlens(cmd, '--help');
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, /Gebruik: kamerlens/, cmd);
    }
  });
});
