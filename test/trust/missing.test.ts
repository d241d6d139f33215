/**
 * `/ontbrekend` and `/api/missing` in-process: cited documents the archive lacks (with their
 * official publication), Council meetings without a verslag, files that could not be read,
 * and the report form (signed in, CSRF) whose reports are listed for everyone.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { emptyStructure } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { createApp } from '../../src/server/app.js';
import { describeKey } from '../../src/service/missing.js';
import { SqliteMissingStore } from '../../src/store/sqlite/sqlite-missing-store.js';
import { SqliteStatusStore } from '../../src/store/sqlite/sqlite-status-store.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { addDoc, watchWorld, type World } from '../watch/helpers.js';

const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');

let w: World;
let app: Hono;
const mailer = new MemoryMailer();

async function signedIn(): Promise<{ cookie: string; csrf: string }> {
  await w.watch.requestSignIn('melder@example.org', '127.0.0.9');
  const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
  const r = await w.watch.consumeSignIn(token);
  return { cookie: `kl_session=${r.sessionToken}`, csrf: r.viewer.csrf! };
}

before(async () => {
  w = watchWorld({ mailer });
  const status = new SqliteStatusStore(w.db);
  const missing = new SqliteMissingStore(w.db);
  // A letter citing two kamerstukken and two Council documents; one of each is in the archive.
  const letter = emptyStructure('kamerbrief');
  letter.citations = [
    { kind: 'kamerstuk', raw: 'Kamerstuk 21 501-33, nr. 1113', dossier: '21 501-33', number: '1113', year: null },
    { kind: 'kamerstuk', raw: 'Kamerstuk 36259, nr. 2', dossier: '36259', number: '2', year: null },
    { kind: 'council-doc', raw: '13943/17', id: '13943/17' },
    { kind: 'council-doc', raw: '6163/25', id: '6163/25' },
    // Kamer document numbers in links: one the open data holds (the link leads there), one it does not.
    { kind: 'url', raw: 'https://www.tweedekamer.nl/kamerstukken/detail?id=2025D08504', url: 'https://www.tweedekamer.nl/kamerstukken/detail?id=2025D08504' },
    { kind: 'url', raw: 'https://www.tweedekamer.nl/kamerstukken/detail?id=2024D99999', url: 'https://www.tweedekamer.nl/kamerstukken/detail?id=2024D99999' },
  ];
  await addDoc(w, { id: 'brief', title: 'Brief over de Telecomraad', text: 'x', parsed: letter });
  const present = emptyStructure('raadsconclusies');
  present.identifiers = { ...present.identifiers, councilDocs: ['6163/25'] };
  await addDoc(w, { id: 'raad-6163', title: 'Raadsdocument 6163/25', text: 'y', parsed: present });
  // Council meetings: one with only an agenda (past), one complete, one still to come.
  const telecom = { body: 'Telecomraad', formal: true, startDate: '2025-03-04', endDate: null, location: 'Brussel' };
  await addDoc(w, { id: 'agenda-telecom', title: 'Geannoteerde agenda Telecomraad 4 maart 2025', text: 'a', kind: 'geannoteerde-agenda', meetings: [telecom] });
  const envi = { body: 'Milieuraad', formal: true, startDate: '2025-03-17', endDate: null, location: 'Brussel' };
  await addDoc(w, { id: 'agenda-envi', title: 'Geannoteerde agenda Milieuraad', text: 'b', kind: 'geannoteerde-agenda', meetings: [envi] });
  await addDoc(w, { id: 'verslag-envi', title: 'Verslag Milieuraad', text: 'c', kind: 'verslag-raad', meetings: [envi] });
  const future = { body: 'Landbouw- en Visserijraad', formal: true, startDate: '2099-01-20', endDate: null, location: 'Brussel' };
  await addDoc(w, { id: 'agenda-future', title: 'Geannoteerde agenda Landbouwraad 2099', text: 'd', kind: 'geannoteerde-agenda', meetings: [future] });
  // A file that cannot be read.
  const folder = mkdtempSync(join(tmpdir(), 'kl-missing-'));
  mkdirSync(join(folder, 'brieven'));
  copyFileSync(join(FILES, 'truncated.pdf'), join(folder, 'brieven', 'kapot.pdf'));
  await importPaths([folder], { units: w.units, store: w.store, index: w.services.index, structure: w.structure });
  const r = await syncFeed({ fromDir: WORLD_DIR, dataDir: mkdtempSync(join(tmpdir(), 'kl-missing-data-')) }, { ...w.services, units: w.units, tkStore: w.tk, runs: status });
  assert.ok(r.ok);
  app = createApp({ ...w.services, tk: w.tk, status, missing, watch: w.watch });
});
after(() => w.close());

describe('describeKey', () => {
  it('names a kamerstuk, a Council document and a Kamer document number with their official places', () => {
    assert.deepEqual(describeKey('kamerstuk:36259/2'), {
      label: 'Kamerstuk 36259 nr. 2',
      href: '/stukken/kamerstuk/36259/2',
      official: { url: 'https://zoek.officielebekendmakingen.nl/kst-36259-2.html', label: 'officielebekendmakingen.nl' },
    });
    assert.equal(describeKey('council:13943/17')?.official?.url, 'https://data.consilium.europa.eu/doc/document/ST-13943-2017-INIT/nl/pdf');
    assert.equal(describeKey('docnr:2024D17688')?.official?.url, 'https://www.tweedekamer.nl/kamerstukken/detail?did=2024D17688');
    assert.equal(describeKey('zaak:2024Z1'), null);
  });
});

describe('/api/missing', () => {
  it('lists cited documents the archive lacks, and not those it holds', async () => {
    const r = await app.request('/api/missing');
    assert.equal(r.status, 200);
    const body = (await r.json()) as { citations: { key: string; raws: string[]; citedBy: { id: string }[] }[] };
    const keys = body.citations.map((c) => c.key).sort();
    // (The synced Kamer files cite more; these are the letter's.) 6163/25 is imported; 2025D08504 is in the Kamer's open data.
    for (const k of ['council:13943/17', 'docnr:2024D99999', 'kamerstuk:36259/2']) assert.ok(keys.includes(k), k);
    // 21501-33 nr. 1113 came with the synced open data: its link leads there, so it is not missing.
    for (const k of ['council:6163/25', 'docnr:2025D08504', 'kamerstuk:21501-33/1113']) assert.ok(!keys.includes(k), k);
    const k = body.citations.find((c) => c.key === 'kamerstuk:36259/2')!;
    assert.ok(k.raws.includes('Kamerstuk 36259, nr. 2'), JSON.stringify(k.raws));
    assert.ok(k.citedBy.some((d) => d.id === 'brief'));
  });

  it('lists a past Council meeting with an agenda and no verslag, not a complete or a future one', async () => {
    const body = (await (await app.request('/api/missing')).json()) as { steps: { meeting: string; body: string; lacks: string }[] };
    assert.deepEqual(body.steps.map((s) => s.body), ['Telecomraad']);
    assert.equal(body.steps[0]!.lacks, 'verslag van de Raad');
  });

  it('lists a file that could not be read, with the reason', async () => {
    const body = (await (await app.request('/api/missing')).json()) as { files: { kind: string; label: string; reason: string }[] };
    const f = body.files.find((x) => x.label.endsWith('kapot.pdf'));
    assert.ok(f, JSON.stringify(body.files));
    assert.equal(f.kind, 'import');
    assert.match(f.reason, /\([A-Z_]+\)$/);
  });
});

describe('/ontbrekend', () => {
  it('shows the three lists in Dutch with official links, and asks to sign in before reporting', async () => {
    const r = await app.request('/ontbrekend');
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.match(html, /Geciteerd maar niet in het archief \(\d+\)/);
    assert.match(html, /Raadsdocument 13943\/17/);
    assert.match(html, /href="https:\/\/zoek\.officielebekendmakingen\.nl\/kst-36259-2\.html"/);
    assert.match(html, /href="\/raad\/telecomraad-2025-03-04"/);
    assert.match(html, /kapot\.pdf/);
    assert.match(html, /Log in<\/a> om een ontbrekend document te melden/);
    assert.doesNotMatch(html, /name="what"/);
  });

  it('is linked from the status page and the home page', async () => {
    assert.match(await (await app.request('/status')).text(), /href="\/ontbrekend"/);
    assert.match(await (await app.request('/')).text(), /href="\/ontbrekend"/);
  });

  it('refuses a report without sign-in (401) and without the CSRF token (403)', async () => {
    const anon = await app.request('/ontbrekend', { method: 'POST', body: new URLSearchParams({ what: 'Kamerstuk 1 nr. 1' }) });
    assert.equal(anon.status, 401);
    const { cookie } = await signedIn();
    const forged = await app.request('/ontbrekend', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ what: 'Kamerstuk 1 nr. 1', csrf: 'nep' }) });
    assert.equal(forged.status, 403);
    const body = (await (await app.request('/api/missing')).json()) as { reports: unknown[] };
    assert.equal(body.reports.length, 0);
  });

  it('stores a signed-in report, escapes it, and lists it for everyone', async () => {
    const { cookie, csrf } = await signedIn();
    const page = await (await app.request('/ontbrekend', { headers: { cookie } })).text();
    assert.match(page, /name="what"/);
    const short = await app.request('/ontbrekend', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ what: 'x', csrf }) });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /minstens 3 tekens/);
    const ok = await app.request('/ontbrekend', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ what: 'Verslag Telecomraad <4 maart>', where: 'https://www.rijksoverheid.nl/x', csrf }),
    });
    assert.equal(ok.status, 201);
    const anonPage = await (await app.request('/ontbrekend')).text();
    assert.match(anonPage, /Gemeld door gebruikers \(1\)/);
    assert.match(anonPage, /Verslag Telecomraad &lt;4 maart&gt;/);
    const body = (await (await app.request('/api/missing')).json()) as { reports: { what: string; where: string }[] };
    assert.deepEqual(body.reports.map((x) => [x.what, x.where]), [['Verslag Telecomraad <4 maart>', 'https://www.rijksoverheid.nl/x']]);
  });
});
