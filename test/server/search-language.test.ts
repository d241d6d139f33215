/** The query language through HTTP on the sample corpus: Dutch operators and filters, NEAR, identifiers, Dutch 400s. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { Opened } from '../../src/main.js';
import { SEARCH_EXAMPLE } from '../../src/server/views/layout.js';
import { SAMPLE, sampleWorld } from '../helpers/world.js';

let world: Opened;
let app: Hono;

before(async () => {
  world = await sampleWorld();
  app = createApp(world);
});
after(async () => world.close());

async function api(q: string, extra = '') {
  const res = await app.request(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  return { status: res.status, body: (await res.json()) as any };
}
const ids = async (q: string): Promise<string[]> => (await api(q)).body.results.map((r: any) => r.id);

describe('query language over HTTP', () => {
  it("the search box's own example finds something", async () => {
    const { status, body } = await api(SEARCH_EXAMPLE);
    assert.equal(status, 200);
    assert.ok(body.total >= 1, `${SEARCH_EXAMPLE}: ${body.total}`);
    const html = await (await app.request('/')).text();
    assert.ok(html.includes(`bijv. ${SEARCH_EXAMPLE}`));
  });

  it('NOT and NIET exclude, as -word does', async () => {
    const plain = await ids('telecom -cyber');
    assert.ok(plain.length >= 1);
    assert.deepEqual(await ids('telecom NOT cyber'), plain);
    assert.deepEqual(await ids('telecom NIET cyber'), plain);
    assert.ok(!(await ids('telecom NOT cyber')).includes(SAMPLE.conclusies), 'the conclusions speak of cyberbeveiliging');
  });

  it('Dutch filter names are the English ones', async () => {
    assert.deepEqual(await ids('telecomraad soort:verslag-raad jaar:2022'), await ids('telecomraad kind:verslag-raad year:2022'));
    assert.deepEqual(await ids('telecomraad soort:verslag-raad jaar:2022'), [SAMPLE.brief2022]);
    assert.deepEqual(await ids('telecomraad datum:2025-01-01..2025-12-31'), [SAMPLE.verslag]);
  });

  it('NEAR finds words close together only', async () => {
    // The 2025 VSO: "… de Cyber Resilience Act (CRA) …" and elsewhere "Oekraïne".
    assert.ok((await ids('NEAR(cyber resilience, 1)')).includes(SAMPLE.verslag));
    assert.deepEqual(await ids('"resilience cyber"~0'), await ids('NEAR(cyber resilience, 0)'));
    const far = await api('NEAR(Oekraïne resilience, 2)');
    assert.equal(far.status, 200);
    assert.ok(!far.body.results.some((r: any) => r.id === SAMPLE.conclusies));
  });

  it('finds a document by its identifiers as people write them, the document itself first', async () => {
    for (const q of ['21501-33 nr. 1113', '"21 501-33, nr. 1113"', 'kst-21501-33-1113', 'Kamerstuk 21501-33-1113', '2025D08504']) {
      assert.equal((await ids(q))[0], SAMPLE.verslag, q);
    }
    for (const q of ['14435/17', 'ST 14435 2017 INIT']) assert.equal((await ids(q))[0], SAMPLE.conclusies, q);
    // An EU act number, cited in the VSO: Richtlijn (EU) 2022/2555.
    assert.ok((await ids('2022/2555')).includes(SAMPLE.verslag));
  });

  it('finds synonyms below the word typed, says so, and =word switches them off', async () => {
    // The 2017 conclusions say cyberbeveiliging; the 2025 VSO says cybersecurity (26 times) and Cyberbeveiligingswet.
    const { body } = await api('cyberbeveiliging');
    const got = body.results.map((r: any) => r.id);
    assert.equal(got[0], SAMPLE.conclusies);
    assert.ok(got.includes(SAMPLE.verslag));
    assert.deepEqual(body.synonyms, [{ typed: 'cyberbeveiliging', synonyms: ['cybersecurity', 'cyberveiligheid', 'digitale veiligheid', 'cyber security'] }]);
    assert.deepEqual(await ids('=cyberbeveiliging'), [SAMPLE.conclusies]);
    assert.deepEqual((await api('=cyberbeveiliging')).body.synonyms, []);
    const html = await (await app.request('/search?q=cyberbeveiliging')).text();
    assert.match(html, /Ook gezocht op <span class="typed">cyberbeveiliging<\/span>: cybersecurity, cyberveiligheid/);
    assert.ok(html.includes(`href="/search?q=${encodeURIComponent('=cyberbeveiliging')}"`));
    // The 2026 letter comes from "Economische Zaken en Klimaat"; EZK finds it.
    assert.ok((await ids('EZK')).includes(SAMPLE.brief2026));
  });

  it('answers unknown filters and bad values with 400 and a Dutch message with the position', async () => {
    const cases: [string, RegExp, number][] = [
      ['telecom knd:x', /^Onbekend filter "knd:"\. Filters: soort: \(kind:\)/, 8],
      ['soort:brief', /^Onbekende soort "brief"/, 0],
      ['jaar:twintig', /^Ongeldig jaar "twintig"/, 0],
      ['telecom NOT', /Na "-" of NOT op positie 9 moet een woord/, 8],
      ['NEAR(a b, 500)', /De afstand van NEAR/, 0],
      ['"open', /Aanhalingsteken niet gesloten/, 0],
    ];
    for (const [q, message, position] of cases) {
      const { status, body } = await api(q);
      assert.equal(status, 400, q);
      assert.equal(body.error.code, 'BAD_QUERY');
      assert.match(body.error.message, message, q);
      assert.equal(body.error.position, position, q);
    }
    const page = await app.request(`/search?q=${encodeURIComponent('telecom knd:x')}`);
    assert.equal(page.status, 400);
    const html = await page.text();
    assert.match(html, /Deze zoekopdracht begrijp ik niet\.<\/strong> Onbekend filter/);
    const bad = await api('x', '&pageSize=1000');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /mag hoogstens 100 zijn/);
  });
});
