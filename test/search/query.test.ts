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
  it('never lets FTS syntax through as structure', () => {
    assert.deepEqual(root('NEAR(a b)'), { type: 'and', children: [t('NEAR'), t('a'), t('b')] });
    assert.deepEqual(root('a AND b NOT c'), { type: 'and', children: [t('a'), t('AND'), t('b'), t('NOT'), t('c')] });
  });
});

describe('parseQuery: filters', () => {
  it('reads people, committees and result types', () => {
    const q = parseQuery('cyber person:"Van Marum" person:Szabó committee:DiZa committee:"Digitale Zaken" type:Zaak,activiteit');
    assert.deepEqual(q.filters.persons, ['Van Marum', 'Szabó']);
    assert.deepEqual(q.filters.committees, ['DiZa', 'Digitale Zaken']);
    assert.deepEqual(q.filters.types, ['zaak', 'activiteit']);
    assert.deepEqual(parseQuery('raad').filters.types, [], 'no type: documents, decided by the index');
    fails('type:motie', /^Unknown type "motie"\. Types: document, zaak, activiteit/);
    fails('raad person:"--"', /Filter "person:" needs a name with letters/);
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
  it('keeps the raw query', () => {
    assert.equal(parseQuery(' raad  kind:motie ').raw, ' raad  kind:motie ');
  });
});

describe('parseQuery: errors', () => {
  it('unclosed quote', () => {
    fails('telecomraad "Cyber Act', 'Unclosed quote: the phrase starting at position 13 has no closing "', 12);
    fails('party:"PVV', /Unclosed quote/);
  });
  it('OR without a term on both sides', () => {
    for (const q of ['OR raad', 'raad OR', 'raad OR OR x', '(OR a)', '(a OR)', '| a', 'a |']) fails(q, /"OR" needs a term on both sides/);
  });
  it('unknown filter', () => {
    fails('knd:kamerbrief', 'Unknown filter "knd:". Known filters: kind, date, year, party, dossier, person, committee, type, sort', 0);
    fails('col:^x', /Unknown filter "col:"/);
  });
  it('unknown kind', () => {
    fails('kind:brief', /^Unknown kind "brief"\. Kinds: kamerbrief, verslag-schriftelijk-overleg, .*overig$/);
  });
  it('invalid dates and years', () => {
    fails('date:2025-13-01..', 'Invalid date range "2025-13-01..": use date:YYYY-MM-DD..YYYY-MM-DD');
    fails('date:2025-02-30', /Invalid date range/);
    fails('date:..', /Invalid date range/);
    fails('date:2025', /Invalid date range/);
    fails('date:2025-06-01..2025-01-01', /the start date is after the end date/);
    fails('year:25', /Invalid year "25"/);
    fails('year:2025..2023', /Invalid year/);
  });
  it('invalid dossier, sort, empty filter value', () => {
    fails('dossier:abc', /Invalid dossier "abc"/);
    fails('sort:oldest', 'Unknown sort "oldest". Sorts: relevance, date, date-asc');
    fails('sort:date sort:relevance', /Conflicting sort orders/);
    fails('kind:', 'Filter "kind:" needs a value, e.g. kind:kamerbrief');
    fails('kind:,', /needs a value/);
  });
  it('filters in the wrong place', () => {
    fails('(raad kind:motie)', /cannot be put inside parentheses/);
    fails('raad OR kind:motie', /cannot be combined with OR/);
    fails('kind:motie OR raad', /cannot be combined with OR/);
    fails('raad -kind:motie', /Filters cannot be excluded/);
  });
  it('exclusions only', () => {
    fails('-raad', 'A query cannot consist of exclusions only: add a word to search for', 0);
    fails('-raad -"Raad van State" kind:motie', /exclusions only/);
    fails('a (-b)', /consists of exclusions only/);
    fails('-a OR b', /cannot be one of the alternatives of OR/);
  });
  it('parentheses', () => {
    fails('(raad', 'Unclosed parenthesis: the group starting at position 1 has no closing )', 0);
    fails('raad)', 'Unmatched ) at position 5: there is no ( to close', 4);
    fails('raad ()', /Empty parentheses at position 6/);
  });
  it('prefix too short', () => {
    fails('a*', /at least 2 letters before the \*/);
  });
  it('dangling exclusion', () => {
    fails('-(', /Unclosed parenthesis/);
    fails('a -OR b', /"-" at position 3 must be followed by a word/);
  });
  it('limits', () => {
    fails('a'.repeat(1001), 'The query is too long (1001 characters): the limit is 1000');
    assert.doesNotThrow(() => parseQuery('w '.repeat(64)));
    fails('w '.repeat(65), 'The query has too many words: the limit is 64');
    fails(`"${'w '.repeat(65)}"`, /too many words/);
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
    for (const q of ['a b OR c', '(a b) OR (c d)', 'a -(b c)', '"x y" zo*', 'kind:motie,nota year:2020,2022..2023 sort:relevance', 'Agenda: OR. raad', '*kind:motie raad', 'x person:"A B",C committee:diza type:zaak,document']) {
      const p = parseQuery(q);
      assert.deepEqual(stripRaw(parseQuery(describeQuery(p))), stripRaw(p), q);
    }
  });
});

describe('parseQuery: fuzz', () => {
  it('returns a ParsedQuery or throws BAD_QUERY for random input, and round-trips', () => {
    const pieces = ['"', ' ', '(', ')', '-', '*', ':', 'OR', '|', '.', 'a', 'é', '1', ' ', 'kind', 'date', 'ab'];
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
