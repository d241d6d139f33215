// Tests of the query language: every syntax rule, every error message, round trips and a fuzz test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeQuery, parseQuery } from '../../src/search/query.js';
import { isKamerlensError, KamerlensError } from '../../src/domain/errors.js';
import type { ParsedQuery, QueryNode } from '../../src/domain/search.js';

const t = (text: string, prefix = false): QueryNode => ({ type: 'term', text, prefix });
const root = (q: string): QueryNode | null => parseQuery(q).root;

function fails(q: string, message: RegExp | string, position?: number): void {
  assert.throws(
    () => parseQuery(q),
    (e: unknown) => {
      assert.ok(e instanceof KamerlensError, `not a KamerlensError: ${String(e)}`);
      assert.equal(e.code, 'BAD_QUERY');
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      if (position !== undefined) assert.equal(e.context.position, position);
      return true;
    },
  );
}

describe('parseQuery: search words', () => {
  it('ANDs words', () => {
    assert.deepEqual(root('telecomraad Oekraïne'), { type: 'and', children: [t('telecomraad'), t('Oekraïne')] });
    assert.deepEqual(root('beveiliging'), t('beveiliging'));
  });
  it('reads exact phrases', () => {
    assert.deepEqual(root('"Cyber Resilience Act"'), { type: 'phrase', words: ['Cyber', 'Resilience', 'Act'] });
    assert.equal(root('""'), null);
  });
  it('reads OR and | (binding tighter than AND)', () => {
    assert.deepEqual(root('cyber OR digitaal'), { type: 'or', children: [t('cyber'), t('digitaal')] });
    assert.deepEqual(root('cyber|digitaal'), { type: 'or', children: [t('cyber'), t('digitaal')] });
    assert.deepEqual(root('beveiliging cyber OR digitaal'), {
      type: 'and',
      children: [t('beveiliging'), { type: 'or', children: [t('cyber'), t('digitaal')] }],
    });
    assert.deepEqual(root('a OR b OR c'), { type: 'or', children: [t('a'), t('b'), t('c')] });
    assert.deepEqual(root('or'), t('or'), 'lower-case or is a word');
  });
  it('reads exclusions', () => {
    assert.deepEqual(root('telecomraad -Oekraïne'), {
      type: 'and',
      children: [t('telecomraad'), { type: 'not', child: t('Oekraïne') }],
    });
    assert.deepEqual(root('raad -"Raad van State"'), {
      type: 'and',
      children: [t('raad'), { type: 'not', child: { type: 'phrase', words: ['Raad', 'van', 'State'] } }],
    });
  });
  it('reads prefixes', () => {
    assert.deepEqual(root('cyber*'), t('cyber', true));
    assert.deepEqual(root('cyber**'), t('cyber', true));
  });
  it('groups with parentheses', () => {
    assert.deepEqual(root('(cyber OR digitaal) beveiliging'), {
      type: 'and',
      children: [{ type: 'or', children: [t('cyber'), t('digitaal')] }, t('beveiliging')],
    });
    assert.deepEqual(root('(a b) OR c'), {
      type: 'or',
      children: [{ type: 'and', children: [t('a'), t('b')] }, t('c')],
    });
    assert.deepEqual(root('a -(b OR c)'), {
      type: 'and',
      children: [t('a'), { type: 'not', child: { type: 'or', children: [t('b'), t('c')] } }],
    });
    assert.deepEqual(root('a (b c)'), { type: 'and', children: [t('a'), t('b'), t('c')] });
  });
  it('ignores punctuation-only words and trims edge punctuation', () => {
    assert.deepEqual(root('raad , - -- . …'), t('raad'));
    assert.deepEqual(root('Oekraïne, raad.'), { type: 'and', children: [t('Oekraïne'), t('raad')] });
    assert.deepEqual(root('a - b'), { type: 'and', children: [t('a'), t('b')] });
  });
  it('keeps words with internal punctuation as one term', () => {
    assert.deepEqual(root('21501-33'), t('21501-33'));
    assert.deepEqual(root('e-mail'), t('e-mail'));
    assert.deepEqual(root('2025D08504'), t('2025D08504'));
    assert.deepEqual(root('10:30'), t('10:30'));
    assert.deepEqual(root('Agenda:'), t('Agenda'));
    assert.deepEqual(root('https://www.tweedekamer.nl'), t('https://www.tweedekamer.nl'));
  });
  it('reads operators in capitals, English and Dutch, and keeps them words in lower case', () => {
    const notC = { type: 'not', child: t('c') };
    assert.deepEqual(root('a AND b NOT c'), { type: 'and', children: [t('a'), t('b'), notC] });
    assert.deepEqual(root('a EN b NIET c'), { type: 'and', children: [t('a'), t('b'), notC] });
    assert.deepEqual(root('telecom NOT cyber'), { type: 'and', children: [t('telecom'), { type: 'not', child: t('cyber') }] });
    assert.deepEqual(root('a OF b'), { type: 'or', children: [t('a'), t('b')] });
    assert.deepEqual(root('telecom NOT "Raad van State"'), {
      type: 'and',
      children: [t('telecom'), { type: 'not', child: { type: 'phrase', words: ['Raad', 'van', 'State'] } }],
    });
    assert.deepEqual(root('not and of niet'), { type: 'and', children: [t('not'), t('and'), t('of'), t('niet')] });
    assert.deepEqual(root('=NOT a'), { type: 'and', children: [{ type: 'term', text: 'NOT', prefix: false, exact: true }, t('a')] });
  });
  it('reads =word as the word only', () => {
    assert.deepEqual(root('=cybersecurity'), { type: 'term', text: 'cybersecurity', prefix: false, exact: true });
    assert.equal(describeQuery(parseQuery('=AI raad')), '=AI raad');
  });
  it('reads NEAR in every written form', () => {
    const near = (words: string[], distance: number): QueryNode => ({ type: 'near', words, distance });
    assert.deepEqual(root('NEAR(cyber Oekraïne, 5)'), near(['cyber', 'Oekraïne'], 5));
    assert.deepEqual(root('NEAR(a b c)'), near(['a', 'b', 'c'], 10));
    assert.deepEqual(root('"cyber Oekraïne"~7'), near(['cyber', 'Oekraïne'], 7));
    assert.deepEqual(root('"cyber Oekraïne"~'), near(['cyber', 'Oekraïne'], 10));
    assert.deepEqual(root('cyber NEAR Oekraïne'), near(['cyber', 'Oekraïne'], 10));
    assert.deepEqual(root('cyber NEAR/3 Oekraïne NEAR/5 raad'), near(['cyber', 'Oekraïne', 'raad'], 5));
    assert.deepEqual(root('telecom cyber NEAR/3 Oekraïne'), { type: 'and', children: [t('telecom'), near(['cyber', 'Oekraïne'], 3)] });
    assert.deepEqual(root('near(a b)'), { type: 'and', children: [t('near'), t('a'), t('b')] }, 'lower case is a word');
    assert.equal(describeQuery(parseQuery('cyber NEAR/3 Oekraïne')), 'NEAR(cyber Oekraïne, 3)');
    fails('NEAR(a, 5)', /NEAR heeft minstens twee woorden nodig/);
    assert.deepEqual(root('NEAR(a b, 0)'), near(['a', 'b'], 0), 'adjacent, in any order');
    fails('NEAR(a b, 101)', 'De afstand van NEAR moet een getal van 0 tot en met 100 zijn, niet "101"');
    fails('NEAR(a b, vijf)', /van 0 tot en met 100/);
    fails('NEAR(a "b c")', /Schrijf NEAR als NEAR\(woord woord, afstand\)/);
    fails('NEAR(a b', /NEAR\( op positie 1 heeft geen afsluitend \)/, 0);
    fails('a NEAR', /NEAR op positie 3 heeft aan beide kanten een woord nodig/, 2);
    fails('"a b" NEAR c', /verbindt alleen losse woorden/);
    fails('"a"~3', /minstens twee woorden/);
  });
  it('recognises identifiers as people write them', () => {
    const kst = (forms: string[][]): QueryNode => ({ type: 'or', children: forms.map((words) => ({ type: 'phrase', words })) });
    const k1113 = kst([['21501', '33', 'nr', '1113'], ['21501', '33', '1113'], ['21', '501', '33', 'nr', '1113'], ['21', '501', '33', '1113']]);
    for (const q of ['21501-33 nr. 1113', '21501-33, nr 1113', '"21 501-33, nr. 1113"', 'kst-21501-33-1113', 'Kamerstuk 21501-33-1113', 'Kamerstukken II 2024/25, 21 501-33, nr. 1113']) {
      assert.deepEqual(root(q), k1113, q);
    }
    assert.deepEqual(root('36259 nr. 21'), kst([['36259', 'nr', '21'], ['36259', '21'], ['36', '259', 'nr', '21'], ['36', '259', '21']]));
    assert.deepEqual(root('ST 14435 2017 INIT'), kst([['14435', '17'], ['st', '14435', '2017']]));
    assert.deepEqual(root('cyber kst-21501-33-1113'), { type: 'and', children: [t('cyber'), k1113] });
    assert.deepEqual(root('-kst-21501-33-1113 raad'), { type: 'and', children: [{ type: 'not', child: k1113 }, t('raad')] });
    // Written without punctuation inside quotes it stays a phrase (what describeQuery writes back).
    assert.deepEqual(root('"21 501 nr 1113"'), { type: 'phrase', words: ['21', '501', 'nr', '1113'] });
    assert.deepEqual(root('2025D08504'), t('2025D08504'));
    assert.deepEqual(root('14435/17'), t('14435/17'), 'one word; the analysis makes it the phrase 14435 17');
  });
});

describe('parseQuery: filters', () => {
  it('reads people, committees and result types', () => {
    const q = parseQuery('cyber person:"Van Marum" person:Szabó committee:DiZa committee:"Digitale Zaken" type:Zaak,activiteit');
    assert.deepEqual(q.filters.persons, ['Van Marum', 'Szabó']);
    assert.deepEqual(q.filters.committees, ['DiZa', 'Digitale Zaken']);
    assert.deepEqual(q.filters.types, ['zaak', 'activiteit']);
    assert.deepEqual(parseQuery('raad').filters.types, [], 'no type: documents, decided by the index');
    fails('type:motie', /^Onbekend type "motie"\. Typen: document, zaak, activiteit/);
    fails('raad person:"--"', /Filter "person:" heeft een naam met letters nodig/);
  });
  it('reads kinds, repeated and comma lists, case-insensitive keys', () => {
    const q = parseQuery('Kind:kamerbrief,motie KIND:nota');
    assert.deepEqual(q.filters.kinds, ['kamerbrief', 'motie', 'nota']);
    assert.equal(q.root, null);
    assert.equal(q.sort, 'date', 'filters only: list by date');
  });
  it('reads date ranges', () => {
    const f = (s: string) => parseQuery(s).filters;
    assert.deepEqual([f('date:2025-01-01..2025-06-30').dateFrom, f('date:2025-01-01..2025-06-30').dateTo], ['2025-01-01', '2025-06-30']);
    assert.deepEqual([f('date:2025-01-01..').dateFrom, f('date:2025-01-01..').dateTo], ['2025-01-01', null]);
    assert.deepEqual([f('date:..2024-12-31').dateFrom, f('date:..2024-12-31').dateTo], [null, '2024-12-31']);
    assert.deepEqual([f('date:2025-03-03').dateFrom, f('date:2025-03-03').dateTo], ['2025-03-03', '2025-03-03']);
    const both = f('date:2025-01-01.. date:..2025-02-01');
    assert.deepEqual([both.dateFrom, both.dateTo], ['2025-01-01', '2025-02-01']);
  });
  it('reads years and ranges', () => {
    assert.deepEqual(parseQuery('year:2025').filters.years, [2025]);
    assert.deepEqual(parseQuery('year:2023..2025').filters.years, [2023, 2024, 2025]);
    assert.deepEqual(parseQuery('year:2025,2022').filters.years, [2022, 2025]);
  });
  it('reads parties, dossiers and sort', () => {
    const q = parseQuery('raad party:PVV party:"Partij voor de Dieren" dossier:21501-33 sort:date-asc');
    assert.deepEqual(q.filters.parties, ['PVV', 'Partij voor de Dieren']);
    assert.deepEqual(q.filters.dossiers, ['21501-33']);
    assert.equal(q.sort, 'date-asc');
    assert.equal(parseQuery('raad').sort, 'relevance');
    assert.equal(parseQuery('raad sort:DATE').sort, 'date');
    assert.equal(parseQuery('kind:motie sort:relevance').sort, 'relevance');
  });
  it('reads the Dutch names of filters and sort orders', () => {
    const q = parseQuery('raad soort:kamerbrief jaar:2025 datum:2025-01-01..2025-06-30 partij:VVD fractie:D66 persoon:"Van Weel" commissie:DiZa dossier:21501-33 type:zaak sorteer:datum');
    assert.deepEqual(q.filters.kinds, ['kamerbrief']);
    assert.deepEqual(q.filters.years, [2025]);
    assert.deepEqual([q.filters.dateFrom, q.filters.dateTo], ['2025-01-01', '2025-06-30']);
    assert.deepEqual(q.filters.parties, ['VVD', 'D66']);
    assert.deepEqual(q.filters.persons, ['Van Weel']);
    assert.deepEqual(q.filters.committees, ['DiZa']);
    assert.deepEqual(q.filters.dossiers, ['21501-33']);
    assert.deepEqual(q.filters.types, ['zaak']);
    assert.equal(q.sort, 'date');
    assert.equal(parseQuery('raad SORTEER:oudste').sort, 'date-asc');
    assert.equal(parseQuery('raad volgorde:relevantie').sort, 'relevance');
    assert.equal(describeQuery(parseQuery('raad Soort:nota jaar:2024')), 'raad kind:nota year:2024');
    fails('raad jaar:24', 'Ongeldig jaar "24": schrijf jaar:2025 of jaar:2023..2025');
  });
  it('keeps the raw query', () => {
    assert.equal(parseQuery(' raad  kind:motie ').raw, ' raad  kind:motie ');
  });
});

describe('parseQuery: errors', () => {
  it('unclosed quote', () => {
    fails('telecomraad "Cyber Act', 'Aanhalingsteken niet gesloten: de woordgroep op positie 13 heeft geen afsluitend "', 12);
    fails('party:"PVV', /Aanhalingsteken niet gesloten/);
  });
  it('OR without a term on both sides', () => {
    for (const q of ['OR raad', 'raad OR', 'raad OR OR x', '(OR a)', '(a OR)', '| a', 'a |']) fails(q, /"OR" heeft aan beide kanten een zoekterm nodig/);
  });
  it('unknown filter', () => {
    fails(
      'knd:kamerbrief',
      'Onbekend filter "knd:". Filters: soort: (kind:), datum: (date:), jaar: (year:), partij: (party:), dossier:, persoon: (person:), commissie: (committee:), type:, sorteer: (sort:)',
      0,
    );
    fails('raad srt:x', /^Onbekend filter "srt:"/, 5);
  });
  it('unknown kind', () => {
    fails('kind:brief', /^Onbekende soort "brief"\. Soorten: kamerbrief, verslag-schriftelijk-overleg, .*overig$/);
    fails('soort:brief', /^Onbekende soort "brief"/);
  });
  it('invalid dates and years', () => {
    fails('date:2025-13-01..', 'Ongeldige periode "2025-13-01..": schrijf date:JJJJ-MM-DD..JJJJ-MM-DD');
    fails('datum:2025-02-30', 'Ongeldige periode "2025-02-30": schrijf datum:JJJJ-MM-DD..JJJJ-MM-DD');
    fails('date:..', /Ongeldige periode/);
    fails('date:2025', /Ongeldige periode/);
    fails('date:2025-06-01..2025-01-01', /de begindatum ligt na de einddatum/);
    fails('year:25', /Ongeldig jaar "25"/);
    fails('year:2025..2023', /Ongeldig jaar/);
  });
  it('invalid dossier, sort, empty filter value', () => {
    fails('dossier:abc', /Ongeldig dossier "abc"/);
    fails('sort:oldest', 'Onbekende sortering "oldest". Sorteringen: relevantie (relevance), datum (date), oudste (date-asc)');
    fails('sort:date sort:relevance', /Twee sorteringen/);
    fails('kind:', 'Filter "kind:" heeft een waarde nodig, bijv. soort:kamerbrief');
    fails('soort:,', 'Filter "soort:" heeft een waarde nodig, bijv. soort:kamerbrief');
  });
  it('filters in the wrong place', () => {
    fails('(raad soort:motie)', /kunnen niet tussen haakjes: "soort:"/);
    fails('raad OR kind:motie', /Filters gaan niet samen met OR/);
    fails('kind:motie OR raad', /Filters gaan niet samen met OR/);
    fails('raad -kind:motie', /Filters kunnen niet worden uitgesloten/);
    fails('raad NOT soort:motie', /Filters kunnen niet worden uitgesloten met - of NOT: "soort:"/);
  });
  it('exclusions only', () => {
    fails('-raad', 'Een zoekopdracht kan niet alleen uit uitsluitingen bestaan: voeg een woord toe om op te zoeken', 0);
    fails('NOT raad', /alleen uit uitsluitingen/, 0);
    fails('-raad -"Raad van State" kind:motie', /alleen uit uitsluitingen/);
    fails('a (-b)', /bestaat alleen uit uitsluitingen/);
    fails('-a OR b', /kan geen alternatief van OR zijn/);
  });
  it('parentheses', () => {
    fails('(raad', 'Haakje niet gesloten: de groep op positie 1 heeft geen afsluitend )', 0);
    fails('raad)', 'Losse ) op positie 5: er is geen ( om te sluiten', 4);
    fails('raad ()', /Lege haakjes op positie 6/);
  });
  it('prefix too short', () => {
    fails('a*', /minstens 2 letters vóór de \*/);
  });
  it('dangling exclusion', () => {
    fails('-(', /Haakje niet gesloten/);
    fails('a -OR b', /Na "-" of NOT op positie 3 moet een woord/);
    fails('a NOT', /Na "-" of NOT op positie 3 moet een woord/, 2);
  });
  it('limits', () => {
    fails('a'.repeat(1001), 'De zoekopdracht is te lang (1001 tekens): het maximum is 1000');
    assert.doesNotThrow(() => parseQuery('w '.repeat(64)));
    fails('w '.repeat(65), 'De zoekopdracht heeft te veel woorden: het maximum is 64');
    fails(`"${'w '.repeat(65)}"`, /te veel woorden/);
  });
});

function stripRaw(q: ParsedQuery): Omit<ParsedQuery, 'raw'> {
  const { raw: _raw, ...rest } = q;
  return rest;
}

describe('describeQuery', () => {
  it('serialises canonically', () => {
    assert.equal(describeQuery(parseQuery('  Raad   OR raden  kind:motie')), 'Raad OR raden kind:motie');
    assert.equal(
      describeQuery(parseQuery('sort:date-asc year:2025 year:2023..2024 (a b) OR c -"x y" dossier:21501-33 party:"GL PvdA" party:PVV')),
      '(a b) OR c -"x y" year:2023..2025 party:PVV party:"GL PvdA" dossier:21501-33 sort:date-asc',
    );
    assert.equal(describeQuery(parseQuery('date:2025-01-01.. kind:nota')), 'kind:nota date:2025-01-01..');
    assert.equal(describeQuery(parseQuery('date:2025-03-03')), 'date:2025-03-03');
    assert.equal(describeQuery(parseQuery('cyber* -(a OR b)')), 'cyber* -(a OR b)');
    assert.equal(
      describeQuery(parseQuery('type:zaak committee:"Digitale Zaken" person:Szabó raad')),
      'raad person:Szabó committee:"Digitale Zaken" type:zaak',
    );
  });
  it('round-trips', () => {
    for (const q of ['a b OR c', '(a b) OR (c d)', 'a -(b c)', '"x y" zo*', 'kind:motie,nota year:2020,2022..2023 sort:relevance', 'Agenda: OR. raad', '*kind:motie raad', 'x person:"A B",C committee:diza type:zaak,document', 'a NOT b c OF d', 'NEAR(a b, 3) =c', '21501-33 nr. 1113 -"ST 14435 2017 INIT"', 'soort:nota sorteer:oudste']) {
      const p = parseQuery(q);
      assert.deepEqual(stripRaw(parseQuery(describeQuery(p))), stripRaw(p), q);
    }
  });
});

describe('parseQuery: fuzz', () => {
  it('returns a ParsedQuery or throws BAD_QUERY for random input, and round-trips', () => {
    const pieces = ['"', ' ', '(', ')', '-', '*', ':', 'OR', '|', '.', 'a', 'é', '1', ' ', 'kind', 'date', 'ab', 'NOT', 'NEAR', '~', '=', ',', 'soort'];
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let ok = 0;
    let bad = 0;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = rand(24);
      for (let j = 0; j < len; j++) s += pieces[rand(pieces.length)] as string;
      let q: ParsedQuery;
      try {
        q = parseQuery(s);
      } catch (e) {
        assert.ok(isKamerlensError(e) && e.code === 'BAD_QUERY', `${JSON.stringify(s)} threw ${String(e)}`);
        assert.equal(typeof e.context.position, 'number');
        bad++;
        continue;
      }
      ok++;
      let again: ParsedQuery;
      try {
        again = parseQuery(describeQuery(q));
      } catch (e) {
        throw new Error(`${JSON.stringify(s)} → ${JSON.stringify(describeQuery(q))}: ${String(e)}`);
      }
      assert.deepEqual(stripRaw(again), stripRaw(q), `round trip of ${JSON.stringify(s)} via ${JSON.stringify(describeQuery(q))}`);
    }
    assert.ok(ok > 500 && bad > 500, `ok ${ok}, bad ${bad}`);
  });
});
