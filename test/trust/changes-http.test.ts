/** The versions' differences over HTTP: the document page, the side-by-side page and the JSON twin. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importContent } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';

const LETTER = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'sample', '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt'), 'utf8');
const MOVED = LETTER.replace('Het kabinet verwacht de verkenning voor het zomerreces te hebben afgerond', 'Het kabinet verwacht de verkenning uiterlijk 1 september 2026 te hebben afgerond');

let s: Opened;
let app: Hono;
let id: string;

before(async () => {
  s = openServices(':memory:');
  const enc = new TextEncoder();
  const deps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
  id = (await importContent({ source: '/brieven/brief.txt', fileName: 'brief.txt', bytes: enc.encode(LETTER) }, deps)).docId;
  const r = await importContent({ source: '/brieven/brief.txt', fileName: 'brief.txt', bytes: enc.encode(MOVED) }, deps);
  assert.equal(r.status, 'new-version');
  app = createApp(s);
});
after(() => s.close());

const SENTENCE = /De termijn van de toezegging „Het kabinet verwacht de verkenning uiterlijk 1 september 2026 te…” is verschoven van 3 juli naar 1 september 2026\./;

describe('what changed between versions, over HTTP', () => {
  it('the document page says what its version changed and links the text side by side', async () => {
    const html = await (await app.request(`/documents/${id}`)).text();
    assert.match(html, /Wat veranderde in versie 2/);
    assert.match(html, SENTENCE);
    assert.match(html, new RegExp(`href="/documents/${id}/wijzigingen\\?van=1&amp;naar=2"`));
    const v1 = await (await app.request(`/documents/${id}?version=1`)).text();
    assert.doesNotMatch(v1, /Wat veranderde in versie/);
  });

  it('the side-by-side page marks the words', async () => {
    const res = await app.request(`/documents/${id}/wijzigingen?van=1&naar=2`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<del>voor het zomerreces <\/del>/);
    assert.match(html, /<ins>uiterlijk 1 september 2026 <\/ins>/);
    assert.match(html, /… 35 ongewijzigde alinea&#39;s …/);
  });

  it('the JSON twin carries the sentences and the structured changes', async () => {
    const body = (await (await app.request(`/api/documents/${id}/changes?from=1&to=2`)).json()) as { ok: true; changes: { sentences: string[]; changes: { type: string; from: string; to: string }[]; text: { paragraphsRewritten: number } } };
    assert.equal(body.ok, true);
    assert.match(body.changes.sentences[0]!, SENTENCE);
    assert.deepEqual(body.changes.changes.find((c) => c.type === 'deadline-moved') && [body.changes.changes[0]!.from, body.changes.changes[0]!.to], ['2026-07-03', '2026-09-01']);
    assert.equal(body.changes.text.paragraphsRewritten, 1);
    const doc = (await (await app.request(`/api/documents/${id}`)).json()) as { document: { changes: { sentences: string[] }; urls: { changes: string } } };
    assert.match(doc.document.changes.sentences[0]!, SENTENCE);
    assert.equal(doc.document.urls.changes, `/api/documents/${id}/changes?from=1&to=2`);
  });

  it('a bad range is a Dutch 400, an unknown document a 404, both in the one error shape', async () => {
    const bad = await app.request(`/api/documents/${id}/changes?from=2&to=1`);
    assert.equal(bad.status, 400);
    const b = (await bad.json()) as { ok: false; error: { code: string; message: string } };
    assert.equal(b.error.code, 'BAD_REQUEST');
    assert.match(b.error.message, /moet een eerdere versie zijn/);
    assert.equal((await app.request(`/api/documents/${id}/changes?from=abc`)).status, 400);
    assert.equal((await app.request('/api/documents/bestaat-niet/changes')).status, 404);
    const missing = await app.request(`/documents/${id}/wijzigingen?van=1&naar=9`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /heeft geen versie 9/);
  });
});
