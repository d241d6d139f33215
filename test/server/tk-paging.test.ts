/**
 * The Kamer list pages over more than a page (and more than the old 20,000-entity scan):
 * generated entities stored straight through applyPage, then walked through the pages'
 * own links, forwards and back, as HTML and JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { TkEntity, TkFieldValue } from '../../src/domain/tk.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';

const G = (kind: number, n: number) => `00000000-0000-4000-a${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
const D = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

function ent(category: string, id: string, fields: Record<string, TkFieldValue>, refs: [string, string][] = [], updated = '2025-01-01T00:00:00Z'): TkEntity {
  return { id, category, updated, deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })) };
}

let world: Opened;
let app: Hono;
const GIFTS = 20_500;
const ACTS = 60;

before(async () => {
  world = openServices(':memory:');
  const put = async (category: string, entities: TkEntity[]) => {
    for (let i = 0; i < entities.length; i += 5_000) {
      await world.tk.applyPage(category, entities.slice(i, i + 5_000).map((entity) => ({ entity, enclosure: null })), null);
    }
  };
  const persoon = G(1, 1);
  await put('Persoon', [ent('Persoon', persoon, { roepnaam: 'Joost', achternaam: 'Sneller' })]);
  // Gifts: the newest has the highest id, past where a scan in id order used to stop.
  await put('PersoonGeschenk', Array.from({ length: GIFTS }, (_, i) => ent('PersoonGeschenk', G(2, i), { omschrijving: `Geschenk ${i}`, datum: `${D(i % 2_000)}T00:00:00` }, [['persoon', persoon]])));
  // Activities each with an agenda item and two decisions; one decision in three voted on.
  const acts: TkEntity[] = [];
  const punten: TkEntity[] = [];
  const besluiten: TkEntity[] = [];
  const stemmen: TkEntity[] = [];
  for (let a = 0; a < ACTS; a++) {
    acts.push(ent('Activiteit', G(3, a), { soort: 'Stemmingen', onderwerp: `Stemmingen ${a}`, datum: `${D(a)}T00:00:00` }));
    punten.push(ent('Agendapunt', G(4, a), { onderwerp: `Punt ${a}` }, [['activiteit', G(3, a)]]));
    for (const k of [0, 1]) {
      const b = a * 2 + k;
      besluiten.push(ent('Besluit', G(5, b), { besluitSoort: 'Stemmen - aangenomen', besluitTekst: `Besluit ${b}` }, [['agendapunt', G(4, a)]]));
      if (b % 3 === 0) stemmen.push(ent('Stemming', G(6, b), { soort: 'Voor', fractieGrootte: '10', actorFractie: 'X' }, [['besluit', G(5, b)]]));
    }
  }
  // A decision whose agenda item is unknown comes last.
  besluiten.push(ent('Besluit', G(5, 999), { besluitSoort: 'Onbekend' }, [['agendapunt', G(4, 999)]]));
  // Past the agenda's page: 1,100 activities from 2030 on, 20 a day.
  for (let i = 0; i < 1_100; i++) acts.push(ent('Activiteit', G(7, i), { soort: 'Overleg', onderwerp: `Overleg ${i}`, datum: `${D(3_653 + Math.floor(i / 20))}T10:00:00` }));
  await put('Activiteit', acts);
  await put('Agendapunt', punten);
  await put('Besluit', besluiten);
  await put('Stemming', stemmen);
  app = createApp({ ...world });
});
after(async () => world.close());

async function get(path: string, status = 200): Promise<Response> {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  return res;
}
const json = async (path: string, status = 200) => (await (await get(path, status)).json()) as any;

/** Follows `rel` links of the HTML pages from `start`, collecting each page's JSON twin items. */
async function follow(start: string, rel: 'next' | 'prev', pages: number): Promise<{ urls: string[]; bodies: any[] }> {
  const urls: string[] = [];
  const bodies: any[] = [];
  let url: string | null = start;
  while (url && urls.length < pages) {
    urls.push(url);
    const h = await (await get(url)).text();
    const twin = /href="([^"]*\.json[^"]*)"/.exec(h)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(twin, `${url} links its JSON twin`);
    bodies.push(await json(twin));
    url = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(h)?.[1]?.replace(/&amp;/g, '&') ?? null;
  }
  return { urls, bodies };
}

describe('list pages page through the whole category', () => {
  it('/geschenken: every gift counted, the newest first, far pages by cursor, back again', async () => {
    const first = await json('/geschenken.json');
    assert.equal(first.total, GIFTS);
    assert.equal(first.totalExact, true);
    assert.equal(first.pageCount, Math.ceil(GIFTS / 100));
    assert.equal(first.items[0].datum, D(1_999), 'the newest day, stored past the 20,000th id');
    assert.equal(first.items[0].persoon.naam, 'Joost Sneller');
    const { urls, bodies } = await follow('/geschenken', 'next', 4);
    assert.match(urls[3]!, /^\/geschenken\?page=4&after=[\w-]+$/);
    const seen = bodies.flatMap((b) => b.items.map((g: any) => g.id));
    assert.equal(new Set(seen).size, 400, 'no gift twice');
    const days = bodies.flatMap((b) => b.items.map((g: any) => g.datum));
    assert.deepEqual(days, [...days].sort().reverse(), 'newest first across pages');
    assert.deepEqual(bodies.map((b) => b.page), [1, 2, 3, 4]);
    // Back from page 4 by its own "vorige" links: the same pages, reversed.
    const back = await follow(urls[3]!, 'prev', 4);
    assert.deepEqual(back.bodies.map((b) => b.items.map((g: any) => g.id)), bodies.map((b) => b.items.map((g: any) => g.id)).reverse());
    assert.equal(back.urls[3], '/geschenken', 'page 1 is the plain list');
    // By number, the same page as by cursor.
    assert.deepEqual((await json('/geschenken.json?page=3')).items, bodies[2].items);
    assert.deepEqual((await json(`/api/gifts?page=3&after=${bodies[1].next}`)).items, bodies[2].items);
  });

  it('the last page is reachable, and pages past 500 only with a cursor', async () => {
    const last = await json('/geschenken.json?page=205');
    assert.equal(last.items.length, GIFTS - 204 * 100);
    assert.equal(last.next, null);
    assert.equal((await json('/geschenken.json?page=501', 400)).error.field, 'page');
    const deep = await json(`/geschenken.json?page=600&after=${last.prev}`);
    assert.equal(deep.page, 600, 'the number is shown as the link said');
    for (const [q, field] of [['after=x!y', 'after'], ['before=abc', 'before'], [`after=${Buffer.from('["p","x"]').toString('base64url')}`, 'after']] as const) {
      const body = await json(`/geschenken.json?page=2&${q}`, 400);
      assert.deepEqual([body.ok, body.error.code, body.error.field], [false, 'BAD_REQUEST', field], q);
    }
  });

  it('/besluiten and /stemmingen: by the day of their activity, the undated last; votes only', async () => {
    const { bodies } = await follow('/besluiten', 'next', 5);
    const items = bodies.flatMap((b) => b.items);
    assert.equal(bodies[0].total, ACTS * 2 + 1);
    assert.equal(items.length, ACTS * 2 + 1);
    assert.equal(items[0].datum, D(ACTS - 1));
    const dated = items.slice(0, -1).map((b: any) => b.datum);
    assert.deepEqual(dated, [...dated].sort().reverse());
    assert.equal(items.at(-1).soort, 'Onbekend');
    assert.equal(items.at(-1).activiteit, null);
    const st = await json('/stemmingen.json');
    assert.equal(st.total, 40);
    assert.ok(st.items.every((b: any) => b.tally && b.tally.voor === 10));
  });

  it('/activiteiten: one page of the agenda, cut at a whole day, going on from the next', async () => {
    const body = await json('/activiteiten.json?today=2029-01-01');
    assert.equal(body.total, 1_100);
    const shown = body.groups.flatMap((g: any) => g.activiteiten);
    assert.equal(shown.length, 1_000);
    assert.equal(body.verder, D(3_653 + 50));
    const h = await (await get('/activiteiten?today=2029-01-01')).text();
    assert.ok(h.includes(`href="/activiteiten?today=${body.verder}" rel="next"`));
    const rest = await json(`/activiteiten.json?today=${body.verder}`);
    assert.equal(rest.groups.flatMap((g: any) => g.activiteiten).length, 100);
    assert.equal(rest.verder, null);
  });

  it('/kamer: the latest by update time, with the latest votes', async () => {
    const body = await json('/kamer.json');
    assert.equal(body.stemmingen.length, 10);
    assert.ok(body.stemmingen.every((b: any) => b.tally));
    assert.ok(body.counts.some((c: any) => c.category === 'PersoonGeschenk' && c.count === GIFTS));
  });
});
