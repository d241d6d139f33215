/**
 * Everything findable from one box, through HTTP: the plain search keeps documents first and
 * shows the other types (passages of a real debate, questions, commitments) in a side panel
 * with counts that link to the results of each type; each such result links to its exact
 * place; a result found only through a synonym says so; the synonyms note shows a real
 * `=word` example. No JavaScript involved: plain links.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

const VLOS_FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tk-vlos');
const VERSLAG = '03686ab6-0000-4000-8000-000000000001';
/** The real Handelingen of a VAO (officielebekendmakingen XML): 55 turns, their speaker lines on lines of their own. */
const HANDELINGEN = join(import.meta.dirname, '..', 'fixtures', 'real', 'nh-h-tk-20172018-70-3.xml');

interface Hit { id: string; type: string; title: string; url: string; snippet: string; viaSynonym: { typed: string; matched: string[] }[] }
interface SearchJson {
  ok: true;
  total: number;
  results: Hit[];
  others: { counts: { type: string; count: number; q: string }[]; top: Hit[] } | null;
  synonyms: { typed: string; synonyms: string[] }[];
}

describe('one search box for every type (HTTP)', () => {
  let world: Opened;
  let app: Hono;
  const get = async (path: string) => {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    return res;
  };
  const api = async (q: string) => (await (await get(`/search.json?q=${encodeURIComponent(q)}`)).json()) as SearchJson;
  const html = async (path: string) => (await get(path)).text();

  before(async () => {
    world = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-onebox-'));
    const r = await syncFeed(
      { fromDir: VLOS_FIXTURE, dataDir, categories: ['Persoon', 'Vergadering', 'Verslag'] },
      { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk, vlos: world.vlos },
    );
    assert.equal(r.ok, true);
    await importPaths([SAMPLE_DIR, HANDELINGEN], { units: world.units, store: world.store, index: world.index, structure: world.structure });
    app = createApp(world);
  });
  after(async () => world.close());

  it('keeps documents as the results and counts the other types beside them, each count a link to that type', async () => {
    const r = await api('Oekraïne');
    assert.ok(r.results.length > 0);
    assert.ok(r.results.every((h) => h.type === 'document'));
    const counts = new Map(r.others!.counts.map((c) => [c.type, c]));
    // The 2014 debate speaks of Oekraïne three times; the VSO asks about it once.
    assert.equal(counts.get('passage')?.count, 3);
    assert.equal(counts.get('passage')?.q, 'Oekraïne type:passage');
    assert.ok((counts.get('vraag')?.count ?? 0) >= 1);
    assert.ok(r.others!.top.length > 0 && r.others!.top.every((h) => h.type !== 'document'));

    const page = await html(`/search?q=${encodeURIComponent('Oekraïne')}`);
    const results = page.indexOf('<ol class="doclist">');
    const panel = page.indexOf('<h3 id="ook-gevonden">Ook gevonden</h3>');
    assert.ok(results > 0 && panel > results, 'documents come first, the panel after them');
    assert.match(page, /<a href="\/search\?q=Oekra%C3%AFne%20type%3Apassage">passages uit debatten<\/a> <span class="n">3<\/span>/);
    assert.match(page, /<a href="\/search\?q=Oekra%C3%AFne%20type%3Avraag">vra(ag|gen) met antwoord<\/a>/);
    assert.doesNotMatch(page, /<script/);
  });

  it('a passage links to its turn on the report page, where the words are', async () => {
    const page = await html(`/search?q=${encodeURIComponent('Oekraïne type:passage')}`);
    assert.match(page, /class="total"[^>]*>3 passages uit debatten/);
    const r = await api('Oekraïne type:passage');
    assert.equal(r.results.length, 3);
    for (const h of r.results) {
      const m = new RegExp(`^/verslagen/${VERSLAG}#(punt-\\d+-beurt-\\d+(?:-i\\d+)?)$`).exec(h.url);
      assert.ok(m, h.url);
      assert.match(h.snippet, /Oekraïne/);
      assert.match(h.title, / — /); // speaker — debate item
      const verslag = await html(h.url.split('#')[0]!);
      const at = verslag.indexOf(`id="${m[1]}"`);
      assert.ok(at > 0, `anchor ${m[1]} on the report page`);
      // The turn at that anchor holds the word (before the next turn starts).
      const next = verslag.indexOf('class="speech', at + 10);
      assert.match(verslag.slice(at, next > 0 ? next : undefined), /Oekraïne/);
    }
  });

  it('a turn of a Handelingen text links to its speaker line on the document page', async () => {
    const r = await api('ggz-cliënten type:passage partij:GroenLinks');
    assert.ok(r.results.length >= 1);
    for (const h of r.results) {
      const m = /^\/documents\/([^#]+)#(beurt-\d+)$/.exec(h.url);
      assert.ok(m, h.url);
      assert.match(h.title, /^Mevrouw Ellemeet \(GroenLinks\) — /);
      const doc = await html(`/documents/${m[1]}`);
      const at = doc.indexOf(`id="${m[2]}"`);
      assert.ok(at > 0, `anchor ${m[2]}`);
      // The anchor sits just before the speaker's line.
      assert.match(doc.slice(at, at + 400), /Mevrouw Ellemeet \(GroenLinks\):/);
    }
  });

  it('a question links to its question on the document page, a commitment to its row', async () => {
    const vraag = (await api('regeldruk type:vraag')).results.find((h) => h.id === `${SAMPLE.verslag}#q21`)!;
    assert.ok(vraag, 'question 21 of the VSO');
    assert.equal(vraag.url, `/documents/${SAMPLE.verslag}#q21`);
    const doc = await html(`/documents/${SAMPLE.verslag}`);
    assert.match(doc, /<details class="qa" id="q21">[\s\S]{0,400}regeldruk/);
    const page = await html(`/search?q=${encodeURIComponent('regeldruk type:vraag')}`);
    assert.match(page, new RegExp(`href="/documents/${SAMPLE.verslag}\\?q=regeldruk%20type%3Avraag#q21"`));

    const tz = (await api('zomerreces type:toezegging')).results.filter((h) => h.id.startsWith(`${SAMPLE.brief2026}#`));
    assert.ok(tz.length >= 1);
    for (const h of tz) {
      const anchor = /#(toezegging-\d+)$/.exec(h.url)![1]!;
      const brief = await html(`/documents/${SAMPLE.brief2026}`);
      assert.match(brief, new RegExp(`<li id="${anchor}"><div class="commitment-text">[^<]*zomerreces`));
    }
  });

  it('says when a result matched only through a synonym, and shows a real =word in the note', async () => {
    const r = await api('cybersecurity');
    assert.deepEqual(r.synonyms.map((n) => n.typed), ['cybersecurity']);
    const byId = new Map(r.results.map((h) => [h.id, h]));
    // The 2017 conclusions say cyberbeveiliging, never cybersecurity; the VSO says cybersecurity 26 times.
    assert.deepEqual(byId.get(SAMPLE.conclusies)?.viaSynonym, [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
    assert.deepEqual(byId.get(SAMPLE.verslag)?.viaSynonym, []);
    const page = await html('/search?q=cybersecurity');
    assert.match(page, /<p class="via-synonym meta">gevonden via synoniem: cybersecurity → cyberbeveiliging<\/p>/);
    assert.equal((page.match(/gevonden via synoniem/g) ?? []).length, r.results.filter((h) => h.viaSynonym.length > 0).length);
    assert.match(page, /alleen het woord: <a href="\/search\?q=%3Dcybersecurity"><code>=cybersecurity<\/code><\/a>/);
    assert.doesNotMatch(page, /=…/);
    // A run of words is switched off as a quoted phrase, and the note says so.
    const ai = await html(`/search?q=${encodeURIComponent('kunstmatige intelligentie')}`);
    assert.match(ai, /<code>&quot;kunstmatige intelligentie&quot;<\/code>/);
    assert.match(ai, /gevonden via synoniem: kunstmatige intelligentie → AI/);
    // =word: no synonyms, so nothing is found through one.
    assert.ok((await api('=cybersecurity')).results.every((h) => h.viaSynonym.length === 0));
  });

  it('shows no side panel when the query asks for a type: the type facet switches instead', async () => {
    const r = await api('Oekraïne type:vraag');
    assert.equal(r.others, null);
    const page = await html(`/search?q=${encodeURIComponent('Oekraïne type:vraag')}`);
    assert.doesNotMatch(page, /Ook gevonden/);
    assert.match(page, /<h3>Wat<\/h3>/);
    assert.match(page, /href="\/search\?q=Oekra%C3%AFne%20type%3Apassage"/);
  });
});
