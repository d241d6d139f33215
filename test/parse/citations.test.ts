// Citations: Kamerstukken in every written form, Council documents, EU acts, URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCitations } from '../../src/parse/citations.js';

test('citations: Kamerstukken', () => {
  assert.deepEqual(extractCitations('(Kamerstuk 21501-33-1113)'), [{ kind: 'kamerstuk', raw: 'Kamerstuk 21501-33-1113', dossier: '21501-33', number: '1113', year: null }]);
  assert.deepEqual(extractCitations('Kamerstukken II 2023/24, 36 259, nr. 21.'), [
    { kind: 'kamerstuk', raw: 'Kamerstukken II 2023/24, 36 259, nr. 21', dossier: '36259', number: '21', year: '2023/24' },
  ]);
  assert.deepEqual(extractCitations('Kamerstukken II, 2020/21, 22 112, nr. 2966.')[0], {
    kind: 'kamerstuk', raw: 'Kamerstukken II, 2020/21, 22 112, nr. 2966', dossier: '22112', number: '2966', year: '2020/21',
  });
  assert.deepEqual(extractCitations('(Kamerstuk 21501-33, nr. 1096)')[0], { kind: 'kamerstuk', raw: 'Kamerstuk 21501-33, nr. 1096', dossier: '21501-33', number: '1096', year: null });
  assert.deepEqual(
    extractCitations('Staat van de Unie (Kamerstuk 26 643/30 821, nr. 1252).').map((c) => (c.kind === 'kamerstuk' ? [c.dossier, c.number] : null)),
    [['26643', '1252'], ['30821', '1252']],
  );
  assert.deepEqual(extractCitations('Kamerstukken I 2023/24, 36 259, A').length, 0);
  assert.deepEqual(extractCitations('Kamerstukken I 2023/24, 36 259, nr. A')[0], { kind: 'kamerstuk', raw: 'Kamerstukken I 2023/24, 36 259, nr. A', dossier: '36259', number: 'A', year: '2023/24' });
  // The same document cited twice counts once.
  assert.equal(extractCitations('Kamerstukken II 2023/24, 36 259, nr. 21. En: Kamerstukken II 2023/24, 36 259, nr. 21').length, 1);
});

test('citations: Council documents, not vergaderjaren or the own number', () => {
  assert.deepEqual(extractCitations('1 Doc. 12650/17.'), [{ kind: 'council-doc', raw: 'Doc. 12650/17', id: '12650/17' }]);
  assert.deepEqual(extractCitations('2 Doc. 12109/13 en 6225/13 (mededeling)').map((c) => (c.kind === 'council-doc' ? c.id : '')), ['12109/13', '6225/13']);
  assert.deepEqual(extractCitations('Doc. 9916/17 en C/2017/6100 final.').map((c) => (c.kind === 'council-doc' ? c.id : '')), ['9916/17']);
  assert.deepEqual(extractCitations('Raadsdocument 15012/25', ['15012/25']), []);
  assert.deepEqual(extractCitations('Kamerstukken II 2023/24'), []);
});

test('citations: EU acts', () => {
  assert.deepEqual(extractCitations('NIS 2-richtlijn (Richtlijn (EU) 2022/2555).'), [{ kind: 'eu-act', raw: 'Richtlijn (EU) 2022/2555', type: 'richtlijn', id: '2022/2555' }]);
  assert.deepEqual(extractCitations('Verordening (EU) nr. 910/2014')[0], { kind: 'eu-act', raw: 'Verordening (EU) nr. 910/2014', type: 'verordening', id: '910/2014' });
  assert.deepEqual(extractCitations('Regulation (EU) 2019/881')[0], { kind: 'eu-act', raw: 'Regulation (EU) 2019/881', type: 'verordening', id: '2019/881' });
});

test('citations: URLs, trailing punctuation removed, letterhead address skipped', () => {
  assert.deepEqual(extractCitations('Raadpleegbaar via https://eur-lex.europa.eu/eli/dir/2022/2555.'), [
    { kind: 'url', raw: 'https://eur-lex.europa.eu/eli/dir/2022/2555', url: 'https://eur-lex.europa.eu/eli/dir/2022/2555' },
  ]);
  assert.deepEqual(extractCitations('(zie https://example.org/a_(b)).')[0], { kind: 'url', raw: 'https://example.org/a_(b)', url: 'https://example.org/a_(b)' });
  assert.deepEqual(extractCitations('T 070\nwww.rijksoverheid.nl/ezk', [], new Set(['www.rijksoverheid.nl/ezk'])), []);
});
