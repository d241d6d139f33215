/**
 * Links that never die, in-process: citations lead to the document, the Kamer's page or a
 * Dutch "niet in het archief" page with the official source; a document does not cite its own
 * number; Council documents are linked; every 404 is Dutch and offers a search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { councilOfficialUrl, eurLexUrl } from '../../src/service/official.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices } from '../../src/main.js';

let w: Opened;
let app: Hono;
before(async () => {
  w = openServices(':memory:');
  await importPaths([SAMPLE_DIR], { units: w.units, store: w.store, index: w.index, structure: w.structure });
  app = createApp(w);
});
after(() => w.close());

const page = async (path: string, status = 200) => {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  return res.text();
};
const verwijzingen = (html: string) => /<section id="verwijzingen">(.*?)<\/section>/s.exec(html)?.[1] ?? '';

describe('citations', () => {
  it('a document does not list its own number among its references', async () => {
    const html = await page(`/documents/${SAMPLE.verslag}`);
    // Its title ends "(Kamerstuk 21501-33-1113)": that is the document itself.
    assert.match(html, /<h1>[^<]*Kamerstuk 21501-33-1113/);
    const refs = verwijzingen(html);
    assert.doesNotMatch(refs, /21501-33-1113/);
    assert.match(refs, /Kamerstuk 21501-33, nr\. 1096/, 'other kamerstukken stay');
  });

  it('a kamerstuk not in the archive links to its own page, with the official publication', async () => {
    const refs = verwijzingen(await page(`/documents/${SAMPLE.verslag}`));
    assert.match(refs, /<a href="\/stukken\/kamerstuk\/21501-33\/1096">Kamerstuk 21501-33, nr\. 1096<\/a>/);
    assert.match(refs, /\(niet in het archief\)/);
    const missing = await page('/stukken/kamerstuk/21501-33/1096');
    assert.match(missing, /<h1>Kamerstuk 21501-33 nr\. 1096 staat \(nog\) niet in het archief<\/h1>/);
    assert.match(missing, /href="https:\/\/zoek\.officielebekendmakingen\.nl\/kst-21501-33-1096\.html"/);
    assert.match(missing, new RegExp(`Geciteerd in het archief door.*href="/documents/${SAMPLE.verslag}"`, 's'));
    assert.match(missing, /<input id="zoek-404" type="search" name="q" value="dossier:21501-33"/);
    const json = (await (await app.request('/api/references/kamerstuk/21501-33/1096')).json()) as { ok: true; found: false; missing: { official: { url: string } } };
    assert.equal(json.found, false);
    assert.equal(json.missing.official.url, 'https://zoek.officielebekendmakingen.nl/kst-21501-33-1096.html');
  });

  it('Council documents are linked: to the archive when it holds them, else to what is known', async () => {
    const refs = verwijzingen(await page(`/documents/${SAMPLE.conclusies}`));
    assert.match(refs, /<a href="\/stukken\/raad\/13943-17">vorig doc\.: 13943\/17<\/a>/);
    const missing = await page('/stukken/raad/13943-17');
    assert.match(missing, /Raadsdocument 13943\/17 staat \(nog\) niet in het archief/);
    assert.match(missing, /href="https:\/\/data\.consilium\.europa\.eu\/doc\/document\/ST-13943-2017-INIT\/nl\/pdf"/);
    // The conclusions themselves are 14435/17.
    const res = await app.request('/stukken/raad/14435-17');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/documents/${SAMPLE.conclusies}`);
  });

  it('EU acts link to EUR-Lex', async () => {
    const refs = verwijzingen(await page(`/documents/${SAMPLE.verslag}`));
    assert.match(refs, /<a href="https:\/\/eur-lex\.europa\.eu\/eli\/dir\/2022\/2555\/oj"[^>]*>Richtlijn \(EU\) 2022\/2555<\/a>/);
    assert.equal(eurLexUrl('verordening', '910/2014'), 'https://eur-lex.europa.eu/eli/reg/2014/910/oj');
    assert.equal(eurLexUrl('richtlijn', '2016/1148'), 'https://eur-lex.europa.eu/eli/dir/2016/1148/oj');
    assert.equal(councilOfficialUrl('6225/13'), 'https://data.consilium.europa.eu/doc/document/ST-6225-2013-INIT/nl/pdf');
  });

  it('a malformed reference is a Dutch 400', async () => {
    const res = await app.request('/api/references/kamerstuk/abc/1');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /is geen kamerstuknummer/);
  });
});

describe('not found, in Dutch', () => {
  it('an unknown dossier says what is known and links the official dossier', async () => {
    const html = await page('/dossiers/21501-20', 404);
    assert.match(html, /Kamerstukdossier 21501-20 staat \(nog\) niet in het archief/);
    assert.match(html, /href="https:\/\/zoek\.officielebekendmakingen\.nl\/dossier\/21501-20"/);
    assert.doesNotMatch(html, /No kamerstukdossier/);
    const json = (await (await app.request('/api/dossiers/21501-20')).json()) as { ok: false; error: { code: string; message: string } };
    assert.equal(json.error.code, 'NOT_FOUND');
    assert.match(json.error.message, /staat \(nog\) niet in het archief/);
  });

  it('an unknown document number gets the Kamer page link, not an English 404', async () => {
    const html = await page('/stukken/document/2024D17688');
    assert.match(html, /Document 2024D17688 staat \(nog\) niet in het archief/);
    assert.doesNotMatch(html, /No document/);
  });

  for (const path of ['/bestaat-niet', '/documents/bestaat-niet', '/partijen/Onbekend']) {
    it(`${path}: a Dutch 404 with a search box`, async () => {
      const html = await page(path, 404);
      assert.match(html, /<h1>Niet gevonden<\/h1>/);
      assert.match(html, /<label for="zoek-404">Zoek in het archief<\/label>/);
      assert.doesNotMatch(html, /\b(No|Not found|not found)\b/);
    });
  }
});
