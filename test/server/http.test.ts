/** The web UI and JSON API, in-process through app.request() on the sample corpus. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { Opened } from '../../src/main.js';
import { SAMPLE, SAMPLE_DIR, sampleWorld } from '../helpers/world.js';

let world: Opened;
let app: Hono;

before(async () => {
  world = await sampleWorld();
  app = createApp(world);
});
after(async () => world.close());

async function getJson(path: string) {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

describe('JSON API', () => {
  it('searches with Dutch stemming and returns the documented shape', async () => {
    const { status, body } = await getJson('/api/search?q=lidstaat');
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.ok(body.total >= 2, `lidstaat should match documents saying lidstaten, got ${body.total}`);
    const r = body.results[0];
    for (const k of ['id', 'title', 'kind', 'date', 'snippet']) assert.ok(k in r, `result has ${k}`);
    assert.ok(Array.isArray(body.facets.kind) && Array.isArray(body.facets.year));
    // The snippet's highlight ranges point at a form of the searched word.
    const [s, e] = r.highlights[0];
    assert.match(r.snippet.slice(s, e).toLowerCase(), /^lidsta/);
  });

  it('folds diacritics: oekraine finds Oekraïne', async () => {
    const { body } = await getJson('/api/search?q=oekraine');
    assert.ok(body.results.some((r: any) => r.id === SAMPLE.verslag));
  });

  it('finds exact phrases and filters by kind', async () => {
    const phrase = await getJson(`/api/search?q=${encodeURIComponent('"informele Telecomraad"')}`);
    assert.ok(phrase.body.total >= 1);
    const kind = await getJson(`/api/search?q=${encodeURIComponent('telecomraad kind:raadsconclusies')}`);
    assert.ok(kind.body.results.every((r: any) => r.kind === 'raadsconclusies'));
  });

  it('answers a malformed query with 400 BAD_QUERY and a pointer, never a 500', async () => {
    for (const q of ['"unclosed phrase', 'OR', '-alleen', 'kind:brief', 'date:2025-13-45..', '(((']) {
      const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(status, 400, `query ${q}`);
      assert.equal(body.ok, false);
      assert.equal(body.error.code, 'BAD_QUERY', `query ${q}: ${JSON.stringify(body)}`);
      assert.ok(body.error.message.length > 10);
    }
  });

  it('returns a document with its structure, and the .json twin is identical', async () => {
    const api = await getJson(`/api/documents/${SAMPLE.verslag}`);
    assert.equal(api.status, 200);
    const d = api.body.document;
    assert.equal(d.id, SAMPLE.verslag);
    assert.equal(d.structure.schemaVersion, 1);
    assert.ok(d.text.includes('Vragen en opmerkingen van de leden van de PVV-fractie'));
    const twin = await getJson(`/documents/${SAMPLE.verslag}.json`);
    assert.deepEqual(twin.body, api.body);
  });

  it('serves the original file byte for byte', async () => {
    const res = await app.request(`/documents/${SAMPLE.brief2022}/original`);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(bytes, readFileSync(join(SAMPLE_DIR, `${SAMPLE.brief2022}.txt`)));
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
  });

  it('uses one error shape on every route', async () => {
    const cases: [string, number, string][] = [
      ['/api/documents/does-not-exist', 404, 'NOT_FOUND'],
      ['/documents/does-not-exist.json', 404, 'NOT_FOUND'],
      [`/api/documents/${SAMPLE.verslag}?version=99`, 404, 'NOT_FOUND'],
      [`/api/documents/${SAMPLE.verslag}?version=zero`, 400, 'BAD_REQUEST'],
      ['/api/search?q=x&page=0', 400, 'BAD_REQUEST'],
      ['/api/search?q=x&pageSize=1000', 400, 'BAD_REQUEST'],
      ['/search.json?q=%22open', 400, 'BAD_QUERY'],
      ['/api/nope', 404, 'NOT_FOUND'],
      ['/documents/does-not-exist/original', 404, 'NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const res = await app.request(path, { headers: { accept: 'application/json' } });
      assert.equal(res.status, status, path);
      const body = (await res.json()) as any;
      assert.deepEqual(Object.keys(body).sort(), ['error', 'ok'], path);
      assert.equal(body.ok, false, path);
      assert.equal(body.error.code, code, path);
      assert.equal(typeof body.error.message, 'string', path);
    }
  });

  it('describes itself with OpenAPI 3.1', async () => {
    const { body } = await getJson('/api/openapi.json');
    assert.equal(body.openapi, '3.1.0');
    assert.ok(body.paths['/api/search'].get);
    assert.ok(body.paths['/api/documents/{id}'].get);
  });
});

describe('HTML pages', () => {
  it('home lists the sample documents and counts', async () => {
    const res = await app.request('/');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<html lang="nl">/);
    assert.ok(html.includes(`/documents/${SAMPLE.conclusies}`));
  });

  it('search page highlights matches and shows facets', async () => {
    const html = await (await app.request('/search?q=cyberbeveiliging')).text();
    assert.match(html, /<mark>[Cc]yberbeveiliging<\/mark>/);
    assert.match(html, /soort%3A/); // facet links add a soort: (kind:) filter
  });

  it('a bad query renders the search page with status 400 and the message', async () => {
    const res = await app.request('/search?q=%22open');
    assert.equal(res.status, 400);
    assert.match(await res.text(), /class="error"/);
  });

  it('escapes every user-supplied string', async () => {
    const evil = '<script>alert(1)</script>';
    const res = await app.request(`/search?q=${encodeURIComponent(evil)}`);
    const html = await res.text();
    assert.ok(!html.includes(evil), 'raw script tag must not appear');
    assert.ok(html.includes('&lt;script&gt;'));
    const doc = await (await app.request(`/documents/${SAMPLE.verslag}?q=${encodeURIComponent(evil)}`)).text();
    assert.ok(!doc.includes(evil));
  });

  it('document page shows the text with the query highlighted and a download link', async () => {
    const html = await (await app.request(`/documents/${SAMPLE.verslag}?q=Oekraine`)).text();
    assert.match(html, /<mark>Oekraïne<\/mark>/);
    // Each file of the version has its download; the old original route keeps working for old links.
    const file = /href="(\/documents\/[^"]+\/bestanden\/\d+)"/.exec(html);
    assert.ok(file, 'a download link per file');
    const [viaFile, viaOriginal] = await Promise.all([app.request(file[1]!), app.request(`/documents/${SAMPLE.verslag}/original?version=1`)]);
    assert.equal(viaFile.status, 200);
    assert.equal(viaOriginal.status, 200);
    assert.deepEqual(new Uint8Array(await viaFile.arrayBuffer()), new Uint8Array(await viaOriginal.arrayBuffer()));
  });

  it('an unknown page is a 404 page', async () => {
    const res = await app.request('/documents/nope');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Niet gevonden/);
  });
});

describe('health and readiness', () => {
  it('/healthz answers without touching the database; /readyz reads the store and the index', async () => {
    assert.deepEqual((await getJson('/healthz')).body, { ok: true });
    const ready = await getJson('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.documents, await world.index.count());
  });

  it('/readyz is 503 with a Dutch reason when the database cannot be read', async () => {
    const broken = createApp({ ...world, store: { ...world.store, recentDocuments: async () => { throw new Error('verbinding geweigerd'); } } });
    const res = await broken.request('/readyz');
    assert.equal(res.status, 503);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(body.error.code, 'NOT_READY');
    assert.match(body.error.message, /niet bereikbaar: verbinding geweigerd/);
    assert.equal((await broken.request('/healthz')).status, 200);
  });
});
