// Conformance suite every SearchIndex implementation (SQLite, PostgreSQL) must pass.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isKamerlensError } from '../../src/domain/errors.js';
import type { IndexDocument, ParsedQuery, QueryNode, SearchFilters, SearchIndex, SearchResponse, SortOrder } from '../../src/domain/search.js';
import { normalizeWord } from '../../src/search/dutch/index.js';

/** Sentences taken verbatim from data/sample/*.txt, arranged so each feature has a witness. */
export const CONFORMANCE_DOCS: IndexDocument[] = [
  {
    id: 'd1', kind: 'kamerbrief', date: '2022-04-11', title: 'Verslag informele Telecomraad maart 2022', parties: ['VVD'], dossiers: ['21501-33'],
    persons: ['Dirk Beljaarts', 'Mona Keijzer'], committees: ['vaste commissie voor Economische Zaken', 'EZ'],
    text: 'Conform de vaste informatieafspraken informeert u middels de bijgesloten brieven de Eerste en Tweede Kamer over de Raad.\n\nDe agenda van de aanstaande Telecomraad laat het niet toe om het belang van open-source in relatie tot cybersecurity en strategische onafhankelijkheid bij de komende informele telecomraad te benadrukken.',
  },
  {
    id: 'd2', kind: 'verslag-schriftelijk-overleg', date: '2025-03-03', title: 'Verslag schriftelijk overleg informele Telecomraad', parties: ['GroenLinks-PvdA'], dossiers: ['21501-33'],
    text: 'Deze leden begrijpen dat de Cyber Resilience Act (CRA) berust op standaarden die bedrijven moeten implementeren die nog steeds niet zijn vastgelegd.',
  },
  {
    id: 'd3', kind: 'raadsconclusies', date: '2017-11-20', title: 'Raadsconclusies', parties: [], dossiers: [],
    text: 'De Raad benadrukt het belang van een Europees kader van wereldniveau voor cyberbeveiliging in de hele Unie.',
  },
  {
    id: 'd4', kind: 'kamerbrief', date: '2026-05-28', title: 'Geannoteerde agenda', parties: ['VVD', 'D66'], dossiers: ['21501-34'],
    persons: ['Zsolt Szabó'], committees: ['vaste commissie voor Digitale Zaken', 'DiZa'],
    text: 'De planning is aangepast vanwege de oorlog in Oekraïne. Uw Kamer zal via de reguliere BNC-procedure worden geïnformeerd over de kabinetsappreciatie van de herziene Blueprint.',
  },
  {
    id: 'd5', kind: 'nota', date: '2024-01-15', title: 'Nota over netwerken', parties: [], dossiers: [],
    text: 'Over netwerk- en informatiebeveiliging (NIB2-richtlijn): de cyber dreiging vraagt resilience, de act volgt later.',
  },
  {
    id: 'd6', kind: 'kamerbrief', date: '2023-06-01', title: 'Cyber Resilience Act', parties: [], dossiers: [],
    text: 'De implementatie van de NIS2-richtlijn en de Cyber Resilience Act brengt nieuwe verplichtingen mee.',
  },
  {
    id: 'd7', kind: 'nota', date: '2021-02-02', title: 'Certificering van producten', parties: [], dossiers: [],
    text: 'Een korte tekst over markttoezicht en de rol van de toezichthouder in de lidstaten.',
  },
  {
    id: 'd8', kind: 'nota', date: '2021-02-03', title: 'Markttoezicht', parties: [], dossiers: [],
    text: 'Een korte tekst over certificering en de rol van de toezichthouder in de lidstaten.',
  },
];

/** Open-data entities indexed beside the documents (`type`), found only when asked for. */
export const CONFORMANCE_ENTITIES: IndexDocument[] = [
  {
    id: 'zaak:z1', type: 'zaak', kind: 'overig', date: '2025-02-10', title: 'Geannoteerde agenda informele Telecomraad', parties: [], dossiers: ['21501-33'],
    text: 'Zaak 2025Z03735 over de Telecomraad en cybersecurity.', committees: ['vaste commissie voor Digitale Zaken', 'DiZa'],
  },
  {
    id: 'activiteit:a1', type: 'activiteit', kind: 'overig', date: '2025-03-05', title: 'Commissiedebat Telecomraad', parties: [], dossiers: [],
    text: 'Commissiedebat over de Telecomraad.', persons: ['Zsolt Szabó'], committees: ['vaste commissie voor Digitale Zaken', 'DiZa'],
  },
];

const NO_FILTERS: SearchFilters = { kinds: [], dateFrom: null, dateTo: null, years: [], parties: [], dossiers: [], persons: [], committees: [], types: [] };

/** A deterministic corpus of a few hundred documents built from the conformance sentences. */
export function synthetic(n: number): IndexDocument[] {
  const sentences = CONFORMANCE_DOCS.flatMap((d) => d.text.split(/(?<=\.)\s+/));
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const kinds = ['kamerbrief', 'nota', 'verslag-raad'] as const;
  return Array.from({ length: n }, (_, i) => {
    const k = 1 + Math.floor(rand() * 6);
    const text = Array.from({ length: k }, () => sentences[Math.floor(rand() * sentences.length)]!).join(' ');
    return {
      id: `s${i}`,
      kind: kinds[i % 3]!,
      date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
      title: sentences[Math.floor(rand() * sentences.length)]!.split(' ').slice(0, 5).join(' '),
      text,
      parties: [],
      dossiers: [],
    };
  });
}

/** Build a ParsedQuery from an AST (tests do not depend on the query parser). */
export function pq(root: QueryNode | null, filters: Partial<SearchFilters> = {}, sort: SortOrder = 'relevance'): ParsedQuery {
  return { raw: '', root, filters: { ...NO_FILTERS, ...filters }, sort };
}
/** A plain word. */
export const t = (text: string): QueryNode => ({ type: 'term', text, prefix: false });
const prefix = (text: string): QueryNode => ({ type: 'term', text, prefix: true });
const phrase = (...words: string[]): QueryNode => ({ type: 'phrase', words });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });

type Factory = () => Promise<{ index: SearchIndex; close(): Promise<void> }>;

async function ids(index: SearchIndex, query: ParsedQuery, limit = 50): Promise<string[]> {
  const r = await index.search({ query, offset: 0, limit });
  return r.hits.map((h) => h.id);
}
const sorted = (xs: string[]): string[] => [...xs].sort();

async function rejectsBadQuery(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: unknown) => isKamerlensError(e) && e.code === 'BAD_QUERY');
}

/** Registers the conformance tests for one implementation. */
export function runSearchIndexConformance(name: string, makeIndex: Factory): void {
  describe(`SearchIndex conformance: ${name}`, () => {
    let index: SearchIndex;
    let close: () => Promise<void>;
    before(async () => {
      ({ index, close } = await makeIndex());
      await index.upsert(CONFORMANCE_DOCS);
    });
    after(async () => close());

    it('counts documents', async () => {
      assert.equal(await index.count(), CONFORMANCE_DOCS.length);
    });

    it('matches stemmed and conjugated forms', async () => {
      // informeren ~ informeert (d1) ~ geïnformeerd (d4)
      assert.deepEqual(sorted(await ids(index, pq(t('informeren')))), ['d1', 'd4']);
      assert.deepEqual(sorted(await ids(index, pq(t('lidstaat')))), ['d7', 'd8']);
    });

    it('folds diacritics', async () => {
      assert.deepEqual(await ids(index, pq(t('oekraine'))), ['d4']);
      assert.deepEqual(await ids(index, pq(t('OEKRAÏNE'))), ['d4']);
    });

    it('distinguishes a phrase from the same words', async () => {
      assert.deepEqual(sorted(await ids(index, pq(phrase('Cyber', 'Resilience', 'Act')))), ['d2', 'd6']);
      assert.deepEqual(sorted(await ids(index, pq(and(t('cyber'), t('resilience'), t('act'))))), ['d2', 'd5', 'd6']);
    });

    it('implements OR and exclusion', async () => {
      // `=cybersecurity`: the word alone (the thesaurus would add d3's cyberbeveiliging; see below).
      const exact = (text: string): QueryNode => ({ type: 'term', text, prefix: false, exact: true });
      assert.deepEqual(sorted(await ids(index, pq(or(t('Oekraïne'), exact('cybersecurity'))))), ['d1', 'd4']);
      assert.deepEqual(sorted(await ids(index, pq(and(t('Telecomraad'), not(t('cybersecurity')))))), ['d2']);
      // d3's `cyberbeveiliging` holds the part `cyber`, so it matches `cyber` too.
      assert.deepEqual(sorted(await ids(index, pq(and(t('cyber'), not(phrase('Cyber', 'Resilience', 'Act')))))), ['d3', 'd5']);
    });

    it('matches prefixes on folded terms', async () => {
      // cyberbeveiliging (d3), cybersecurity (d1), cyber (d2, d5, d6)
      assert.deepEqual(sorted(await ids(index, pq(prefix('Cyber')))), ['d1', 'd2', 'd3', 'd5', 'd6']);
      assert.deepEqual(await ids(index, pq(prefix('zzzq'))), []);
    });

    it('matches NEAR within the distance, in any order, never across title and body', async () => {
      const near = (distance: number, ...words: string[]): QueryNode => ({ type: 'near', words, distance });
      // d1: "belang van open-source in relatie tot cybersecurity": belang … cybersecurity has 6 words between.
      assert.deepEqual(await ids(index, pq(near(6, 'belang', 'cybersecurity'))), ['d1']);
      assert.deepEqual(await ids(index, pq(near(5, 'belang', 'cybersecurity'))), []);
      assert.deepEqual(await ids(index, pq(near(6, 'cybersecurity', 'belang'))), ['d1'], 'any order');
      assert.deepEqual(await ids(index, pq(near(10, 'open', 'cybersecurity', 'relatie'))), ['d1']);
      // d6: title "Cyber Resilience Act", body starts "De implementatie": adjacent in the stored sequence only across the break.
      assert.deepEqual(await ids(index, pq(near(1, 'act', 'implementatie'))), []);
      assert.deepEqual(sorted(await ids(index, pq(near(0, 'resilience', 'cyber')))), ['d2', 'd6']);
      // d5: "de cyber dreiging vraagt resilience": two words between.
      assert.deepEqual(sorted(await ids(index, pq(near(2, 'resilience', 'cyber')))), ['d2', 'd5', 'd6']);
      assert.deepEqual(sorted(await ids(index, pq(and(near(3, 'cyber', 'act'), not(t('standaarden')))))), ['d6']);
    });

    it('finds a word with inner punctuation as the phrase of its pieces, and =word without compounds', async () => {
      assert.deepEqual(await ids(index, pq(t('NIS2-richtlijn'))), ['d6']);
      assert.deepEqual(await ids(index, pq(t('BNC-procedure'))), ['d4']);
      assert.deepEqual(sorted(await ids(index, pq(t('beveiliging')))), ['d3', 'd5']);
      assert.deepEqual(await ids(index, pq({ type: 'term', text: 'beveiliging', prefix: false, exact: true })), []);
      assert.deepEqual(await ids(index, pq({ type: 'term', text: 'cyberbeveiliging', prefix: false, exact: true })), ['d3']);
    });

    it('finds the compounds a compound begins or is embedded in, below the word itself', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        // Sentences of the 2025 VSO and the 2017 conclusions (data/sample).
        await ix.upsert([
          { ...CONFORMANCE_DOCS[0]!, id: 'wet', title: 'Verslag', text: 'De leden vragen naar de voortgang van de Cyberbeveiligingswet en de cyberbeveiligingsnormen.' },
          { ...CONFORMANCE_DOCS[2]!, id: 'exact', title: 'Raadsconclusies', text: 'Een Europees kader voor cyberbeveiliging in de hele Unie.' },
          { ...CONFORMANCE_DOCS[6]!, id: 'other', title: 'Nota', text: 'Over cyberaanvallen en de beveiliging van netwerken, en een wet.' },
        ]);
        assert.deepEqual(await ids(ix, pq(t('cyberbeveiliging'))), ['exact', 'wet']);
        assert.deepEqual(await ids(ix, pq(t('beveiligingsnormen'))), ['wet']);
        // Not as a phrase of the parts: the phrase is checked against words.
        assert.deepEqual(await ids(ix, pq(phrase('cyberbeveiliging', 'wet'))), []);
        assert.deepEqual(await ids(ix, pq({ type: 'term', text: 'cyberbeveiliging', prefix: false, exact: true })), ['exact']);
        const r = await ix.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 5 });
        const w = r.hits.find((h) => h.id === 'wet')!;
        assert.deepEqual(w.highlights.map(([s, e]) => w.snippet.slice(s, e)), ['Cyberbeveiligingswet', 'cyberbeveiligingsnormen']);
      } finally {
        await c();
      }
    });

    it('finds the synonyms of the thesaurus (data/thesaurus.tsv) below the word typed, never for =word or a phrase', async () => {
      // d1 says cybersecurity, d3 cyberbeveiliging: one group of the thesaurus.
      assert.deepEqual(await ids(index, pq(t('cybersecurity'))), ['d1', 'd3']);
      assert.deepEqual(await ids(index, pq(t('cyberbeveiliging'))), ['d3', 'd1']);
      assert.deepEqual(await ids(index, pq({ type: 'term', text: 'cybersecurity', prefix: false, exact: true })), ['d1']);
      assert.deepEqual(await ids(index, pq(phrase('cyberbeveiliging', 'in'))), ['d3']);
      // A run of typed words that is a form: "Cyber Resilience Act" typed as words also finds CRA and vice versa.
      assert.deepEqual(sorted(await ids(index, pq(t('CRA')))), ['d2', 'd6']);
      const r = await index.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 5 });
      const d1 = r.hits.find((h) => h.id === 'd1')!;
      assert.deepEqual(d1.highlights.map(([s, e]) => d1.snippet.slice(s, e)), ['cybersecurity'], 'the synonym is highlighted');
    });

    it('finds compounds by their parts', async () => {
      assert.deepEqual(sorted(await ids(index, pq(t('beveiliging')))), ['d3', 'd5']);
    });

    it('applies each filter', async () => {
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { kinds: ['kamerbrief'] }))), ['d1', 'd4', 'd6']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { dateFrom: '2023-06-01', dateTo: '2025-03-03' }))), ['d2', 'd5', 'd6']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { years: [2021] }))), ['d7', 'd8']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { parties: ['vvd'] }))), ['d1', 'd4']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { dossiers: ['21501-33'] }))), ['d1', 'd2']);
      assert.deepEqual(await ids(index, pq(t('de'), { kinds: ['motie'] })), []);
    });

    it('filters by the words of the names of people and committees involved', async () => {
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { persons: ['Szabo'] }))), ['d4']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { persons: ['mona KEIJZER'] }))), ['d1']);
      // Every word of one value must match; values are alternatives.
      assert.deepEqual(await ids(index, pq(t('de'), { persons: ['Mona Szabó'] })), []);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { persons: ['Szabo', 'Beljaarts'] }))), ['d1', 'd4']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { committees: ['diza'] }))), ['d4']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { committees: ['Digitale Zaken'] }))), ['d4']);
      assert.deepEqual(sorted(await ids(index, pq(t('de'), { committees: ['zaken'] }))), ['d1', 'd4']);
      assert.deepEqual(await ids(index, pq(t('de'), { committees: ['Landbouw'] })), []);
    });

    it('lists by date when the query holds only filters', async () => {
      const r = await index.search({ query: pq(null, { kinds: ['nota'] }), offset: 0, limit: 10 });
      assert.deepEqual(r.hits.map((h) => h.id), ['d5', 'd8', 'd7']);
      assert.equal(r.total, 3);
      const all = await index.search({ query: pq(null, {}, 'date-asc'), offset: 0, limit: 3 });
      assert.deepEqual(all.hits.map((h) => h.id), ['d3', 'd7', 'd8']);
      assert.equal(all.total, CONFORMANCE_DOCS.length);
    });

    it('sorts by date', async () => {
      const desc = await ids(index, pq(t('de'), {}, 'date'));
      const dates = (xs: string[]) => xs.map((id) => CONFORMANCE_DOCS.find((d) => d.id === id)!.date!);
      assert.deepEqual(dates(desc), [...dates(desc)].sort().reverse());
      const asc = await ids(index, pq(t('de'), {}, 'date-asc'));
      assert.deepEqual(asc, [...desc].reverse());
    });

    it('paginates stably', async () => {
      const full = await ids(index, pq(t('de')));
      const paged: string[] = [];
      for (let offset = 0; offset < full.length; offset += 3) {
        const r = await index.search({ query: pq(t('de')), offset, limit: 3 });
        paged.push(...r.hits.map((h) => h.id));
        assert.equal(r.total, full.length);
      }
      assert.deepEqual(paged, full);
    });

    it('counts facets exactly on small data', async () => {
      const r = await index.search({ query: pq(t('de')), offset: 0, limit: 1 });
      const matching = CONFORMANCE_DOCS.filter((d) => /\bde\b/i.test(d.title + ' ' + d.text));
      assert.equal(r.total, matching.length);
      assert.equal(r.totalIsEstimate, false);
      assert.equal(r.facetsAreEstimates, false);
      const kinds = new Map<string, number>();
      for (const d of matching) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
      assert.deepEqual(new Map(r.facets.kind.map((b) => [b.value, b.count])), kinds);
      const counts = r.facets.kind.map((b) => b.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
      assert.equal(r.facets.year.reduce((s, b) => s + b.count, 0), matching.length);
    });

    it('boosts title matches above body-only matches', async () => {
      const hits = await ids(index, pq(t('certificering')));
      assert.deepEqual(hits, ['d7', 'd8']);
    });

    it('without snippets: the same hits, scores and totals, and no snippet', async () => {
      for (const query of [pq(t('informeren')), pq(phrase('Cyber', 'Resilience', 'Act')), pq(null, {}, 'date')]) {
        const full = await index.search({ query, offset: 0, limit: 10 });
        const bare = await index.search({ query, offset: 0, limit: 10, snippets: false });
        assert.ok(full.hits.length > 0);
        assert.deepEqual(bare.hits.map((h) => [h.id, h.score]), full.hits.map((h) => [h.id, h.score]));
        assert.equal(bare.total, full.total);
        assert.ok(bare.hits.every((h) => h.snippet === '' && h.highlights.length === 0));
      }
    });

    it('snippets cut on a worker, or after the search answered, are the ones cut in thread', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        await ix.upsert([...CONFORMANCE_DOCS, ...CONFORMANCE_ENTITIES]);
        // Entries of other types are judged "via synonym" on their snippets: `cybersecurity` finds zaak z1 as typed.
        const queries = [pq(t('informeren')), pq(phrase('Cyber', 'Resilience', 'Act')), pq(prefix('cyber')), pq(or(t('telecomraad'), t('lidstaten'))), pq(t('cyberbeveiliging'), { types: ['zaak', 'activiteit'] })];
        const answer = async (query: ParsedQuery, defer: boolean) => {
          const r = await ix.search({ query, offset: 0, limit: 10, viaSynonym: true, ...(defer ? { deferSnippets: true } : {}) });
          if (defer) {
            assert.ok(r.snippetsReady !== undefined, 'a deferred search says when its snippets are in');
            await r.snippetsReady;
          }
          return r.hits.map((h) => [h.id, h.snippet, h.highlights, h.viaSynonym]);
        };
        const inThread = await Promise.all(queries.map((q) => answer(q, false)));
        assert.ok(inThread.every((hits) => hits.length > 0 && hits.every((h) => h[1] !== '')), `every query has hits with snippets: ${JSON.stringify(inThread)}`);
        assert.deepEqual(inThread[4]!.map((h) => h[3]), [[{ typed: 'cyberbeveiliging', matched: ['cybersecurity'] }]], 'the entry is judged on its snippet');
        assert.deepEqual(await Promise.all(queries.map((q) => answer(q, true))), inThread);
        let failed: Error | null = null;
        await ix.offloadSnippets?.((e) => (failed = e));
        try {
          // Several at once: the worker answers each with its own snippets, whatever the order.
          assert.deepEqual(await Promise.all(queries.map((q) => answer(q, true))), inThread);
          assert.deepEqual(await Promise.all(queries.map((q) => answer(q, false))), inThread);
        } finally {
          await ix.close?.();
        }
        assert.equal(failed, null);
        assert.deepEqual(await Promise.all(queries.map((q) => answer(q, false))), inThread, 'in thread again once closed');
      } finally {
        await c();
      }
    });

    it('highlights the matched word in the snippet', async () => {
      const r = await index.search({ query: pq(t('informeren')), offset: 0, limit: 10 });
      for (const hit of r.hits) {
        assert.ok(hit.highlights.length > 0, hit.id);
        for (const [s, e] of hit.highlights) {
          assert.equal(normalizeWord(hit.snippet.slice(s, e)).term, normalizeWord('informeren').term);
        }
      }
      const p = await index.search({ query: pq(phrase('Cyber', 'Resilience', 'Act')), offset: 0, limit: 10 });
      const d2 = p.hits.find((h) => h.id === 'd2')!;
      assert.deepEqual(d2.highlights.map(([s, e]) => d2.snippet.slice(s, e)), ['Cyber', 'Resilience', 'Act']);
      const pre = await index.search({ query: pq(prefix('cyber')), offset: 0, limit: 10 });
      const d3 = pre.hits.find((h) => h.id === 'd3')!;
      assert.deepEqual(d3.highlights.map(([s, e]) => d3.snippet.slice(s, e)), ['cyberbeveiliging']);
    });

    it('cuts long snippets with an ellipsis around the match', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        const filler = 'Dit is een zin zonder het gezochte woord. '.repeat(40);
        await ix.upsert([{ ...CONFORMANCE_DOCS[0]!, id: 'long', text: filler + 'Hier staat telecomraad midden in de tekst. ' + filler }]);
        const r = await ix.search({ query: pq(t('telecomraad')), offset: 0, limit: 1 });
        const hit = r.hits[0]!;
        assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('…'), hit.snippet);
        assert.ok(hit.snippet.length <= 320, String(hit.snippet.length));
        assert.deepEqual(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e)), ['telecomraad']);
      } finally {
        await c();
      }
    });

    it('gives highlight ranges for any text', async () => {
      const hl = await index.highlightTerms(pq(and(t('informeren'), not(t('kamer')))));
      const text = 'De minister informeerde de Kamer.';
      assert.deepEqual(hl(text).map(([s, e]) => text.slice(s, e)), ['informeerde']);
    });

    it('returns entities only for a type filter, and counts every type', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        await ix.upsert([...CONFORMANCE_DOCS, ...CONFORMANCE_ENTITIES]);
        const docs = await ix.search({ query: pq(t('telecomraad')), offset: 0, limit: 20 });
        assert.deepEqual(sorted(docs.hits.map((h) => h.id)), ['d1', 'd2']);
        assert.ok(docs.hits.every((h) => h.type === 'document'));
        assert.deepEqual(new Map(docs.facets.type.map((b) => [b.value, b.count])), new Map([['document', 2], ['zaak', 1], ['activiteit', 1]]));
        const zaken = await ix.search({ query: pq(t('telecomraad'), { types: ['zaak'] }), offset: 0, limit: 20 });
        assert.deepEqual(zaken.hits.map((h) => [h.id, h.type]), [['z1', 'zaak']]);
        assert.equal(zaken.total, 1);
        assert.deepEqual(zaken.facets.kind, [], 'an entity has no document kind');
        const both = await ix.search({ query: pq(t('telecomraad'), { types: ['zaak', 'activiteit', 'document'] }), offset: 0, limit: 20 });
        assert.equal(both.total, 4);
        // Filters apply to entities as to documents.
        assert.deepEqual(await ids(ix, pq(null, { types: ['activiteit', 'zaak'], persons: ['szabo'] })), ['a1']);
        assert.deepEqual(await ids(ix, pq(null, { types: ['zaak'], dossiers: ['21501-33'] })), ['z1']);
        assert.deepEqual(await ids(ix, pq(null, { types: ['activiteit', 'zaak'] }, 'date')), ['a1', 'z1']);
        // A document kind excludes entities.
        assert.deepEqual(await ids(ix, pq(t('telecomraad'), { types: ['zaak'], kinds: ['overig'] })), []);
      } finally {
        await c();
      }
    });

    it('keeps a part of a document (owner#anchor) as its own type, replaced and removed by its id', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        const part = (type: 'toezegging' | 'vraag' | 'passage', id: string, text: string): IndexDocument => ({
          id: `${type}:${id}`, type, kind: 'overig', date: '2025-03-03', title: text.slice(0, 40), text, parties: [], dossiers: ['21501-33'], persons: ['Szabó'],
        });
        await ix.upsert([
          ...CONFORMANCE_DOCS,
          part('toezegging', 'd1#toezegging-1', 'Het kabinet informeert de Kamer voor de zomer over de glasvezelaanleg.'),
          part('vraag', 'd1#q2', 'Hoe staat het met de glasvezelaanleg op het platteland? De aanleg ligt op schema.'),
          part('passage', 'v1#punt-1-beurt-3', 'Voorzitter, de glasvezelaanleg moet sneller.'),
        ]);
        const r = await ix.search({ query: pq(t('glasvezelaanleg')), offset: 0, limit: 20 });
        assert.ok(r.hits.every((h) => h.type === 'document'));
        assert.deepEqual(new Map(r.facets.type.filter((b) => b.value !== 'document').map((b) => [b.value, b.count])), new Map([['toezegging', 1], ['vraag', 1], ['passage', 1]]));
        const parts = await ix.search({ query: pq(t('glasvezelaanleg'), { types: ['toezegging', 'vraag', 'passage'] }), offset: 0, limit: 20 });
        assert.deepEqual(sorted(parts.hits.map((h) => `${h.type} ${h.id}`)), ['passage v1#punt-1-beurt-3', 'toezegging d1#toezegging-1', 'vraag d1#q2']);
        assert.ok(parts.hits.every((h) => /glasvezelaanleg/i.test(h.snippet)));
        assert.deepEqual(await ids(ix, pq(t('schema'), { types: ['vraag'], persons: ['szabo'] })), ['d1#q2']);
        await ix.upsert([part('vraag', 'd1#q2', 'Een andere vraag over kabels.')]);
        assert.deepEqual(await ids(ix, pq(t('schema'), { types: ['vraag'] })), []);
        await ix.remove(['toezegging:d1#toezegging-1', 'passage:v1#punt-1-beurt-3']);
        assert.deepEqual(await ids(ix, pq(t('glasvezelaanleg'), { types: ['toezegging', 'passage'] })), []);
      } finally {
        await c();
      }
    });

    it('ranks documents the same however many short entries sit beside them', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        const filler = (n: number) => Array.from({ length: n }, (_, i) => `woord${i % 50}`).join(' ');
        const docs: IndexDocument[] = [
          { id: 'long', kind: 'kamerbrief', date: null, title: 'Brief', text: `${filler(600)} glasvezel ${filler(600)} glasvezel glasvezel`, parties: [], dossiers: [] },
          { id: 'short', kind: 'kamerbrief', date: null, title: 'Nota', text: `${filler(40)} glasvezel`, parties: [], dossiers: [] },
          { id: 'mid', kind: 'kamerbrief', date: null, title: 'Verslag', text: `${filler(200)} glasvezel glasvezel`, parties: [], dossiers: [] },
        ];
        await ix.upsert(docs);
        const before = await ids(ix, pq(t('glasvezel')));
        await ix.upsert(Array.from({ length: 300 }, (_, i): IndexDocument => ({
          id: `vraag:x#q${i}`, type: 'vraag', kind: 'overig', date: null, title: 'Vraag', text: 'Wat vindt u van kabels?', parties: [], dossiers: [],
        })));
        assert.deepEqual(await ids(ix, pq(t('glasvezel'))), before);
      } finally {
        await c();
      }
    });

    it('replaces a document on upsert and removes it', async () => {
      const { index: ix, close: c } = await makeIndex();
      try {
        await ix.upsert(CONFORMANCE_DOCS);
        await ix.upsert([{ ...CONFORMANCE_DOCS[3]!, text: 'Nieuwe tekst over glasvezel.' }]);
        assert.equal(await ix.count(), CONFORMANCE_DOCS.length);
        assert.deepEqual(await ids(ix, pq(t('oekraine'))), []);
        assert.deepEqual(await ids(ix, pq(t('glasvezel'))), ['d4']);
        await ix.remove(['d4', 'unknown']);
        assert.equal(await ix.count(), CONFORMANCE_DOCS.length - 1);
        assert.deepEqual(await ids(ix, pq(t('glasvezel'))), []);
        assert.deepEqual(sorted(await ids(ix, pq(t('informeren')))), ['d1']);
      } finally {
        await c();
      }
    });

    it('rejects malformed ASTs with BAD_QUERY', async () => {
      await rejectsBadQuery(index.search({ query: pq(not(t('raad'))), offset: 0, limit: 10 }));
      await rejectsBadQuery(index.search({ query: pq(and(not(t('raad')))), offset: 0, limit: 10 }));
      await rejectsBadQuery(index.search({ query: pq(and()), offset: 0, limit: 10 }));
      await rejectsBadQuery(index.search({ query: pq({ type: 'bogus' } as unknown as QueryNode), offset: 0, limit: 10 }));
    });

    it('never lets user text act as FTS syntax', async () => {
      const nasty = ['"', 'NEAR(a b)', 'a" OR "b', 'title:raad', '*', 'AND', '^raad', '{title}', 'NOT', '(', '💥', ''];
      for (const text of nasty) {
        for (const root of [t(text), prefix(text), phrase(text, 'raad')]) {
          const r: SearchResponse = await index.search({ query: pq(root), offset: 0, limit: 5 });
          assert.ok(Array.isArray(r.hits), text);
        }
      }
      assert.deepEqual(sorted(await ids(index, pq(t('AND')))), []);
    });
  });
}
