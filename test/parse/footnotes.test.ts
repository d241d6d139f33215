// Footnotes and page furniture: separated from the running text, markers removed, broken URLs joined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinBrokenUrls, normalise, removePageFurniture, toParagraphs } from '../../src/parse/cleanup.js';
import { extractFootnotes, stripFootnoteMarkers } from '../../src/parse/footnotes.js';

const never = (): boolean => false;

function clean(text: string): { body: string; notes: Array<{ number: number; text: string }> } {
  const { body, footnotes } = extractFootnotes(removePageFurniture(normalise(text), never));
  const lines = joinBrokenUrls(stripFootnoteMarkers(body, footnotes.map((f) => f.number)));
  return { body: toParagraphs(lines, never).map((p) => p.text).join('\n\n'), notes: footnotes };
}

test('footnotes: a page-bottom note in mid-sentence is lifted out and the sentence rejoined', () => {
  const r = clean(
    'Nederland steunt de hybride toolbox2 van de EU. De sessie werd geopend\n\n' +
      '2 Een hybride toolbox moet leiden tot een gecoördineerde benutting van\nbestaande instrumenten.\n\n\n' +
      'door de Franse staatssecretaris.',
  );
  assert.deepEqual(r.notes, [{ number: 2, text: 'Een hybride toolbox moet leiden tot een gecoördineerde benutting van bestaande instrumenten.' }]);
  assert.equal(r.body, 'Nederland steunt de hybride toolbox van de EU. De sessie werd geopend door de Franse staatssecretaris.');
});

test('footnotes: a URL broken over lines and its link duplicates', () => {
  const url = 'https://presse.example.fr/download?id=91749&pn=3020%20-%20Joint%20appeal%20by%20EU';
  const r = clean(
    `Lidstaten steunen de oproep3.\n\n3 Gezamenlijke oproep: \nhttps://presse.example.fr/download?id=91749&pn=3020%20-%20Joint%20appeal\n%20by%20EU  \n\n${url}\n${url}\n\n\nVerder sprak de Raad.`,
  );
  assert.equal(r.notes[0]?.text, `Gezamenlijke oproep: ${url}`);
  assert.equal(r.body, 'Lidstaten steunen de oproep.\n\nVerder sprak de Raad.');
});

test('footnotes: Council layout, notes continued across blank lines, page start marked by a leading space', () => {
  const r = clean(
    'de randvoorwaarden van het beleid anderzijds1; \n\n                          \n1 Doc. 12650/17. \n 6. INDACHTIG zijn conclusies over cyberbeveiliging2, internet-\n\n' +
      'governance3; \n\n                    \n2 Doc. 12109/13 en 6225/13 (gezamenlijke mededeling aan het Europees \n\nEconomisch en Sociaal Comité). \n\n3 Doc. 16200/14. \n 7. ERKENNENDE dat',
  );
  assert.deepEqual(r.notes.map((n) => n.number), [1, 2, 3]);
  assert.equal(r.notes[1]?.text, 'Doc. 12109/13 en 6225/13 (gezamenlijke mededeling aan het Europees Economisch en Sociaal Comité).');
  assert.match(r.body, /anderzijds;/);
  assert.match(r.body, /cyberbeveiliging, internetgovernance;/);
  assert.match(r.body, /7\. ERKENNENDE dat/);
});

test('footnotes: end notes with back-references, markers after words, brackets and full stops', () => {
  const r = clean(
    'artikel 22 NIS2-richtlijn1.\n\nHet aantal is verminderd. 2 Zo verkent het kabinet dit. DigComp3) is een kader.\n\n' +
      '  1. NIS 2-richtlijn (Richtlijn (EU) 2022/2555).↩︎\n\n  2. Kamerstukken II 2023/24, 36 259, nr. 21.↩︎\n\n  3. DigComp Framework.↩︎',
  );
  assert.deepEqual(r.notes.map((n) => n.number), [1, 2, 3]);
  assert.equal(r.notes[0]?.text, 'NIS 2-richtlijn (Richtlijn (EU) 2022/2555).');
  assert.match(r.body, /NIS2-richtlijn\.\n/);
  assert.match(r.body, /verminderd\. Zo verkent/);
  // "NIS2" keeps its 2: a capital before the digit is not a marker.
  assert.match(r.body, /NIS2-richtlijn/);
});

test('cleanup: page numbers, official running headers and repeated page headers are dropped', () => {
  const text = [
    'Vraag 1', 'Bent u bekend met het bericht?', '', 'Aanhangsel Handelingen II 2024/25, 1876 1', '',
    'Tweede Kamer, vergaderjaar 2024–2025, 21 501-33, nr. 1113 2', '', '3', '', 'Pagina 2 van 5', '',
    '14435/17   mou/ASS/sv 1', 'a', '14435/17   mou/ASS/sv 2', 'b', '14435/17   mou/ASS/sv 3', 'c',
  ].join('\n');
  const kept = removePageFurniture(normalise(text), never).filter((l) => l.trim());
  assert.deepEqual(kept, ['Vraag 1', 'Bent u bekend met het bericht?', 'a', 'b', 'c']);
});

test('cleanup: hyphenation undone only where Dutch drops the hyphen', () => {
  const p = (s: string) => toParagraphs(s.split('\n'), never).map((x) => x.text);
  assert.deepEqual(p('het gemeenschappelijk veiligheids- en defensie-\nbeleid'), ['het gemeenschappelijk veiligheids- en defensiebeleid']);
  assert.deepEqual(p('van de NIS-\nrichtlijn'), ['van de NIS-richtlijn']);
  assert.deepEqual(p('en informatie-\nuitwisseling'), ['en informatie-uitwisseling']);
  assert.deepEqual(p('Dat non-\npaper kreeg steun.'), ['Dat non-paper kreeg steun.']);
});
