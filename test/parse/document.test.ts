// Kind, title, identifiers, signatories and meetings, on real snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind, detectTitle } from '../../src/parse/kind.js';
import { extractIdentifiers } from '../../src/parse/identifiers.js';
import { extractMeetings } from '../../src/parse/meetings.js';
import { extractSignatories, looksLikeName } from '../../src/parse/signatories.js';

test('kind: from title and head', () => {
  const k = (head: string, title: string | null = null) => detectKind(title, head, head);
  assert.equal(k('Verslag van een schriftelijk overleg\n'), 'verslag-schriftelijk-overleg');
  assert.equal(k('Betreft: Conclusies van de Raad over de mededeling'), 'raadsconclusies');
  assert.equal(k('Geachte Voorzitter,', 'Verslag informele Telecomraad 29-30 april 2026'), 'verslag-raad');
  assert.equal(k('Geachte Voorzitter,', 'Geannoteerde agenda Raad Algemene Zaken van 16 december 2025'), 'geannoteerde-agenda');
  assert.equal(k('Nr. 1120 MOTIE VAN HET LID KATHMANN C.S.\nVoorgesteld 12 maart 2025'), 'motie');
  assert.equal(k('Vragen van het lid Kathmann (GroenLinks-PvdA) aan de minister (ingezonden 3 maart 2025).'), 'kamervragen');
  assert.equal(detectKind(null, 'Vragen van het lid X (VVD) aan de minister (ingezonden 3 maart 2025).', 'Vraag 1\nKent u?\nAntwoord 1\nJa.'), 'antwoord-kamervragen');
  assert.equal(k('Betreft Stand van zaken cyberbeveiliging\nGeachte Voorzitter,'), 'kamerbrief');
  assert.equal(k('Een tekst zonder kenmerken.'), 'overig');
});

test('title: a multi-line Council "Betreft", a letter "Betreft", a heading', () => {
  assert.equal(
    detectTitle(['Betreft: Conclusies van de Raad over de gezamenlijke mededeling aan het ', '', 'Europees Parlement en de Raad: Weerbaarheid ', '- Conclusies van de Raad (20 november 2017) ', '', '  ', '', 'Voor de delegaties gaan hierbij']),
    'Conclusies van de Raad over de gezamenlijke mededeling aan het Europees Parlement en de Raad: Weerbaarheid - Conclusies van de Raad (20 november 2017)',
  );
  assert.equal(detectTitle(['Datum 28 mei 2026', 'Betreft Verslag informele Telecomraad 29-30 april 2026', '', 'Geachte Voorzitter,']), 'Verslag informele Telecomraad 29-30 april 2026');
  assert.equal(detectTitle([' Den Haag, 11 april 2022', '', 'Hierbij bied ik u het verslag aan.', '', ' Verslag informele Telecomraad 8-9 maart', '']), 'Verslag informele Telecomraad 8-9 maart');
  assert.equal(detectTitle(['Geen titel hier.']), null);
});

test('identifiers: own kenmerken and numbers, not those of cited documents', () => {
  const lines = ['Ons kenmerk', 'BPZ / 106477204', 'Uw kenmerk', '2025Z01234', 'Nummer: 2025D08504, datum: 2025-03-03', 'Onderdeel van zaak 2025Z03735:', '14435/17   mou/ASS/sv 1'];
  const ids = extractIdentifiers(lines, `${lines.join('\n')}\n(Kamerstuk 2024D17688)`);
  assert.deepEqual(ids.kenmerken, ['BPZ / 106477204']);
  assert.deepEqual(ids.documentNumbers, ['2025D08504']);
  assert.deepEqual(ids.councilDocs, ['14435/17']);
  assert.ok(ids.zaakNumbers.includes('2025Z03735'));
});

test('signatories: role above name, name above role, two side by side', () => {
  assert.deepEqual(extractSignatories(['De minister van Economische Zaken en Klimaat,', 'M.A.M. Adriaansens']), [{ name: 'M.A.M. Adriaansens', role: 'Minister van Economische Zaken en Klimaat' }]);
  assert.deepEqual(extractSignatories(['W.J.M. Aerdts', 'Staatssecretaris van Economische Zaken en Klimaat']), [{ name: 'W.J.M. Aerdts', role: 'Staatssecretaris van Economische Zaken en Klimaat' }]);
  assert.deepEqual(extractSignatories(['Dirk Beljaarts D.M. van Weel', '', 'Minister van Economische Zaken Minister van Justitie en Veiligheid']), [
    { name: 'Dirk Beljaarts', role: 'Minister van Economische Zaken' },
    { name: 'D.M. van Weel', role: 'Minister van Justitie en Veiligheid' },
  ]);
  assert.deepEqual(extractSignatories(['De Voorzitter van de Eerste Kamer', 'der Staten-Generaal', 'Geachte Voorzitter,']), []);
  assert.equal(looksLikeName('Verslag informele Telecomraad'), false);
});

test('meetings: body, formality, dates, location', () => {
  assert.deepEqual(extractMeetings('Verslag informele Telecomraad 8-9 maart', '', 'het verslag van de informele Telecomraad van 8 en 9 maart 2022 in Parijs en Nevers.', '2022-04-11'), [
    { body: 'Telecomraad', formal: false, startDate: '2022-03-08', endDate: '2022-03-09', location: 'Parijs en Nevers' },
  ]);
  assert.deepEqual(extractMeetings('Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', '', 'over de informele Telecomraad op 4 en 5 maart in Warschau.', '2025-03-03'), [
    { body: 'Telecomraad', formal: false, startDate: '2025-03-04', endDate: '2025-03-05', location: 'Warschau' },
  ]);
  assert.deepEqual(extractMeetings(null, 'Conclusies die de Raad Algemene Zaken op 20 november 2017 heeft aangenomen.', '', '2017-11-20'), [
    { body: 'Raad Algemene Zaken', formal: true, startDate: '2017-11-20', endDate: '2017-11-20', location: null },
  ]);
  assert.deepEqual(extractMeetings('Kabinetsreactie op het rapport', 'Geen bijeenkomst.', '', '2025-01-01'), []);
});
