// The thesaurus: its file format, its groups, and how the query analysis applies it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultThesaurus, formTerms, parseThesaurus } from '../../src/search/thesaurus.js';
import { analyzeQuery, highlightSpec, synonymNotes, SYNONYM_WEIGHT, type AnalyzedNode } from '../../src/search/fts-query.js';
import { parseQuery } from '../../src/search/query.js';
import { normalizeWord } from '../../src/search/dutch/index.js';

const term = (w: string) => normalizeWord(w).term;
const none = () => ({ terms: [], truncated: false });
const analyse = (q: string, th = defaultThesaurus()): AnalyzedNode | null => analyzeQuery(parseQuery(q).root!, none, th);
const texts = (th: ReturnType<typeof parseThesaurus>, w: string) => th.synonyms(formTerms(w)).map((f) => f.text);

describe('thesaurus file', () => {
  it('reads groups whose every form finds the others, analysed like query words', () => {
    const th = parseThesaurus('# comment\n\ncyberbeveiliging\tcybersecurity\tdigitale veiligheid\nAI\tkunstmatige intelligentie\n');
    assert.deepEqual(texts(th, 'Cybersecurity'), ['cyberbeveiliging', 'digitale veiligheid']);
    assert.deepEqual(texts(th, 'cyberbeveiliging'), ['cybersecurity', 'digitale veiligheid']);
    assert.deepEqual(texts(th, 'kunstmatige intelligentie'), ['AI']);
    assert.deepEqual(th.synonyms(['kunstmatige', 'intelligentie']), [], 'terms, not surface words');
    assert.deepEqual(texts(th, 'veiligheid'), []);
    assert.equal(th.longest, 2);
  });
  it('leaves out forms that add nothing: one that contains the word typed or another synonym', () => {
    const th = parseThesaurus('Economische Zaken en Klimaat\tEZK\tministerie van Economische Zaken en Klimaat\n');
    assert.deepEqual(texts(th, 'EZK'), ['Economische Zaken en Klimaat']);
    assert.deepEqual(texts(th, 'Economische Zaken en Klimaat'), ['EZK']);
    assert.deepEqual(texts(th, 'ministerie van Economische Zaken en Klimaat'), ['Economische Zaken en Klimaat', 'EZK']);
  });
  it('rejects a line with one form, naming the line', () => {
    assert.throws(() => parseThesaurus('a\tb\nalleen\n'), /thesaurus line 2: a group needs two forms/);
    assert.throws(() => parseThesaurus('BNC-fiche\tBNC fiche\n'), /line 1/, 'forms that analyse alike are one form');
  });
  it("the repository's thesaurus holds the field's groups", () => {
    const th = defaultThesaurus();
    const has = (a: string, b: string) => assert.ok(texts(th as ReturnType<typeof parseThesaurus>, a).includes(b), `${a} → ${b}`);
    has('cyberbeveiliging', 'cybersecurity');
    has('cybersecurity', 'digitale veiligheid');
    has('AI', 'kunstmatige intelligentie');
    has('kunstmatige intelligentie', 'artificiële intelligentie');
    has('EZK', 'Economische Zaken en Klimaat');
    has('BZK', 'Binnenlandse Zaken en Koninkrijksrelaties');
    has('JenV', 'Justitie en Veiligheid');
    has('NIS2', 'NIS 2');
    has('NIS 2-richtlijn', 'NIS2');
    has('Telecomraad', 'TTE-Raad');
    has('AVG', 'GDPR');
    has('Europese Commissie', 'EC');
    assert.deepEqual(texts(th as ReturnType<typeof parseThesaurus>, 'NIS-richtlijn'), [], 'the 2016 directive is not NIS2');
    // Every line of the file parses (the loader would throw otherwise) and has no stray spaces around tabs.
    const file = readFileSync(new URL('../../data/thesaurus.tsv', import.meta.url), 'utf8');
    for (const line of file.split('\n')) if (!line.startsWith('#')) assert.ok(!/ \t|\t /.test(line), line);
  });
});

describe('query analysis with the thesaurus', () => {
  const th = parseThesaurus('cyberbeveiliging\tcybersecurity\tdigitale veiligheid\nAI\tkunstmatige intelligentie\n');
  it('ORs a word with its synonyms, weighted below it', () => {
    assert.deepEqual(analyse('cyberbeveiliging', th), {
      type: 'or',
      children: [
        { type: 'term', term: term('cyberbeveiliging') },
        { type: 'term', term: term('cybersecurity'), weight: SYNONYM_WEIGHT },
        { type: 'phrase', terms: [term('digitale'), term('veiligheid')], weight: SYNONYM_WEIGHT },
      ],
    });
  });
  it('matches a run of typed words as a form', () => {
    assert.deepEqual(analyse('kunstmatige intelligentie raad', th), {
      type: 'and',
      positive: [
        {
          type: 'or',
          children: [
            { type: 'and', positive: [{ type: 'term', term: term('kunstmatige') }, { type: 'term', term: term('intelligentie') }], negative: [] },
            { type: 'term', term: 'ai', weight: SYNONYM_WEIGHT },
          ],
        },
        { type: 'term', term: term('raad') },
      ],
      negative: [],
    });
  });
  it('is off for =word, a quoted phrase and a prefix', () => {
    assert.deepEqual(analyse('=cyberbeveiliging', th), { type: 'term', term: term('cyberbeveiliging'), exact: true });
    assert.deepEqual(analyse('"kunstmatige intelligentie"', th), { type: 'phrase', terms: [term('kunstmatige'), term('intelligentie')] });
    assert.deepEqual(analyse('kunstmatige =intelligentie', th), { type: 'and', positive: [{ type: 'term', term: term('kunstmatige') }, { type: 'term', term: term('intelligentie'), exact: true }], negative: [] });
    assert.equal(analyse('cyberbeveilig*', th)?.type, 'none');
  });
  it('applies to excluded words too (excluding a subject excludes its synonyms)', () => {
    const n = analyse('raad -AI', th);
    assert.ok(n?.type === 'and' && n.negative[0]?.type === 'or');
  });
  it('highlights synonyms and says which were added', () => {
    const spec = highlightSpec(analyse('cyberbeveiliging', th));
    assert.ok(spec.terms.has(term('cybersecurity')));
    assert.deepEqual(spec.phrases, [[term('digitale'), term('veiligheid')]]);
    assert.deepEqual(synonymNotes(parseQuery('AI raad cyberbeveiliging').root, th), [
      { typed: 'AI', synonyms: ['kunstmatige intelligentie'] },
      { typed: 'cyberbeveiliging', synonyms: ['cybersecurity', 'digitale veiligheid'] },
    ]);
    assert.deepEqual(synonymNotes(parseQuery('=AI').root, th), []);
  });
});
