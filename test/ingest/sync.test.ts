/** syncFeed against the fake open-data server: full sync, reruns, deletions, re-sends, faults, --from-dir. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TkFieldValue } from '../../src/domain/tk.js';
import { feedOrigin, syncFeed, type SyncOptions } from '../../src/ingest/sync.js';
import { parseQuery } from '../../src/search/query.js';
import { dumpDatabase } from '../fake-tk/dump.js';
import { openTk, type OpenedTk } from '../fake-tk/open.js';
import { indexWorld, pageEvents } from '../fake-tk/feed-xml.js';
import { saveWorld } from '../fake-tk/save-world.js';
import { startFakeTk, WORLD_FAULTS, type FakeTk } from '../fake-tk/server.js';
import { IDS, buildWorld, finalStates, guid, type WorldEntity } from '../fake-tk/world.js';

/** The feed these cursors belong to (cursors are kept per feed). */
const FEED = 'https://feed.example/SyncFeed/2.0';
const at = (skiptoken: string) => ({ origin: FEED, skiptoken });

const noSleep = { sleep: async () => {} };
/** People in the world after its deletions. */
const PERSONEN = [...finalStates(buildWorld()).values()].filter((e) => e.category === 'Persoon').length;
const tmp = () => mkdtempSync(join(tmpdir(), 'kl-sync-'));

/** The fields the parser should produce for a world entity: booleans in one spelling, nesting flattened, repeats kept. */
function expectedFields(e: WorldEntity): Record<string, TkFieldValue> {
  const out: Record<string, TkFieldValue> = {};
  const add = (prefix: string, fields: WorldEntity['fields']) => {
    for (const [k, v] of fields) {
      if (Array.isArray(v)) add(`${prefix}${k}.`, v);
      else {
        const value = v !== null && /^(true|false)$/i.test(v) ? v.toLowerCase() : v;
        const prev = out[prefix + k];
        out[prefix + k] = prev === undefined || value === null ? (prev ?? value) : typeof prev === 'string' ? [prev, value] : prev === null ? value : [...prev, value];
      }
    }
  };
  add('', e.fields);
  return out;
}

async function run(o: OpenedTk, dataDir: string, options: Partial<SyncOptions> & { source?: string } = {}) {
  return syncFeed({ dataDir, retry: noSleep, ...options }, o);
}

describe('syncFeed: a full sync of the fake world', () => {
  let fake: FakeTk;
  let dataDir: string;
  let o: OpenedTk;
  let first: Awaited<ReturnType<typeof run>>;

  before(async () => {
    fake = await startFakeTk(buildWorld(), WORLD_FAULTS);
    dataDir = tmp();
    o = openTk(join(dataDir, 'kamerlens.db'));
    first = await run(o, dataDir, { source: fake.url });
  });
  after(async () => {
    await o.close();
    await fake.close();
  });

  it('stores every entity of the world with its fields and references', async () => {
    assert.equal(first.ok, true);
    const expected = finalStates(fake.world);
    const counts = await o.tkStore.countByCategory();
    assert.equal(counts.reduce((n, c) => n + c.count, 0), expected.size);
    for (const e of expected.values()) {
      const got = await o.tkStore.getEntity(e.id);
      assert.ok(got, `${e.category} ${e.id} stored`);
      assert.equal(got.category, e.category);
      assert.deepEqual(got.fields, expectedFields(e), `${e.category} ${e.id} fields`);
      assert.deepEqual(got.refs, e.refs.map(([name, ref]) => ({ name, ref })), `${e.category} ${e.id} refs`);
      assert.equal(got.updated, e.updated, `${e.category} ${e.id} bijgewerkt as a UTC instant`);
    }
    assert.ok(first.categories.every((c) => c.caughtUp && c.error === null));
  });

  it('answers references both ways: the zaak of 2025D08504 and the documents of dossier 21501-33', async () => {
    const doc = (await o.tkStore.listEntities({ category: 'Document', field: 'documentNummer', value: '2025D08504' })).items[0]!;
    const zaak = (await o.tkStore.refsFrom(doc.id)).find((r) => r.name === 'zaak')!;
    assert.equal(zaak.otherCategory, 'Zaak');
    assert.equal((await o.tkStore.getEntity(zaak.toId))?.fields['nummer'], '2025Z03735');
    const inDossier = await o.tkStore.refsTo(IDS.dossier21501_33, 'kamerstukdossier');
    assert.equal(inDossier.filter((r) => r.otherCategory === 'Document').length, 5);
    const signers = await o.tkStore.refsTo(doc.id, 'document');
    assert.equal(signers.length, 4, 'three signatories and one version');
  });

  it('applies the deletion and the re-sent zaak', async () => {
    assert.equal(await o.tkStore.getEntity(IDS.stemmingDeleted), null);
    assert.equal((await o.tkStore.refsTo(IDS.besluitMotie, 'besluit')).length, 15, 'one vote per fractie, the mistaken one deleted');
    const zaak = await o.tkStore.getEntity(IDS.zaakVerslag2025);
    assert.equal(zaak?.fields['afgedaan'], 'true');
    assert.equal(zaak?.fields['status'], 'Afgedaan');
    assert.equal(zaak?.updated, '2025-04-15T05:30:00.000Z');
  });

  it('downloads files, imports Document files as documents and makes them searchable', async () => {
    // Five Document files arrive (the motie's is missing): four texts and the legacy Word motie,
    // which imports once a .doc extractor is there and is otherwise recorded as failed.
    assert.deepEqual({ ...first.files, fetched: undefined, imported: undefined, importFailed: undefined }, { fetched: undefined, unchanged: 0, missing: 1, broken: 0, refused: 0, imported: undefined, importFailed: undefined });
    assert.equal(first.files.imported + first.files.importFailed, 5);
    assert.equal((await o.tkStore.getFile(IDS.docWord))?.status, 'ok', 'the .doc is fetched and kept');
    const wordImported = (await o.store.getDocument('2009d26321')) !== null;
    const wordFailed = (await o.store.listImports({ status: 'failed', limit: 50 })).some((r) => r.source === `tk:${IDS.docWord}`);
    assert.ok(wordImported !== wordFailed, 'the .doc import is recorded, as a document or as a failure');
    const f = await o.tkStore.getFile(IDS.doc2025);
    assert.equal(f?.status, 'ok');
    assert.equal(f?.version, 1);
    assert.deepEqual(new Uint8Array(readFileSync(join(dataDir, f!.path!))), fake.world.events.find((e) => e.id === IDS.doc2025)!.file!.bytes);
    assert.equal((await o.tkStore.getFile(IDS.verslag))?.status, 'ok', 'the short VLOS download was retried');
    assert.equal((await o.tkStore.getFile(IDS.docMotie))?.status, 'missing');
    const doc = await o.store.getDocument('2025d08504');
    assert.equal(doc?.source, `tk:${IDS.doc2025}`);
    assert.equal(doc?.kind, 'verslag-schriftelijk-overleg');
    const hits = await o.index.search({ query: parseQuery('Warschau'), offset: 0, limit: 10 });
    assert.ok(hits.hits.some((h) => h.id === '2025d08504'));
    assert.ok(await o.store.getDocument('2017d33112'));
  });

  it('a rerun changes nothing and fetches no page beyond the stored cursors', async () => {
    const before = dumpDatabase(o.db);
    const requests = fake.requests.length;
    const again = await run(o, dataDir, { source: fake.url });
    assert.equal(again.ok, true);
    assert.equal(dumpDatabase(o.db), before);
    const rerun = fake.requests.slice(requests);
    // One page per category, from the stored cursor where there is one; only the missing file is retried.
    const feedRequests = rerun.filter((r) => r.startsWith('/SyncFeed/2.0/Feed'));
    assert.equal(feedRequests.length, first.categories.length);
    for (const { category, cursor } of await o.tkStore.listCursors()) {
      assert.ok(feedRequests.includes(`/SyncFeed/2.0/Feed?category=${category}&skiptoken=${cursor}`), category);
    }
    assert.deepEqual(rerun.filter((r) => r.includes('/Resources/')), [`/SyncFeed/2.0/Resources/${IDS.docMotie}`]);
    assert.equal(again.entities, 0);
  });

  it('a later run picks up new, re-sent, deleted entities and a file that came back', async () => {
    const doc = fake.world.events.find((e) => e.id === IDS.docMotie)!;
    fake.missing.delete(IDS.docMotie);
    fake.world.events.push({ ...doc, updated: '2025-03-07T09:00:00.000Z' });
    const persoon = fake.world.events.find((e) => e.id === IDS.persoon('sneller'))!;
    fake.world.events.push({ ...persoon, deleted: true, updated: '2025-05-01T00:00:00Z' });
    const r = await run(o, dataDir, { source: fake.url });
    assert.equal(r.ok, true);
    assert.equal(await o.tkStore.getEntity(IDS.persoon('sneller')), null);
    const f = await o.tkStore.getFile(IDS.docMotie);
    assert.deepEqual([f?.status, f?.version, f?.byteCount], ['ok', 1, doc.file!.bytes.byteLength]);
    assert.ok(r.files.imported >= 1);
    assert.match((await o.store.getDocument('2025d10230'))?.title ?? '', /./, 'the motie PDF is imported once it arrives');
    assert.ok(existsSync(join(dataDir, f!.path!)));
  });
});

describe('syncFeed: bounded runs, failing categories, saved pages', () => {
  it('--max-pages stops each category after that many pages and resumes there', async () => {
    const fake = await startFakeTk(buildWorld());
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    const r = await run(o, dataDir, { source: fake.url, categories: ['Persoon', 'Fractie'], maxPages: 1 });
    assert.deepEqual(r.categories.map((c) => [c.category, c.pages, c.upserted, c.caughtUp]), [['Persoon', 1, 3, false], ['Fractie', 1, 3, false]]);
    assert.equal((await o.tkStore.listEntities({ category: 'Persoon' })).total, 3);
    const rest = await run(o, dataDir, { source: fake.url, categories: ['Persoon', 'Fractie'] });
    assert.equal((await o.tkStore.listEntities({ category: 'Persoon' })).total, PERSONEN);
    assert.ok(rest.categories.every((c) => c.caughtUp));
    await o.close();
    await fake.close();
  });

  it('a category that keeps failing is reported; the others still sync', async () => {
    const fake = await startFakeTk(buildWorld(), { brokenCategories: ['Zaak'] });
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    const errors: string[] = [];
    const r = await syncFeed(
      { source: fake.url, dataDir, retry: { ...noSleep, attempts: 3 }, categories: ['Fractie', 'Zaak', 'Commissie'] },
      { ...o, log: { info() {}, warn() {}, error: (m) => errors.push(m) } },
    );
    assert.equal(r.ok, false);
    assert.match(r.categories.find((c) => c.category === 'Zaak')!.error!, /^ongeldige feed-XML: afgebroken/);
    assert.equal((await o.tkStore.listEntities({ category: 'Commissie' })).total, 3);
    assert.equal(await o.tkStore.getCursor('Zaak', feedOrigin(fake.url)), null);
    assert.equal(fake.requests.filter((q) => q.includes('category=Zaak')).length, 3);
    assert.ok(errors.some((m) => m.includes('Zaak')));
    await o.close();
    await fake.close();
  });

  it('a source that offers none of the categories asked for fails, naming each; one it does not carry is skipped', async () => {
    // A folder one level too high (../shared/real for ../shared/real/tk-feed) holds no category.
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    const errors: string[] = [];
    const wrong = await syncFeed({ fromDir: tmp(), dataDir, categories: ['Persoon', 'Fractie'] }, { ...o, log: { info() {}, warn() {}, error: (m) => errors.push(m) } });
    assert.equal(wrong.ok, false);
    assert.deepEqual(wrong.categories.map((c) => [c.category, c.absent, /biedt deze categorie niet aan$/.test(c.error ?? '')]), [['Persoon', true, true], ['Fractie', true, true]]);
    assert.ok(errors.some((m) => m.includes('biedt geen van de gevraagde categorieën aan')));
    // The same source asked for one category it has and one it lacks: the lacking one is skipped.
    const saved = tmp();
    saveWorld(buildWorld(), saved, 3);
    rmSync(join(saved, 'Reservering'), { recursive: true, force: true });
    const some = await run(o, dataDir, { fromDir: saved, categories: ['Persoon', 'Reservering'] });
    assert.equal(some.ok, true);
    assert.deepEqual(some.categories.map((c) => [c.category, c.absent, c.error]), [['Persoon', false, null], ['Reservering', true, null]]);
    await o.close();
  });

  it('an address where nobody answers stops the sync after one category, saying why', async () => {
    // It spent every category's retries, ten minutes, to fail each the same way.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    // Files an earlier run left to fetch: they go first, and would each spend their retries too.
    const saved = tmp();
    saveWorld(buildWorld(), saved, 3);
    await run(o, dataDir, { fromDir: saved, files: false });
    const left = (await o.tkStore.filesToFetch(1000)).length;
    assert.ok(left >= 8, `${left} files left to fetch`);
    const r = await syncFeed(
      { source: `http://127.0.0.1:${port}`, dataDir, retry: { ...noSleep, attempts: 2 }, fileConcurrency: 1, categories: ['Persoon', 'Fractie', 'Zaak'] },
      { ...o, log: { info() {}, warn() {}, error() {} } },
    );
    assert.equal(r.ok, false);
    // One file at a time: those not yet tried when the address proved dead are left for the next run.
    assert.ok(r.files.broken + r.files.missing < left, `${r.files.broken} of ${left} files tried`);
    assert.equal((await o.tkStore.filesToFetch(1000)).filter((f) => f.status === 'pending').length, left - r.files.broken - r.files.missing);
    assert.deepEqual(
      r.categories.map((c) => c.error),
      ['fetch failed (ECONNREFUSED)', `niet geprobeerd: http://127.0.0.1:${port} is onbereikbaar (ECONNREFUSED)`, `niet geprobeerd: http://127.0.0.1:${port} is onbereikbaar (ECONNREFUSED)`],
    );
    await o.close();
  });

  it('one page per transaction or several: the same database', async () => {
    const fake = await startFakeTk(buildWorld());
    const dumps: string[] = [];
    for (const commitEvery of [1, 7, undefined]) {
      const dataDir = tmp();
      const o = openTk(join(dataDir, 'kamerlens.db'));
      const r = await run(o, dataDir, { source: fake.url, ...(commitEvery ? { commitEvery } : {}) });
      assert.equal(r.ok, true);
      dumps.push(dumpDatabase(o.db));
      await o.close();
    }
    await fake.close();
    assert.ok(dumps[1] === dumps[0] && dumps[2] === dumps[0]);
  });

  it('a page that keeps failing mid-category: the pages before it are kept, with their cursor', async () => {
    const world = buildWorld();
    const second = pageEvents(indexWorld(world), 'Persoon', 0, 3).next!;
    const third = pageEvents(indexWorld(world), 'Persoon', second, 3).next!;
    const fake = await startFakeTk(world, { pageFaults: [{ category: 'Persoon', skiptoken: String(third), faults: ['status500', 'status500'] }] });
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    const r = await run(o, dataDir, { source: fake.url, categories: ['Persoon'], retry: { ...noSleep, attempts: 2 } });
    assert.equal(r.ok, false);
    assert.deepEqual(r.categories.map((c) => [c.pages, c.upserted, c.cursor]), [[2, 6, String(third)]]);
    assert.equal(await o.tkStore.getCursor('Persoon', feedOrigin(fake.url)), String(third));
    assert.equal((await o.tkStore.listEntities({ category: 'Persoon' })).total, 6);
    const rest = await run(o, dataDir, { source: fake.url, categories: ['Persoon'] });
    assert.equal(rest.ok, true);
    assert.equal((await o.tkStore.listEntities({ category: 'Persoon' })).total, PERSONEN);
    await o.close();
    await fake.close();
  });

  it('inside the shared transaction a failing page stores nothing; a re-sent unchanged entity writes nothing', async () => {
    const dataDir = tmp();
    const o = openTk(join(dataDir, 'kamerlens.db'));
    const zaak = (n: number, fields: Record<string, string> = { nummer: `Z${n}` }, refs = [{ name: 'dossier', ref: guid('d') }]) => ({
      entity: { id: guid(`z${n}`), category: 'Zaak', updated: '2025-01-01T00:00:00.000Z', deleted: false, fields, refs },
      enclosure: null,
    });
    await o.tkStore.applyPage('Zaak', [zaak(1), zaak(2)], at('2'));
    await assert.rejects(o.tkStore.applyPage('Zaak', [zaak(3), { ...zaak(4), entity: { ...zaak(4).entity, id: '' } }], at('4')));
    assert.equal(await o.tkStore.getEntity(guid('z3')), null);
    assert.equal(await o.tkStore.getCursor('Zaak', FEED), '2');

    const head = await o.tkStore.changeHead();
    await o.tkStore.applyPage('Zaak', [zaak(1), zaak(2)], at('5'));
    assert.equal(await o.tkStore.changeHead(), head, 'nothing changed, nothing logged');
    await o.tkStore.applyPage('Zaak', [zaak(1, { nummer: 'Z1', titel: 'nieuw' }), zaak(2, { nummer: 'Z2' }, [{ name: 'dossier', ref: guid('e') }])], at('6'));
    assert.deepEqual((await o.tkStore.getEntity(guid('z1')))?.fields, { nummer: 'Z1', titel: 'nieuw' });
    assert.deepEqual((await o.tkStore.refsFrom(guid('z2'))).map((r) => r.toId), [guid('e')]);
    assert.deepEqual((await o.tkStore.refsTo(guid('d'))).map((r) => r.fromId), [guid('z1')]);
    assert.deepEqual((await o.tkStore.changesSince(head, await o.tkStore.changeHead())).map((c) => c.id), [guid('z1')]);
    await o.close();
  });

  it('--from-dir loads saved pages into the same data as the HTTP sync', async () => {
    const world = buildWorld();
    const saved = tmp();
    // The same file missing on both sides: a mirror that could not fetch it, a server that cannot serve it.
    saveWorld(world, saved, 3, [IDS.docMotie]);
    const fake = await startFakeTk(world, { missingResources: [IDS.docMotie] });
    const a = tmp();
    const b = tmp();
    const viaHttp = openTk(join(a, 'kamerlens.db'));
    const fromDir = openTk(join(b, 'kamerlens.db'));
    await run(viaHttp, a, { source: fake.url });
    const r = await run(fromDir, b, { fromDir: saved });
    assert.equal(r.ok, true);
    const strip = (dump: string) => {
      const d = JSON.parse(dump) as Record<string, unknown>;
      delete d['files'];
      return d;
    };
    assert.deepEqual(strip(dumpDatabase(fromDir.db)), strip(dumpDatabase(viaHttp.db)));
    assert.equal((await fromDir.tkStore.getFile(IDS.docMotie))?.status, 'missing');
    await viaHttp.close();
    await fromDir.close();
    await fake.close();
  });

  it('the committed demo data set data/tk-world is the current world', async () => {
    const committed = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
    const fresh = tmp();
    saveWorld(buildWorld(), fresh);
    for (const rel of ['Document/start.xml', 'Zaak/start.xml', `resources/${IDS.doc2025}`, 'Stemming/start.xml', 'Toezegging/start.xml', 'Verslag/start.xml', `resources/${IDS.docMotie}`]) {
      assert.deepEqual(readFileSync(join(committed, rel)), readFileSync(join(fresh, rel)), rel);
    }
    assert.equal(guid('Zaak:2025Z03735'), IDS.zaakVerslag2025);
  });
});
