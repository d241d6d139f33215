/**
 * Searching the open data through HTTP: `type:` results link to their own pages, the type
 * facet offers the other types, `person:` and `committee:` filter documents, and a
 * commitment's link lands on the row where it is shown.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { syncFeed } from '../../src/ingest/sync.js';
import { projectTkSearch } from '../../src/ingest/tk-search.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { IDS } from '../fake-tk/world.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');

interface SearchJson {
  ok: true;
  total: number;
  results: { id: string; type: string; title: string; url: string; kind: string }[];
  facets: { type: { value: string; count: number }[] };
}

describe('search over the open data (HTTP)', () => {
  let world: Opened;
  let app: Hono;
  const api = async (q: string) => {
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, q);
    return (await res.json()) as SearchJson;
  };

  before(async () => {
    world = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-search-entities-'));
    const r = await syncFeed({ fromDir: WORLD_DIR, dataDir }, { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk });
    assert.equal(r.ok, true);
    await projectTkSearch({ units: world.units, store: world.store, index: world.index, tk: world.tk });
    app = createApp(world);
  });
  after(async () => world.close());

  it('returns zaken for type:zaak, each linking to a page that renders', async () => {
    const r = await api('telecomraad type:zaak');
    assert.ok(r.total >= 3);
    const zaak = r.results.find((h) => h.id === IDS.zaakVerslag2025)!;
    assert.equal(zaak.type, 'zaak');
    assert.equal(zaak.url, `/zaken/${IDS.zaakVerslag2025}`);
    const page = await app.request(zaak.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /2025Z03735/);
  });

  it('shows the other types in the side panel of the HTML page, switching type rather than adding one', async () => {
    const html = await (await app.request('/search?q=telecomraad')).text();
    assert.match(html, /<h3 id="ook-gevonden">Ook gevonden<\/h3>/);
    assert.match(html, /href="\/search\?q=telecomraad%20type%3Azaak"[^>]*>zaken<\/a>/);
    const onZaken = await (await app.request(`/search?q=${encodeURIComponent('telecomraad type:zaak')}`)).text();
    assert.match(onZaken, /href="\/search\?q=telecomraad%20type%3Aactiviteit"/);
    assert.match(onZaken, /class="total"[^>]*>[^<]*\d+ zaken/);
    assert.match(onZaken, new RegExp(`href="/zaken/${IDS.zaakVerslag2025}"`));
  });

  it('filters documents by the people and committees the Kamer records for them', async () => {
    assert.deepEqual((await api('person:Beljaarts')).results.map((h) => h.id), ['2025d08504']);
    assert.deepEqual((await api('cyber committee:DiZa')).results.map((h) => [h.id, h.type]), [['2025d08504', 'document']]);
    const people = await api('type:persoon person:kathmann');
    assert.deepEqual(people.results.map((h) => h.url), [`/personen/${IDS.persoon('kathmann')}`]);
  });

  it('sends a commitment to the activity where it was made, at its row', async () => {
    const r = await api('Warschau type:toezegging');
    assert.equal(r.results.length, 1);
    const res = await app.request(r.results[0]!.url);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/activiteiten/${IDS.activiteit2025}#tz-TZ202503-041`);
    const missing = await app.request('/kamer/toezeggingen/no-such-id', { headers: { accept: 'application/json' } });
    assert.equal(missing.status, 404);
  });

  it('answers an unknown type with a 400 that lists the types', async () => {
    const res = await app.request('/api/search?q=type:motie');
    assert.equal(res.status, 400);
    const body = (await res.json()) as { ok: false; error: { code: string; message: string } };
    assert.equal(body.error.code, 'BAD_QUERY');
    assert.match(body.error.message, /Typen: document, zaak/);
  });
});
