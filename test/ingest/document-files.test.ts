/**
 * One document, several files: the same letter imported as PDF, DOCX and HTML is one document
 * with three files; a different letter on the same subject stays apart; a changed text stays a
 * new version; re-importing changes nothing; the Council thread, the commitments register,
 * search and monitors see one document; the page, its JSON twin and the OpenAPI list the files.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { extractFile } from '../../src/extract/index.js';
import { importContent, importPaths, type IngestDeps } from '../../src/ingest/import.js';
import { SAME_IDENTITY_TEXT, SAME_TEXT } from '../../src/ingest/same-document.js';
import { openServices, type Opened } from '../../src/main.js';
import { shingles, similarity } from '../../src/parse/fingerprint.js';
import { createApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/index.js';
import { unitsWith } from '../helpers/units.js';

const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const REAL = join(import.meta.dirname, '..', 'fixtures', 'real');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FILES, name)));

function folderWith(files: [string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-files-'));
  for (const [from, to] of files) copyFileSync(from, join(dir, to));
  return dir;
}

describe('the same letter as PDF, DOCX and HTML', () => {
  let w: Opened;
  let app: Hono;
  let deps: IngestDeps;
  let docId: string;
  let userId: string;
  const trio = folderWith([
    [join(FILES, 'kamerbrief-2022.pdf'), 'kamerbrief-2022.pdf'],
    [join(FILES, 'kamerbrief-2022.docx'), 'kamerbrief-2022.docx'],
    [join(FILES, 'kamerbrief-2022.html'), 'kamerbrief-2022.html'],
  ]);

  before(async () => {
    w = openServices(':memory:');
    app = createApp(w);
    deps = { units: w.units, store: w.store, index: w.index, structure: w.structure };
    userId = (await w.watch.userByEmail('volger@example.org')).id;
    await w.watch.createMonitor(userId, { kind: 'search', params: { query: 'Telecomraad' }, interval: 'immediate', email: false });
  });
  after(async () => w.close());

  it('a monitor sees the first file as a new document', async () => {
    const first = await importPaths([join(trio, 'kamerbrief-2022.pdf')], deps);
    assert.equal(first.counts.new, 1);
    const run = await w.watch.run({ trigger: 'import' });
    assert.equal(run.newMatches, 1);
    docId = (await w.store.documentIds())[0]!;
  });

  it('becomes one document with three files, and says which document each other format joined', async () => {
    const r = await importPaths([trio], deps);
    assert.deepEqual(r.counts, { new: 0, 'new-version': 0, 'new-file': 2, unchanged: 1, failed: 0 });
    const title = (await w.store.getDocument(docId))!.title;
    assert.equal(title, 'Verslag informele Telecomraad 8-9 maart');
    assert.deepEqual(r.otherFormats.map((o) => [o.source, o.docId, o.title]), [
      [join(trio, 'kamerbrief-2022.docx'), docId, title],
      [join(trio, 'kamerbrief-2022.html'), docId, title],
    ]);
    const stats = await w.store.stats();
    assert.deepEqual([stats.documents, stats.versions], [1, 1]);
    const files = await w.store.listFiles(docId);
    assert.deepEqual(files.map((f) => [f.version, f.format, f.fileName]), [
      [1, 'pdf', 'kamerbrief-2022.pdf'],
      [1, 'docx', 'kamerbrief-2022.docx'],
      [1, 'html', 'kamerbrief-2022.html'],
    ]);
    // The Kamer sync and the status pages follow sources to documents through the import log.
    assert.equal(await w.store.documentFromSource(join(trio, 'kamerbrief-2022.html')), docId);
  });

  it('fires no monitor for another file of a document already stored', async () => {
    const run = await w.watch.run({ trigger: 'import' });
    assert.equal(run.changedDocuments, 0);
    assert.equal(run.newMatches, 0);
  });

  it('changes nothing when the files are imported again, from anywhere', async () => {
    const again = await importPaths([trio], deps);
    assert.deepEqual(again.counts, { new: 0, 'new-version': 0, 'new-file': 0, unchanged: 3, failed: 0 });
    const copies = folderWith([[join(FILES, 'kamerbrief-2022.html'), 'kopie.html']]);
    assert.equal((await importPaths([copies], deps)).counts.unchanged, 1);
    assert.equal((await w.store.listFiles(docId)).length, 3);
    assert.equal((await w.store.stats()).documents, 1);
  });

  it('keeps a different letter on the same subject apart (and joins its own two formats)', async () => {
    const other = folderWith([
      [join(FILES, 'kamerbrief-2026.pdf'), 'kamerbrief-2026.pdf'],
      [join(FILES, 'kamerbrief-2026.html'), 'kamerbrief-2026.html'],
    ]);
    const r = await importPaths([other], deps);
    assert.deepEqual([r.counts.new, r.counts['new-file']], [1, 1]);
    assert.equal((await w.store.stats()).documents, 2);
    assert.equal((await w.store.listFiles(docId)).length, 3);
    // One new document for the monitors, not two.
    const run = await w.watch.run({ trigger: 'import' });
    assert.equal(run.changedDocuments, 1);
    assert.equal(run.newMatches, 1);
  });

  it('lists each Council meeting once, with one document in its thread', async () => {
    const body = (await (await app.request('/raad.json')).json()) as { meetings: { key: string; documents: { id: string }[] }[] };
    assert.deepEqual(body.meetings.map((m) => [m.key, m.documents.length]), [
      ['telecomraad-2026-04-29', 1],
      ['telecomraad-2022-03-08', 1],
    ]);
  });

  it('shows each promise once in the commitments register', async () => {
    const body = (await (await app.request('/toezeggingen.json?today=2026-06-01')).json()) as { total: number; commitments: { document: { id: string } }[] };
    // The 2026 letter makes two promises; its PDF and web page are one document.
    assert.equal(body.total, 2);
    assert.equal(new Set(body.commitments.map((c) => c.document.id)).size, 1);
  });

  it('finds one document per letter in search', async () => {
    const body = (await (await app.request('/api/search?q=Telecomraad')).json()) as { total: number; results: { id: string }[] };
    assert.equal(body.total, 2);
    assert.equal(new Set(body.results.map((r) => r.id)).size, 2);
  });

  it('offers every file on the document page, with format, size and a download link each', async () => {
    const res = await app.request(`/documents/${docId}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Bestanden \(3 formaten\)/);
    const links = [...html.matchAll(/<a href="(\/documents\/[^"]+\/bestanden\/\d+)"[^>]*>([^<]+)<\/a> · ([^<]+?)\s*·/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(links.map((l) => l[1]), ['PDF', 'Word (DOCX)', 'HTML']);
    for (const [href, , size] of links) assert.match(size!, /^\d+ kB$/, `${href}: ${size}`);
    const expected = [fixture('kamerbrief-2022.pdf'), fixture('kamerbrief-2022.docx'), fixture('kamerbrief-2022.html')];
    for (const [i, [href]] of links.entries()) {
      const file = await app.request(href!);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename="kamerbrief-2022\./);
      assert.equal(file.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), expected[i]);
    }
  });

  it('lists the files in the JSON twin and the API, with their download URLs', async () => {
    const twin = (await (await app.request(`/documents/${docId}.json`)).json()) as { document: { files: { id: number; version: number; format: string; fileName: string; byteSize: number; mimeType: string; contentHash: string; url: string }[] } };
    const api = await (await app.request(`/api/documents/${docId}`)).json();
    assert.deepEqual(api, twin);
    const files = twin.document.files;
    assert.deepEqual(files.map((f) => [f.version, f.format, f.fileName, f.byteSize]), [
      [1, 'pdf', 'kamerbrief-2022.pdf', fixture('kamerbrief-2022.pdf').byteLength],
      [1, 'docx', 'kamerbrief-2022.docx', fixture('kamerbrief-2022.docx').byteLength],
      [1, 'html', 'kamerbrief-2022.html', fixture('kamerbrief-2022.html').byteLength],
    ]);
    assert.ok(files.every((f) => f.url === `/documents/${docId}/bestanden/${f.id}` && /^[0-9a-f]{64}$/.test(f.contentHash)));
    assert.equal(files[0]!.mimeType, 'application/pdf');
  });

  it('keeps the old original link working and answers an unknown file with a Dutch 404', async () => {
    const original = await app.request(`/documents/${docId}/original?version=1`);
    assert.equal(original.status, 200);
    assert.deepEqual(new Uint8Array(await original.arrayBuffer()), fixture('kamerbrief-2022.pdf'));
    for (const path of [`/documents/${docId}/bestanden/999999`, `/documents/${docId}/bestanden/abc`, `/documents/nope/bestanden/1`]) {
      const res = await app.request(path, { headers: { accept: 'application/json' } });
      assert.equal(res.status, 404, path);
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      assert.equal(body.error.code, 'NOT_FOUND');
    }
    // A file of another document is not served under this one.
    const otherId = (await w.store.documentIds()).find((id) => id !== docId)!;
    const theirs = (await w.store.listFiles(otherId))[0]!;
    assert.equal((await app.request(`/documents/${docId}/bestanden/${theirs.id}`)).status, 404);
  });

  it('describes the files in the OpenAPI document', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as any;
    assert.ok(spec.paths['/documents/{id}/bestanden/{file}'].get);
    assert.ok(spec.paths['/documents/{id}/original'].get);
    assert.equal(spec.components.schemas.DocumentResult.properties.document.properties.files.type, 'array');
  });

  it('keeps a changed text at the same path a new version, which gets its own file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-files-'));
    const txt = join(dir, 'verslag.txt');
    copyFileSync(join(FILES, 'kamerbrief-2022.txt'), txt);
    // The plain-text copy is a fourth format of the same version...
    assert.equal((await importPaths([txt], deps)).counts['new-file'], 1);
    // ...until it is changed: then it is the document's next version, as before.
    writeFileSync(txt, readFileSync(txt, 'utf8') + '\nNaschrift: het verslag van de formele Telecomraad volgt op 1 juni 2022.\n');
    const r = await importPaths([txt], deps);
    assert.equal(r.counts['new-version'], 1);
    assert.equal((await w.store.getDocument(docId))?.currentVersion, 2);
    assert.equal((await w.store.stats()).documents, 2);
    const files = await w.store.listFiles(docId);
    assert.deepEqual(files.map((f) => [f.version, f.format]), [[1, 'pdf'], [1, 'docx'], [1, 'html'], [1, 'text'], [2, 'text']]);
    // The change is seen like any new version: "what changed" and a monitor.
    const changes = (await (await app.request(`/api/documents/${docId}/changes?from=1&to=2`)).json()) as { ok: boolean };
    assert.equal(changes.ok, true);
    const run = await w.watch.run({ trigger: 'import' });
    assert.equal(run.changedDocuments, 1);
  });
});

describe('a Kamerstuk in another format, changed, or with the same number on another text', () => {
  let w: Opened;
  let deps: IngestDeps;
  const motionPdf = join(REAL, 'pm-d7a5dc6c-3636-4acd-8630-96c14e97dcce.pdf');
  let motionText: string;

  before(async () => {
    w = openServices(':memory:');
    deps = { units: w.units, store: w.store, index: w.index, structure: w.structure };
    motionText = (await extractFile(new Uint8Array(readFileSync(motionPdf)), 'motie.pdf', { maxBytes: 10 * 1024 * 1024 })).text;
    await importPaths([motionPdf], deps);
  });
  after(async () => w.close());

  it('joins the Kamer file of a document already imported in another format (source tk:, its document number)', async () => {
    const [motion] = await w.store.documentIds();
    // The same motion as the Kamer's open data serves its text (here: as plain text).
    const r = await importContent(
      { source: 'tk:0f0e0d0c-0000-4000-8000-000000000001', fileName: '2025D16542.txt', bytes: new TextEncoder().encode(motionText), preferredId: '2025D16542', documentNumber: '2025D16542' },
      deps,
    );
    assert.deepEqual([r.status, r.docId, r.version], ['new-file', motion, 1]);
    // The Kamer panel finds the document from the Kamer file's source.
    assert.equal(await w.store.documentFromSource('tk:0f0e0d0c-0000-4000-8000-000000000001'), motion);
    assert.deepEqual(await w.store.documentsByKeys(['nr:2025D16542'], 5), [motion]);
  });

  it('makes a reprint with a changed dictum under the same Kamerstuk number a new version, from another path', async () => {
    const [motion] = await w.store.documentIds();
    const reprint = motionText
      .replace(/verzoekt de regering[\s\S]*?perspectief,/, 'verzoekt de regering in Europees verband te pleiten voor een onafhankelijk onderzoek naar de naleving van het humanitair oorlogsrecht en de Kamer daarover voor de zomer te informeren,')
      .replace('Voorgesteld 10 april 2025', 'Voorgesteld 10 april 2025\nHERDRUK');
    // The premise: the same number, a text too different to be a mere other format.
    const sim = similarity(shingles(motionText), shingles(reprint));
    assert.ok(sim >= SAME_IDENTITY_TEXT && sim < SAME_TEXT, `similarity ${sim}`);
    const dir = mkdtempSync(join(tmpdir(), 'kl-herdruk-'));
    writeFileSync(join(dir, 'motie-ceder-herdruk.txt'), reprint);
    const r = await importPaths([dir], deps);
    assert.equal(r.counts['new-version'], 1);
    assert.equal((await w.store.getDocument(motion!))?.currentVersion, 2);
    assert.equal((await w.store.stats()).documents, 1);
  });

  it('keeps a text that only carries the same number (a bijlage) a document of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-bijlage-'));
    mkdirSync(join(dir, 'b'));
    const header = motionText.slice(0, motionText.indexOf('De Kamer,'));
    const colophon = motionText.slice(motionText.indexOf('kst-21501-02-3121'));
    writeFileSync(
      join(dir, 'b', 'bijlage.txt'),
      `${header}Bijlage: overzicht van de humanitaire hulp die Nederland in 2024 aan Gaza gaf, per organisatie en per maand, met de bedragen die via de Verenigde Naties en het Rode Kruis zijn uitgekeerd en de leveringen die de grens niet passeerden.\n\n${colophon}`,
    );
    const r = await importPaths([dir], deps);
    assert.equal(r.counts.new, 1);
    assert.equal((await w.store.stats()).documents, 2);
  });
  it('joins a copy of an earlier version under the same number as a file of that version, not as a version that turns the text back', async () => {
    const [motion] = await w.store.documentIds();
    const r = await importContent({ source: '/elders/motie-kopie.txt', fileName: 'motie-kopie.txt', bytes: new TextEncoder().encode(`${motionText}\n`) }, deps);
    assert.deepEqual([r.status, r.docId, r.version], ['new-file', motion, 1]);
    assert.equal((await w.store.getDocument(motion!))?.currentVersion, 2);
    assert.deepEqual((await w.store.listFiles(motion!)).map((f) => [f.version, f.format]), [[1, 'pdf'], [1, 'text'], [2, 'text'], [1, 'text']]);
  });
});

describe('a copy in a format the document already has, without a number', () => {
  it('stays a document of its own, as before (only another format is another file)', async () => {
    const w = openServices(':memory:');
    try {
      const deps = { units: w.units, store: w.store, index: w.index, structure: w.structure };
      const html = fixture('kamerbrief-2026.html');
      const first = await importContent({ source: '/a/brief.html', fileName: 'brief.html', bytes: html }, deps);
      const copy = await importContent({ source: '/b/kopie.html', fileName: 'kopie.html', bytes: new Uint8Array([...html, 0x0a]) }, deps);
      assert.equal(first.status, 'new');
      assert.equal(copy.status, 'new');
      assert.notEqual(copy.docId, first.docId);
      // Its other format still joins the first document.
      const pdf = await importContent({ source: '/a/brief.pdf', fileName: 'brief.pdf', bytes: fixture('kamerbrief-2026.pdf') }, deps);
      assert.equal(pdf.status, 'new-file');
    } finally {
      await w.close();
    }
  });
});

describe('an interrupted import of another format', () => {
  /** A store whose `fail` method throws once: a crash at that point of the import. */
  function crashingOnce(store: Store, fail: 'addFile' | 'recordImport'): Store {
    let armed = true;
    return new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === fail && armed) {
          return async (...args: unknown[]) => {
            armed = false;
            if (fail === 'recordImport') await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).then(() => undefined);
            throw new Error(`crash in ${String(prop)}`);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  it('resumes without duplicates whether it stopped before or after the file was committed', async () => {
    const w = openServices(':memory:');
    try {
      const deps = { units: w.units, store: w.store, index: w.index, structure: w.structure };
      // The unit writes through the crashing store too: addFile is called inside it.
      const crashing = (fail: 'addFile' | 'recordImport') => {
        const store = crashingOnce(w.store, fail);
        return { ...deps, store, units: unitsWith(w.units, { store }) };
      };
      const pdf = { source: '/brieven/brief.pdf', fileName: 'brief.pdf', bytes: fixture('kamerbrief-2022.pdf') };
      const docx = { source: '/brieven/brief.docx', fileName: 'brief.docx', bytes: fixture('kamerbrief-2022.docx') };
      const html = { source: '/brieven/brief.html', fileName: 'brief.html', bytes: fixture('kamerbrief-2022.html') };
      await importContent(pdf, deps);
      // Stopped before the file was written: nothing is kept, the rerun adds it.
      await assert.rejects(importContent(docx, crashing('addFile')), /crash/);
      assert.equal((await w.store.listFiles('brief')).length, 1);
      assert.equal((await importContent(docx, deps)).status, 'new-file');
      // Stopped after the file was committed (before the caller heard of it): the rerun finds it.
      await assert.rejects(importContent(html, crashing('recordImport')), /crash/);
      assert.equal((await importContent(html, deps)).status, 'unchanged');
      assert.deepEqual((await w.store.listFiles('brief')).map((f) => f.format), ['pdf', 'docx', 'html']);
      assert.equal((await w.store.stats()).documents, 1);
    } finally {
      await w.close();
    }
  });
});
