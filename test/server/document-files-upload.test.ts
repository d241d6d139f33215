/**
 * Another format of a stored document, through `/importeren` and `kamerlens import`: both say
 * "toegevoegd als ander bestandsformaat van <document>" per such file, and `kamerlens show`
 * lists the document's files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importUpload } from '../../src/ingest/upload.js';
import { createApp } from '../../src/server/app.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { watchWorld, type World } from '../watch/helpers.js';

const root = join(import.meta.dirname, '..', '..');
const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FILES, name));

describe('/importeren: another format of a stored document', () => {
  let w: World;
  let app: Hono;
  const mailer = new MemoryMailer();

  before(() => {
    w = watchWorld({ mailer });
    const deps = { units: w.units, store: w.store, index: w.services.index, structure: w.structure };
    app = createApp({ ...w.services, watch: w.watch, importUpload: (f) => importUpload(f, deps) });
  });
  after(() => w.close());

  it('says per file that it was added as another format of the document, in HTML and JSON', async () => {
    await w.watch.requestSignIn('bestanden@example.org', '127.0.0.8');
    const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    const r = await w.watch.consumeSignIn(token);
    const cookie = `kl_session=${r.sessionToken}`;
    const form = (files: string[]) => {
      const f = new FormData();
      f.set('csrf', r.viewer.csrf!);
      for (const name of files) f.append('bestanden', new Blob([Uint8Array.from(fixture(name))]), name);
      return f;
    };
    const first = await app.request('/importeren', { method: 'POST', headers: { cookie, accept: 'application/json' }, body: form(['kamerbrief-2022.pdf', 'kamerbrief-2022.docx']) });
    const rows = ((await first.json()) as { files: { name: string; status: string; statusText: string; href: string }[] }).files;
    assert.deepEqual(rows.map((x) => [x.name, x.status]), [['kamerbrief-2022.pdf', 'new'], ['kamerbrief-2022.docx', 'new-file']]);
    assert.equal(rows[1]!.statusText, 'toegevoegd als ander bestandsformaat van Verslag informele Telecomraad 8-9 maart');
    assert.equal(rows[1]!.href, rows[0]!.href);
    const page = await app.request('/importeren', { method: 'POST', headers: { cookie }, body: form(['kamerbrief-2022.html']) });
    assert.match(await page.text(), /<code>kamerbrief-2022\.html<\/code>: <strong>toegevoegd als ander bestandsformaat van Verslag informele Telecomraad 8-9 maart<\/strong>/);
    assert.equal((await w.store.stats()).documents, 1);
    assert.equal((await w.store.listFiles(rows[0]!.href.split('/').pop()!)).length, 3);
  });
});

describe('kamerlens import and show: another format of a stored document', () => {
  const data = mkdtempSync(join(tmpdir(), 'kl-cli-files-'));
  const kamerlens = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts'), ...args], {
      cwd: root, env: { ...process.env, KAMERLENS_DATA: data }, encoding: 'utf8', timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('reports each other format with the document it joined, and show lists the files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-cli-trio-'));
    for (const ext of ['pdf', 'docx', 'html']) copyFileSync(join(FILES, `kamerbrief-2022.${ext}`), join(dir, `brief.${ext}`));
    const r = kamerlens('import', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /geïmporteerd: 1 nieuw, 0 nieuwe versies, 2 andere bestandsformaten van een bestaand document, 0 ongewijzigd, 0 mislukt/);
    assert.match(r.stdout, /brief\.html: toegevoegd als ander bestandsformaat van Verslag informele Telecomraad 8-9 maart \(brief\)/);
    assert.match(r.stdout, /brief\.pdf: toegevoegd als ander bestandsformaat van Verslag informele Telecomraad 8-9 maart \(brief\)/);
    const show = kamerlens('show', 'brief');
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /bestanden \(3 formaten\):\n {2}Word \(DOCX\) · \d+ kB · brief\.docx · \/documents\/brief\/bestanden\/1\n {2}HTML · \d+ kB · brief\.html · \/documents\/brief\/bestanden\/2\n {2}PDF · \d+ kB · brief\.pdf · \/documents\/brief\/bestanden\/3/);
    const json = JSON.parse(kamerlens('show', 'brief', '--json').stdout);
    assert.deepEqual(json.document.files.map((f: { format: string }) => f.format), ['docx', 'html', 'pdf']);
  });
});
