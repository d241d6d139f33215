// Handelingen (the record of a sitting) and end-of-line hyphenation, on snippets of the real
// Handelingen PDF of 1 February 2024 (TK 37) and the officielebekendmakingen XML of 2018.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinWrapped } from '../../src/parse/cleanup.js';
import { debateCommitments, handelingenTitle, isHandelingenHead, parseSpeakerLine, sittingDate } from '../../src/parse/handelingen.js';
import { parseDocument } from '../../src/parse/index.js';
import { isDutchWord } from '../../src/search/dutch/words.js';

const HEAD = [
  'Tweede Kamer', 'Begroting Landbouw, Natuur en', 'Voedselkwaliteit 2024', '1 februari 2024', 'TK 37', '37-4-1', '',
  '4', 'Begroting Landbouw, Natuur en Voed-', 'selkwaliteit 2024', '', 'Begroting Landbouw, Natuur en Voedselkwaliteit 2024', '',
  'Aan de orde is de voortzetting van de behandeling van:', '- het wetsvoorstel Vaststelling van de begrotingsstaten',
  'van het Ministerie van Landbouw, Natuur en Voedselkwa-', 'liteit (XIV) en het Diergezondheidsfonds (F) voor het jaar', '2024 (36410-XIV).', '',
  '(Zie vergadering van 31 januari 2024.)', '',
  'De voorzitter:', 'Aan de orde is de voortzetting van de behandeling van de', 'begroting Landbouw, Natuur en Voedselkwaliteit.', '',
  'Mevrouw Van der Plas (BBB):', 'Dank u wel, voorzitter. We weten allemaal dat er boerenpro-', 'testen in heel Europa zijn.', '',
  'Minister Adema:', 'Dank u wel, meneer de voorzitter. Ik hoop dat de WUR het onderzoek binnenkort afrondt en dan zal ik uw Kamer daarover informeren.', '',
  'Mevrouw Bromet (GroenLinks-PvdA):', 'Ik dien de volgende motie in.', '', 'Motie', '', 'De Kamer,', '', 'gehoord de beraadslaging,', '',
  'verzoekt de regering de Kamer voor de zomer te informeren over de middenhuurwoningen,', '', 'en gaat over tot de orde van de dag.', '',
];

test('speaker lines: members with party, ministers, the chair; not a sentence that ends in a colon', () => {
  assert.deepEqual(parseSpeakerLine('Mevrouw Van der Plas (BBB):'), { label: 'Mevrouw Van der Plas (BBB)', title: 'Mevrouw', name: 'Van der Plas', party: 'BBB', chair: false, government: false });
  assert.equal(parseSpeakerLine('Minister Adema:')?.government, true);
  assert.equal(parseSpeakerLine('De heer Tjeerd de Groot (D66):')?.name, 'Tjeerd de Groot');
  assert.equal(parseSpeakerLine('Kamerlid Kostić (PvdD):')?.party, 'PvdD');
  assert.equal(parseSpeakerLine('De voorzitter:')?.chair, true);
  assert.equal(parseSpeakerLine('De minister zei zojuist:'), null);
  assert.equal(parseSpeakerLine('Aan de orde is de voortzetting van de behandeling van:'), null);
  assert.equal(parseSpeakerLine('U geeft aan dat ik u geen antwoorden geef. U zegt tegelijk:'), null);
});

test('a Handelingen is recognised by its masthead or by its turns; its date is the sitting, not a date it mentions', () => {
  assert.ok(isHandelingenHead(HEAD));
  assert.ok(!isHandelingenHead(['Geachte Voorzitter,', 'De voorzitter: heeft gevraagd', 'Minister Adema:']));
  assert.equal(sittingDate(HEAD), '2024-02-01');
  assert.equal(sittingDate(HEAD.filter((l) => l !== '1 februari 2024')), null);
});

test('a Handelingen: kind, title from its agenda item, no chair as signatory, commitments by the minister who spoke, motions not', () => {
  const p = parseDocument(HEAD.join('\n'), { isWord: isDutchWord });
  assert.equal(p.kind, 'handelingen');
  assert.equal(p.title, 'Handelingen TK 37: Begroting Landbouw, Natuur en Voedselkwaliteit 2024');
  assert.equal(p.date, '2024-02-01');
  assert.deepEqual(p.signatories, []);
  assert.deepEqual(p.questions, []);
  assert.deepEqual(p.commitments.map((c) => [c.actor, c.text]), [
    ['Minister Adema', 'Ik hoop dat de WUR het onderzoek binnenkort afrondt en dan zal ik uw Kamer daarover informeren.'],
  ]);
});

test('debate commitments: a motion moved in a debate ("verzoekt de regering … te informeren") is not a government promise', () => {
  const paras = ['Minister Adema:', 'Ik zal de Kamer voor de zomer een brief sturen over de mestmarkt.', 'Motie', 'De Kamer,', 'verzoekt de regering de Kamer voor de zomer te informeren over de mestmarkt,']
    .map((text, line) => ({ text, line, heading: false }));
  assert.deepEqual(debateCommitments(paras, '2024-02-01').map((c) => c.text), ['Ik zal de Kamer voor de zomer een brief sturen over de mestmarkt.']);
  assert.equal(handelingenTitle(paras, '37'), 'Handelingen TK 37');
});

test('hyphenation at line ends: rejoined when the lexicon knows the word, real hyphens kept', () => {
  const j = (a: string, b: string) => joinWrapped(a, b, isDutchWord);
  assert.equal(j('de minister van Volks-', 'huisvesting'), 'de minister van Volkshuisvesting');
  assert.equal(j('de bouw van mid-', 'denhuurwoningen'), 'de bouw van middenhuurwoningen');
  assert.equal(j('van het Ministerie van Landbouw, Natuur en Voedselkwa-', 'liteit (XIV)'), 'van het Ministerie van Landbouw, Natuur en Voedselkwaliteit (XIV)');
  assert.equal(j('de NIS-', 'richtlijn'), 'de NIS-richtlijn');
  assert.equal(j('in Noord-', 'Holland'), 'in Noord-Holland');
  assert.equal(j('het Landbouw-', 'en natuurbeleid'), 'het Landbouw- en natuurbeleid');
  assert.equal(j('de informatie-', 'uitwisseling'), 'de informatie-uitwisseling');
  assert.equal(j('het staakt-', 'het-vuren'), 'het staakt-het-vuren');
  assert.equal(j('de ex-', 'minister'), 'de ex-minister');
  assert.equal(j('Terrein-', 'beherende organisaties'), 'Terreinbeherende organisaties');
  // Without a lexicon the rules of thumb stay as they were.
  assert.equal(joinWrapped('de bouw van mid-', 'denhuurwoningen'), 'de bouw van mid-denhuurwoningen');
});
