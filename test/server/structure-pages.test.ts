/**
 * The structure pages (commitments, parties, Council meetings, the document's questions and
 * links) and their JSON twins, in-process through app.request(): on hand-made parsed
 * documents, then on the sample corpus as the parser reads it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { emptyStructure } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import type { StructurePut } from '../../src/store/structure-index.js';
import { AGENDA, CONCLUSIES, CONCLUSIES_2025, FIXTURE_TODAY, SO, VERSLAG, fixtureWorld } from '../helpers/structure-fixtures.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

let world: Opened;
let app: Hono;

before(async () => {
  world = await fixtureWorld();
  app = createApp(world);
});
after(async () => world.close());

async function json(path: string) {
  const res = await app.request(path);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, path);
  return { status: res.status, body: (await res.json()) as any };
}

async function html(path: string, status = 200) {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, path);
  return res.text();
}

/** Asserts the needles occur in this order. */
function inOrder(text: string, needles: string[]) {
  const at = needles.map((n) => text.indexOf(n));
  assert.ok(at.every((i) => i >= 0), `all present: ${needles.filter((_, i) => at[i]! < 0).join(', ')}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, `in order: ${needles.join(' → ')}`);
}

const T = `today=${FIXTURE_TODAY}`;

describe('commitments: /toezeggingen', () => {
  it('the JSON twin lists every commitment by deadline with statuses, the same as /api/commitments', async () => {
    const { status, body } = await json(`/toezeggingen.json?${T}`);
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.equal(body.today, FIXTURE_TODAY);
    assert.equal(body.total, 5);
    assert.deepEqual(body.statusCounts, { overdue: 1, 'this-month': 1, later: 2, 'no-date': 1 });
    assert.deepEqual(body.commitments.map((c: any) => c.status), ['overdue', 'this-month', 'later', 'later', 'no-date']);
    const first = body.commitments[0];
    assert.deepEqual(first.document, { id: AGENDA.id, title: AGENDA.meta.title, kind: 'geannoteerde-agenda', date: '2025-02-10', url: `/documents/${AGENDA.id}` });
    assert.equal(first.due, 'voor eind februari');
    assert.deepEqual((await json(`/api/commitments?${T}`)).body, body);
  });

  it('filters by actor, deadline status and text, and the counts follow actor and text', async () => {
    const overdue = (await json(`/toezeggingen.json?${T}&status=overdue`)).body;
    assert.deepEqual(overdue.commitments.map((c: any) => c.dueDate), ['2025-02-28']);
    const minister = (await json(`/toezeggingen.json?${T}&actor=${encodeURIComponent('Minister van Economische Zaken')}`)).body;
    assert.equal(minister.total, 2);
    assert.deepEqual(minister.statusCounts, { overdue: 0, 'this-month': 0, later: 1, 'no-date': 1 });
    const cabinet = (await json(`/toezeggingen.json?${T}&actor=kabinet&status=later`)).body;
    assert.deepEqual(cabinet.commitments.map((c: any) => c.text), ['Later dit jaar volgt een aanvullende Kamerbrief over weerbaarheid.']);
    const text = (await json(`/toezeggingen.json?${T}&q=verzamelbrief`)).body;
    assert.deepEqual(text.commitments.map((c: any) => c.document.id), [VERSLAG.id]);
    assert.deepEqual(text.filters, { actor: '', status: null, kept: null, source: null, q: 'verzamelbrief' });
    assert.equal((await json(`/toezeggingen.json?${T}&q=verzamelbrief&status=later`)).body.total, 0);
  });

  it('rejects bad parameters with 400 and the one error shape', async () => {
    for (const [qs, field] of [['status=soon', 'status'], ['today=10-03-2025', 'today'], ['page=0', 'page'], ['page=201', 'page']] as const) {
      const { status, body } = await json(`/toezeggingen.json?${qs}`);
      assert.equal(status, 400, qs);
      assert.deepEqual(Object.keys(body).sort(), ['error', 'ok']);
      assert.equal(body.error.code, 'BAD_REQUEST', qs);
      assert.equal(body.error.field, field, qs);
    }
  });

  it('the page shows the filtered commitments with deadline, status and document, and keeps the filters in the form', async () => {
    const page = await html(`/toezeggingen?${T}&status=this-month`);
    assert.match(page, /Het kabinet stuurt de Kamer eind maart de verzamelbrief\./);
    assert.ok(!page.includes('Digital Fairness Act'), 'other statuses are filtered out');
    assert.match(page, /eind maart \(uiterlijk 31 maart 2025\)/);
    assert.match(page, /<option value="this-month" selected="">/);
    assert.ok(page.includes(`href="/documents/${VERSLAG.id}"`));
    assert.match(page, /Termijnen ten opzichte van 10 maart 2025/);
    assert.ok(page.includes('href="/toezeggingen.json?status=this-month"'), 'links its JSON twin');
  });

  it('escapes the text filter', async () => {
    const evil = '<script>alert(1)</script>';
    const page = await html(`/toezeggingen?q=${encodeURIComponent(evil)}`);
    assert.ok(!page.includes(evil));
    assert.ok(page.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });
});

describe('parties: /partijen', () => {
  it('lists parties with counts and links', async () => {
    const { body } = await json('/partijen.json');
    assert.deepEqual(body, {
      ok: true,
      parties: [
        { party: 'PVV', questions: 2, documents: 1, url: '/partijen/PVV' },
        { party: 'GroenLinks-PvdA', questions: 1, documents: 1, url: '/partijen/GroenLinks-PvdA' },
        { party: 'NSC', questions: 1, documents: 1, url: '/partijen/NSC' },
      ],
    });
    assert.deepEqual((await json('/api/parties')).body, body);
    const page = await html('/partijen');
    inOrder(page, ['href="/partijen/PVV"', 'href="/partijen/GroenLinks-PvdA"', 'href="/partijen/NSC"']);
  });

  it('gives every question of a party with its answer, document and anchors', async () => {
    const { status, body } = await json('/partijen/pvv.json');
    assert.equal(status, 200);
    assert.equal(body.party, 'PVV', 'the stored spelling, whatever the URL');
    assert.equal(body.total, 2);
    const [q1, q2] = body.questions;
    assert.equal(q1.url, `/documents/${SO.id}#q1`);
    assert.deepEqual(q1.answers.map((a: any) => [a.number, a.url]), [[1, `/documents/${SO.id}#a1`]]);
    assert.equal(q2.answers[0].text, 'De implementatie verschilt. <script>alert("antwoord")</script>');
    assert.equal(q1.document.kind, 'verslag-schriftelijk-overleg');
    assert.deepEqual((await json('/api/parties/PVV')).body, (await json('/partijen/PVV.json')).body);
  });

  it('the page shows collapsible questions with escaped answers and links into the document', async () => {
    const page = await html('/partijen/PVV');
    assert.equal((page.match(/<details class="qa"/g) ?? []).length, 2);
    assert.ok(page.includes('Waarom staat de 5G-toolbox er niet op?'));
    assert.ok(!page.includes('<script>alert("antwoord")'), 'answer text is escaped');
    assert.ok(page.includes('&lt;script&gt;'));
    assert.ok(page.includes(`href="/documents/${SO.id}#q2"`));
    assert.ok(!page.includes('Verslavend'), 'other parties’ questions are not shown');
  });

  it('answers an unknown party with 404, as JSON and as a page, escaping the name', async () => {
    const { status, body } = await json('/partijen/SP.json');
    assert.equal(status, 404);
    assert.deepEqual(Object.keys(body).sort(), ['error', 'ok']);
    assert.equal(body.error.code, 'NOT_FOUND');
    assert.equal((await json('/api/parties/SP')).status, 404);
    const evil = '<img src=x onerror=alert(1)>';
    const page = await html(`/partijen/${encodeURIComponent(evil)}`, 404);
    assert.ok(!page.includes(evil));
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});

describe('Council meetings: /raad', () => {
  it('lists meetings, most recent first, each with its thread', async () => {
    const { body } = await json('/raad.json');
    assert.deepEqual(body.meetings.map((m: any) => m.key), ['telecomraad-2025-03-04', 'raad-algemene-zaken-2017-11-20']);
    const t = body.meetings[0];
    assert.deepEqual(t.documents.map((d: any) => d.id), [AGENDA.id, SO.id, VERSLAG.id, CONCLUSIES_2025.id]);
    assert.equal(t.url, '/raad/telecomraad-2025-03-04');
    assert.deepEqual([t.questionCount, t.commitmentCount, t.location], [4, 5, 'Warschau']);
    assert.deepEqual((await json('/api/meetings')).body, body);
    const page = await html('/raad');
    inOrder(page, ['Telecomraad (informeel), 4 maart 2025 – 5 maart 2025, Warschau', `/documents/${AGENDA.id}`, `/documents/${SO.id}`, `/documents/${VERSLAG.id}`, `/documents/${CONCLUSIES_2025.id}`, 'Raad Algemene Zaken']);
  });

  it('shows one meeting: documents in order, the questions asked and the commitments made', async () => {
    const { status, body } = await json(`/raad/telecomraad-2025-03-04.json?${T}`);
    assert.equal(status, 200);
    assert.deepEqual(body.meeting.documents.map((d: any) => d.kind), ['geannoteerde-agenda', 'verslag-schriftelijk-overleg', 'verslag-raad', 'raadsconclusies']);
    assert.deepEqual(body.questions.map((q: any) => [q.party, q.id]), [['PVV', 'q1'], ['PVV', 'q2'], ['GroenLinks-PvdA', 'q3'], ['NSC', 'q4']]);
    assert.deepEqual(body.commitments.map((c: any) => c.document.id), [AGENDA.id, AGENDA.id, SO.id, SO.id, VERSLAG.id]);
    assert.deepEqual(body.commitments.map((c: any) => c.status), ['no-date', 'overdue', 'later', 'later', 'this-month']);
    assert.deepEqual((await json(`/api/meetings/telecomraad-2025-03-04?${T}`)).body, body);
    const page = await html('/raad/telecomraad-2025-03-04');
    inOrder(page, ['Geannoteerde agenda', 'Verslag schriftelijk overleg', 'Verslag Raad', 'Raadsconclusies', 'id="vragen"', 'Waarom staat de 5G-toolbox', 'id="toezeggingen"', 'Na afloop informeer ik']);
    assert.ok(page.includes('href="/partijen/GroenLinks-PvdA"'));
    const old = await json('/raad/raad-algemene-zaken-2017-11-20.json');
    assert.deepEqual([old.body.questions, old.body.commitments, old.body.meeting.documents[0].id], [[], [], CONCLUSIES.id]);
  });

  it('answers an unknown meeting with 404 and escapes its key', async () => {
    const { status, body } = await json('/raad/telecomraad-1999-01-01.json');
    assert.equal(status, 404);
    assert.equal(body.error.code, 'NOT_FOUND');
    assert.equal((await json('/api/meetings/nope')).status, 404);
    assert.equal((await json('/raad/telecomraad-2025-03-04.json?today=gisteren')).status, 400);
    const page = await html(`/raad/${encodeURIComponent('<b>x</b>')}`, 404);
    assert.ok(!page.includes('<b>x</b>'));
  });
});

describe('Council meetings: /raad a page at a time, filtered by Council and year', () => {
  let many: Opened;
  let manyApp: Hono;
  const bodies = ['Telecomraad', 'Raad Algemene Zaken', 'Landbouw- en Visserijraad'];
  before(async () => {
    many = openServices(':memory:');
    // 120 meetings (40 of each Council, 2000 to 2039) of one document each; the most recent Telecomraad has twelve.
    const puts: StructurePut[] = Array.from({ length: 120 }, (_, i) => {
      const body = bodies[i % 3]!;
      const startDate = `${2000 + Math.floor(i / 3)}-03-0${1 + (i % 3)}`;
      return { docId: `m-${String(i).padStart(3, '0')}`, meta: { title: `Agenda ${body} ${startDate}`, kind: 'geannoteerde-agenda', date: startDate },
        structure: { ...emptyStructure('geannoteerde-agenda'), meetings: [{ body, formal: true, startDate, endDate: null, location: null }] } };
    });
    const last = puts[117]!;
    for (let k = 0; k < 11; k++) {
      puts.push({ ...last, docId: `extra-${k}`, meta: { ...last.meta, title: `Bijlage <${k}>`, kind: 'kamerbrief' } });
    }
    await many.structure.putMany(puts);
    manyApp = createApp(many);
  });
  after(async () => many.close());

  const get = async (path: string) => {
    const res = await manyApp.request(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const page = async (path: string) => (await manyApp.request(path)).text();

  it('pages the meetings, 50 a page, most recent first, with the total, the same on /api/meetings', async () => {
    const all = (await many.structure.meetings()).map((m) => m.key);
    const first = await get('/raad.json');
    assert.equal(first.status, 200);
    assert.deepEqual([first.body.total, first.body.page, first.body.pageSize, first.body.pageCount], [120, 1, 50, 3]);
    assert.deepEqual(first.body.filters, { q: '', year: null });
    const keys = [];
    for (const p of [1, 2, 3]) keys.push(...(await get(`/raad.json?page=${p}`)).body.meetings.map((m: any) => m.key));
    assert.deepEqual(keys, all);
    assert.deepEqual(first.body.meetings.slice(0, 3).map((m: any) => m.key), ['landbouw-en-visserijraad-2039-03-03', 'raad-algemene-zaken-2039-03-02', 'telecomraad-2039-03-01']);
    assert.deepEqual((await get('/api/meetings?page=2')).body, (await get('/raad.json?page=2')).body);
    assert.deepEqual((await get('/raad.json?page=4')).body.meetings, []);
    assert.ok((await page('/raad?page=4')).includes('Pagina 4 is voorbij het einde: er zijn 3 pagina'));
  });

  it('shows a long thread’s first documents and links the rest', async () => {
    const t = (await get('/raad.json')).body.meetings[2];
    assert.equal(t.documentCount, 12);
    assert.equal(t.documents.length, 8);
    assert.equal(t.documents[0].kind, 'geannoteerde-agenda');
    const html = await page('/raad');
    assert.ok(html.includes('12 documenten'));
    assert.ok(html.includes('en nog 4 stukken'));
    assert.ok(html.includes('Bijlage &lt;0&gt;') && !html.includes('Bijlage <0>'), 'titles escaped');
  });

  it('filters by the Council’s name and by year, and keeps the filters across pages', async () => {
    const telecom = await get('/raad.json?raad=TELECOM');
    assert.deepEqual([telecom.body.total, telecom.body.pageCount], [40, 1]);
    assert.ok(telecom.body.meetings.every((m: any) => m.body === 'Telecomraad'));
    const landbouw = await get('/raad.json?raad=landbouw%20visserij&jaar=2010');
    assert.deepEqual(landbouw.body.meetings.map((m: any) => m.key), ['landbouw-en-visserijraad-2010-03-03']);
    assert.deepEqual(landbouw.body.filters, { q: 'landbouw visserij', year: 2010 });
    assert.equal((await get('/raad.json?jaar=2010')).body.total, 3);
    assert.equal((await get('/raad.json?jaar=&raad=')).body.total, 120, 'an empty form is no filter');
    const html = await page('/raad?raad=raad&page=2');
    assert.ok(html.includes('<form class="filters" action="/raad" method="get">'));
    assert.ok(html.includes('name="raad" value="raad"') && html.includes('name="jaar"'));
    assert.ok(html.includes('href="/raad?raad=raad&amp;page=3"'), 'the pager keeps the filter');
    assert.ok(html.includes('href="/raad?raad=raad"'), 'page 1 without a page number');
    const none = await page('/raad?raad=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.ok(!none.includes('<script>alert(1)') && none.includes('&lt;script&gt;alert(1)'));
    assert.ok(none.includes('Geen Raadsvergaderingen gevonden met deze filters.'));
  });

  it('answers a bad page or year with 400 in Dutch', async () => {
    const over = await get('/raad.json?page=201');
    assert.equal(over.status, 400);
    assert.equal(over.body.error.message, '"page" moet een heel getal van 1 tot en met 200 zijn');
    for (const q of ['page=0', 'page=abc', 'page=1.5']) assert.equal((await get(`/raad.json?${q}`)).status, 400, q);
    const year = await get('/raad.json?jaar=twintig');
    assert.equal(year.status, 400);
    assert.match(year.body.error.message, /"jaar" moet een jaartal zijn/);
    assert.equal((await get('/api/meetings?jaar=1800')).status, 400);
    assert.equal((await manyApp.request('/raad?jaar=1800')).status, 400);
  });
});

describe('document page: what the parser understood', () => {
  it('groups questions by party with answers, anchors and “zie ook” links', async () => {
    const page = await html(`/documents/${SO.id}`);
    inOrder(page, ['id="partij-pvv"', 'id="q1"', 'id="a1"', 'id="q2"', 'id="partij-groenlinks-pvda"', 'id="q3"', 'id="partij-nsc"', 'id="q4"', 'id="tekst"']);
    assert.ok(page.includes('id="antwoord-1"'), 'numbered answers are linkable by number');
    assert.match(page, /Zie ook:\s*<a href="#antwoord-1">antwoord 1<\/a>/);
    assert.match(page, /<a href="#antwoord-2">antwoord 2<\/a>/);
    assert.ok(page.includes('<a href="/partijen/PVV">PVV</a>'));
    assert.ok(!page.includes('<script>alert("antwoord")'));
  });

  it('highlights commitments with their deadlines and links citations to stored documents', async () => {
    const page = await html(`/documents/${SO.id}`);
    assert.match(page, /<mark class="commitment" title="Toezegging · voor deze zomer \(uiterlijk 15 juli 2025\)">De Minister van Economische Zaken zal/);
    assert.ok(page.includes('id="toezeggingen"'));
    // In the question text and in the list of citations.
    assert.equal((page.match(new RegExp(`<a href="/documents/${AGENDA.id}"[^>]*>Kamerstuk 21501-33, nr. 1113</a>`, 'g')) ?? []).length, 2);
    assert.ok(page.includes(`<a href="/documents/${CONCLUSIES.id}"`));
    // Not in the archive: the reference's own page (what is known, the official publication).
    assert.match(page, /href="\/stukken\/kamerstuk\/36259\/\d+"/);
    assert.ok(page.includes('<a href="https://example.org/nis2"'));
    assert.ok(!page.includes('href="javascript:'), 'a javascript: URL is never a link');
    assert.match(page, /<li id="fn2" value="2">/);
    assert.ok(page.includes('href="/raad/telecomraad-2025-03-04"'), 'the meeting links to its thread');
  });

  it('lists the documents that cite it', async () => {
    const page = await html(`/documents/${AGENDA.id}`);
    assert.ok(page.includes('id="geciteerd-door"'));
    inOrder(page, ['Geciteerd door', `href="/documents/${VERSLAG.id}"`, `href="/documents/${SO.id}"`]);
    const { body } = await json(`/documents/${AGENDA.id}.json`);
    assert.deepEqual(body.document.links.citedBy.map((c: any) => [c.document.id, c.raws]), [
      [VERSLAG.id, ['Kamerstuk 21501-33-1113']],
      [SO.id, ['Kamerstuk 21501-33, nr. 1113']],
    ]);
  });

  it("lists a much-cited document's newest 50 citers, and says how many cite it", async () => {
    const cite = { kind: 'kamerstuk' as const, raw: 'Kamerstuk 21501-33, nr. 1113', dossier: '21501-33', number: '1113', year: null };
    const ids = Array.from({ length: 55 }, (_, i) => `citeert-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      const date = `2026-0${1 + (i % 9)}-01`;
      await world.structure.put(id, { title: `Brief ${i}`, kind: 'kamerbrief', date }, { ...emptyStructure('kamerbrief'), date, citations: [cite] });
    }
    try {
      const page = await html(`/documents/${AGENDA.id}`);
      assert.match(page, /57 documenten citeren dit document; hier de 50 nieuwste\./);
      assert.equal(page.match(/href="\/documents\/citeert-/g)?.length, 50);
      const links = (await json(`/documents/${AGENDA.id}.json`)).body.document.links;
      assert.equal(links.citedByTotal, 57);
      assert.equal(links.citedBy.length, 50);
      // Newest first, ties by id: the six of September, then the six of August …
      assert.deepEqual(links.citedBy.slice(0, 7).map((c: any) => c.document.id), ['citeert-08', 'citeert-17', 'citeert-26', 'citeert-35', 'citeert-44', 'citeert-53', 'citeert-07']);
    } finally {
      for (const id of ids) await world.structure.remove(id);
    }
    const { body } = await json(`/documents/${AGENDA.id}.json`);
    assert.equal(body.document.links.citedByTotal, 2);
    assert.ok(!(await html(`/documents/${AGENDA.id}`)).includes('documenten citeren dit document'));
  });

  it('the JSON twin carries resolved citations', async () => {
    const { body } = await json(`/documents/${SO.id}.json`);
    const c = body.document.links.citations;
    assert.equal(c.length, 5);
    assert.deepEqual(c[0].targets.map((t: any) => t.url), [`/documents/${AGENDA.id}`]);
    assert.equal(c[0].key, 'kamerstuk:21501-33/1113');
    assert.deepEqual(c[2].targets, []);
  });

  it('a document without structure shows none of the sections', async () => {
    const page = await html(`/documents/${CONCLUSIES.id}`);
    assert.ok(!page.includes('id="vragen"'));
    assert.ok(!page.includes('id="toezeggingen"'));
    assert.ok(page.includes('id="geciteerd-door"'));
  });
});

describe('site navigation and API description', () => {
  it('links the overviews from the header and the home page', async () => {
    const page = await html('/');
    for (const href of ['/toezeggingen', '/partijen', '/raad']) {
      assert.ok((page.match(new RegExp(`href="${href}"`, 'g')) ?? []).length >= 2, href);
    }
    const css = await app.request('/assets/structure.css');
    assert.equal(css.status, 200);
    assert.match(await css.text(), /details\.qa/);
  });

  it('describes the new routes in OpenAPI', async () => {
    const { body } = await json('/api/openapi.json');
    for (const p of ['/api/commitments', '/api/parties', '/api/parties/{party}', '/api/meetings', '/api/meetings/{key}']) assert.ok(body.paths[p]?.get, p);
  });
});

describe('on the sample corpus, as the parser reads it', () => {
  let sample: Opened;
  let sampleApp: Hono;
  before(async () => {
    sample = openServices(':memory:');
    await importPaths([SAMPLE_DIR], { units: sample.units, store: sample.store, index: sample.index, structure: sample.structure });
    sampleApp = createApp(sample);
  });
  after(async () => sample.close());

  const get = async (path: string) => (await sampleApp.request(path)).json() as Promise<any>;

  it('indexes the verslag’s questions by party, each answered', async () => {
    const parties = (await get('/partijen.json')).parties.map((p: any) => p.party);
    for (const p of ['PVV', 'GroenLinks-PvdA', 'NSC']) assert.ok(parties.includes(p), `${p} in ${parties.join(', ')}`);
    const pvv = await get('/partijen/PVV.json');
    assert.ok(pvv.total >= 3);
    assert.ok(pvv.questions.every((q: any) => q.document.id === SAMPLE.verslag && q.answers.length >= 1));
    const page = await (await sampleApp.request(`/documents/${SAMPLE.verslag}`)).text();
    assert.ok(page.includes('id="partij-pvv"') && page.includes('id="q1"') && page.includes('id="a1"'));
  });

  it('threads the Telecomraad of March 2025 and lists its commitments', async () => {
    const t = await get('/raad/telecomraad-2025-03-04.json');
    assert.deepEqual(t.meeting.documents.map((d: any) => d.id), [SAMPLE.verslag]);
    assert.ok(t.questions.length >= 10);
    const c = await get('/toezeggingen.json?q=digital%20fairness');
    assert.ok(c.commitments.some((x: any) => x.document.id === SAMPLE.verslag && x.dueDate), JSON.stringify(c.commitments));
    const meetings = (await get('/raad.json')).meetings.map((m: any) => m.key);
    assert.ok(meetings.includes('telecomraad-2026-04-29'), meetings.join(', '));
  });
});
