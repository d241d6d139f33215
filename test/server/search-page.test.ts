/** The search page's links and forms through HTTP: facets toggle, chips, paging, the advanced form, the Atom feed. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { Opened } from '../../src/main.js';
import { activeFilters, buildAdvancedQuery, removeFilter, toggleFilter, advancedFieldsOf } from '../../src/service/search-form.js';
import { SAMPLE, sampleWorld } from '../helpers/world.js';

let world: Opened;
let app: Hono;

before(async () => {
  world = await sampleWorld();
  app = createApp(world);
});
after(async () => world.close());

const page = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, html: await res.text(), res };
};
/** The q of every link of a class on the page, decoded. */
const hrefs = (html: string, cls: string): string[] =>
  [...html.matchAll(new RegExp(`<a[^>]*class="${cls}"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*class="${cls}"`, 'g'))].map((m) => (m[1] ?? m[2])!.replace(/&amp;/g, '&'));
const qOf = (href: string) => new URL(href, 'http://x').searchParams.get('q');

describe('facet links, chips and filters as query text', () => {
  it('toggles a filter: adds it once by its Dutch name, a second click removes it', () => {
    assert.equal(toggleFilter('telecomraad', 'kind', 'verslag-raad'), 'telecomraad soort:verslag-raad');
    assert.equal(toggleFilter('telecomraad soort:verslag-raad', 'kind', 'verslag-raad'), 'telecomraad');
    assert.equal(toggleFilter('telecomraad kind:verslag-raad', 'kind', 'verslag-raad'), 'telecomraad');
    assert.equal(toggleFilter('telecomraad kind:nota,verslag-raad jaar:2022', 'kind', 'verslag-raad'), 'telecomraad kind:nota jaar:2022');
    assert.equal(toggleFilter('telecomraad kind:nota', 'kind', 'verslag-raad'), 'telecomraad kind:nota soort:verslag-raad');
    assert.equal(removeFilter('a persoon:"Van Weel" b', 'person', 'van weel'), 'a b');
    assert.equal(toggleFilter('a', 'person', 'Van Weel'), 'a persoon:"Van Weel"');
    // Words and identifiers stay as typed.
    assert.equal(toggleFilter('21501-33 nr. 1113 jaar:2025', 'year', '2025'), '21501-33 nr. 1113');
  });

  it('lists active filters with the query without each', () => {
    assert.deepEqual(activeFilters('cyber soort:nota,motie jaar:2024 sorteer:datum'), [
      { key: 'kind', value: 'nota', without: 'cyber soort:motie jaar:2024 sorteer:datum' },
      { key: 'kind', value: 'motie', without: 'cyber soort:nota jaar:2024 sorteer:datum' },
      { key: 'year', value: '2024', without: 'cyber soort:nota,motie sorteer:datum' },
      { key: 'sort', value: 'datum', without: 'cyber soort:nota,motie jaar:2024' },
    ]);
  });

  it('facet links on the page never repeat a filter, and an active one links to its removal', async () => {
    const first = await page('/search?q=telecomraad');
    const facetQs = [...first.html.matchAll(/<a href="(\/search\?q=[^"]+)" aria-pressed="false"/g)].map((m) => qOf(m[1]!.replace(/&amp;/g, '&'))!);
    assert.ok(facetQs.includes('telecomraad soort:verslag-raad'), facetQs.join(' | '));
    const on = await page(`/search?q=${encodeURIComponent('telecomraad soort:verslag-raad')}`);
    const pressed = [...on.html.matchAll(/<a href="([^"]+)" aria-pressed="true"/g)].map((m) => qOf(m[1]!.replace(/&amp;/g, '&')));
    assert.deepEqual(pressed, ['telecomraad'], 'the active kind links to the query without it');
    assert.ok(!on.html.includes('verslag-raad%20soort%3Averslag-raad'), 'no link doubles the filter');
    const chips = hrefs(on.html, 'chip').map(qOf);
    assert.deepEqual(chips, ['telecomraad']);
    assert.match(on.html, /soort:<\/span> Verslag Raad/);
  });
});

describe('paging', () => {
  it('keeps pageSize in the pager links and says when a page is past the end', async () => {
    const p1 = await page('/search?q=de&pageSize=1');
    const next = [...p1.html.matchAll(/rel="next" href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    assert.equal(next.length, 1);
    assert.equal(new URL(next[0]!, 'http://x').searchParams.get('pageSize'), '1');
    assert.equal(new URL(next[0]!, 'http://x').searchParams.get('page'), '2');
    const past = await page('/search?q=telecomraad&page=9');
    assert.equal(past.status, 200);
    assert.match(past.html, /Pagina 9 bestaat niet: er is 1 pagina\./);
    assert.ok(!past.html.includes('Niets gevonden'));
    assert.match(past.html, /href="\/search\?q=telecomraad">Naar de laatste pagina/);
  });
});

describe('uitgebreid zoeken', () => {
  it('writes the query from the fields', () => {
    assert.equal(
      buildAdvancedQuery({ woorden: 'telecomraad Oekraïne', zin: 'Cyber Resilience Act', een: '5G glasvezel', geen: 'China', soort: 'verslag-raad', persoon: 'Van Weel', dossier: '21501-33', van: '2022-01-01', tot: '', sorteer: 'datum' }),
      'telecomraad Oekraïne "Cyber Resilience Act" (5G OF glasvezel) -China soort:verslag-raad persoon:"Van Weel" dossier:21501-33 datum:2022-01-01.. sorteer:datum',
    );
    // Syntax typed into a field is words there.
    assert.equal(buildAdvancedQuery({ woorden: 'a" OR (b', geen: '-c' }), 'a OR b -c');
    assert.equal(buildAdvancedQuery({}), '');
    assert.throws(() => buildAdvancedQuery({ van: '2025-06-01', tot: '2025-01-01' }), /de begindatum ligt na de einddatum/);
  });

  it('reads a plain query back into the fields', () => {
    const f = advancedFieldsOf('telecom "Cyber Act" -China soort:nota persoon:"Van Weel" datum:2024-01-01..2024-12-31 sorteer:oudste');
    assert.deepEqual([f.woorden, f.zin, f.geen, f.soort, f.persoon, f.van, f.tot, f.sorteer], ['telecom', 'Cyber Act', 'China', 'nota', 'Van Weel', '2024-01-01', '2024-12-31', 'oudste']);
  });

  it('serves the form, and a filled form redirects to the results of the query it wrote', async () => {
    const form = await page('/search/uitgebreid');
    assert.equal(form.status, 200);
    for (const name of ['woorden', 'zin', 'een', 'geen', 'soort', 'partij', 'persoon', 'commissie', 'dossier', 'van', 'tot', 'sorteer']) {
      assert.match(form.html, new RegExp(`name="${name}"`), name);
    }
    assert.match(form.html, /type="date" name="van"/);
    const res = await app.request('/search/uitgebreid?woorden=telecomraad&soort=verslag-raad&van=2022-01-01&tot=2022-12-31');
    assert.equal(res.status, 303);
    const to = res.headers.get('location')!;
    assert.equal(qOf(to), 'telecomraad soort:verslag-raad datum:2022-01-01..2022-12-31');
    const results = await page(to);
    assert.ok(results.html.includes(`/documents/${SAMPLE.brief2022}`));
    const bad = await page('/search/uitgebreid?dossier=abc');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Ongeldig dossier &quot;abc&quot;/);
    assert.match(bad.html, /name="dossier" value="abc"/);
    const prefilled = await page(`/search/uitgebreid?q=${encodeURIComponent('telecomraad soort:nota')}`);
    assert.match(prefilled.html, /name="woorden" value="telecomraad"/);
    assert.match(prefilled.html, /<option value="nota" selected="">/);
  });
});

describe('Atom feed per search', () => {
  it('serves the newest results of a search without an account, escaped', async () => {
    const res = await app.request(`/search.atom?q=${encodeURIComponent('telecomraad')}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const xml = await res.text();
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    const updated = [...xml.matchAll(/<entry>[\s\S]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    assert.ok(updated.length >= 2);
    assert.deepEqual(updated, [...updated].sort().reverse(), 'newest first');
    assert.ok(xml.includes(`/documents/${SAMPLE.verslag}?q=telecomraad`));
    const page1 = await page('/search?q=telecomraad');
    assert.match(page1.html, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/search.atom\?q=telecomraad"/);
    const evil = await (await app.request(`/search.atom?q=${encodeURIComponent('<x>&')}`)).text();
    assert.ok(!evil.includes('<x>&'));
    const empty = await app.request('/search.atom?q=');
    assert.equal(empty.status, 400);
    assert.equal((await app.request(`/search.atom?q=${encodeURIComponent('"open')}`)).status, 400);
  });
});
