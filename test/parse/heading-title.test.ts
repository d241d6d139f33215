// A Kamerstuk heading in capitals becomes a title a reader would write (issue 11, item 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind, headingTitle } from '../../src/parse/kind.js';

const lines = (s: string) => s.split('\n');

test('heading title: a written consultation is titled by what was put to the minister', () => {
  const head = lines(`Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2024–2025

21 501-33 Raad voor Vervoer, Telecommunicatie en Energie

Nr. 1116 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld 3 maart 2025

De vaste commissie voor Digitale Zaken heeft een aantal vragen en
opmerkingen voorgelegd aan de Staatssecretaris van Economische Zaken over de
geannoteerde agenda voor de informele Telecomraad van 4-5 maart 2025
(Kamerstuk 21 501-33, nr. 1113).`);
  assert.equal(
    headingTitle('VERSLAG VAN EEN SCHRIFTELIJK OVERLEG', head),
    'Verslag van een schriftelijk overleg over de geannoteerde agenda voor de informele Telecomraad van 4-5 maart 2025',
  );
});

test('heading title: a letter in capitals gets normal case, ministries keep their capitals, and its dossier', () => {
  const head = lines(`Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2023–2024

36 410-VIII Vaststelling van de begrotingsstaten van het Ministerie van Onderwijs, Cultuur en Wetenschap (VIII) voor het jaar 2024

Nr. 7 BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP`);
  assert.equal(
    headingTitle('BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP', head),
    'Brief van de minister van Onderwijs, Cultuur en Wetenschap (Vaststelling van de begrotingsstaten van het Ministerie van Onderwijs, Cultuur en Wetenschap (VIII) voor het jaar 2024)',
  );
  assert.equal(
    headingTitle('BRIEF VAN DE MINISTERS VAN ECONOMISCHE ZAKEN EN KLIMAAT EN VAN BUITENLANDSE ZAKEN', []),
    'Brief van de ministers van Economische Zaken en Klimaat en van Buitenlandse Zaken',
  );
  assert.equal(headingTitle('BRIEF VAN DE MINISTER-PRESIDENT, MINISTER VAN ALGEMENE ZAKEN', []), 'Brief van de minister-president, minister van Algemene Zaken');
});

test('heading title: motions keep their own rule, titles with lower case are the author’s', () => {
  assert.equal(headingTitle('MOTIE VAN HET LID VAN DER WERF', []), 'Motie van het lid Van der Werf');
  assert.equal(headingTitle('Verslag informele Telecomraad 8-9 maart', []), 'Verslag informele Telecomraad 8-9 maart');
  // A dossier line followed by its number is no dossier title.
  assert.equal(headingTitle('NOTA NAAR AANLEIDING VAN HET VERSLAG', lines('36 278\nNr. 6\nNOTA NAAR AANLEIDING VAN HET VERSLAG')), 'Nota naar aanleiding van het verslag');
});

test('kind: a government letter printed as a Kamerstuk is a kamerbrief; a committee letter is not taken for one', () => {
  const head = '21 501-33 Raad voor Vervoer, Telecommunicatie en Energie\n\nNr. 1113 BRIEF VAN DE STAATSSECRETARIS VAN ECONOMISCHE ZAKEN\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 17 februari 2025';
  assert.equal(detectKind(null, head, head), 'kamerbrief');
  const committee = '36 600\n\nNr. 12 BRIEF VAN DE VASTE COMMISSIE VOOR FINANCIËN\n\nAan de leden';
  assert.equal(detectKind(null, committee, committee), 'overig');
});
