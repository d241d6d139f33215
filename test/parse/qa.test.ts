// Questions and answers: headings, party sections, linking, cross-references, look-alike headings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../src/parse/index.js';
import { isQuestionStart, parseAnswerHeading, parsePartyHeading, parseQuestionHeading, seeAlsoNumbers } from '../../src/parse/qa.js';
import { normaliseParty, partyInText } from '../../src/parse/parties.js';

test('qa: answer headings, numbered and bare', () => {
  assert.deepEqual(parseAnswerHeading('Antwoord'), { number: null, numbers: [], rest: '' });
  assert.deepEqual(parseAnswerHeading('12. Antwoord van het kabinet'), { number: 12, numbers: [12], rest: '' });
  assert.deepEqual(parseAnswerHeading('Antwoord 3'), { number: 3, numbers: [3], rest: '' });
  assert.deepEqual(parseAnswerHeading('Antwoord op vraag 4'), { number: 4, numbers: [4], rest: '' });
  assert.deepEqual(parseAnswerHeading('Antwoord 1: Ja.'), { number: 1, numbers: [1], rest: 'Ja.' });
  assert.deepEqual(parseAnswerHeading('Reactie van de minister van Economische Zaken'), { number: null, numbers: [], rest: '' });
});

test('qa: headings that look like answers but are not', () => {
  assert.equal(parseAnswerHeading('Antwoorden op vragen commissie over o.a. de Geannoteerde Agenda van de formele Telecomraad 6 december 2024 (Kamerstuk 21501-33-1096)'), null);
  assert.equal(parseAnswerHeading('Antwoord van Staatssecretaris Szabó (Binnenlandse Zaken) (ontvangen 21 maart 2025).'), null);
  assert.equal(parseAnswerHeading('Antwoord van de Europese Commissie op schriftelijke vragen uit het Europees'), null);
  assert.equal(parseAnswerHeading('Antwoord 3 hierboven.'), null);
  assert.equal(parseAnswerHeading('Het antwoord op de vraag aangaande de NIS2-richtlijn is meegenomen.'), null);
});

test('qa: question headings of written questions', () => {
  assert.deepEqual(parseQuestionHeading('Vraag 1'), { number: 1, numbers: [1], rest: '' });
  assert.deepEqual(parseQuestionHeading('Vraag 2: Kent u het bericht?'), { number: 2, numbers: [2], rest: 'Kent u het bericht?' });
  assert.equal(parseQuestionHeading('Vragen van het lid Kathmann (GroenLinks-PvdA)'), null);
  assert.equal(parseQuestionHeading('Vraag en aanbod op de arbeidsmarkt'), null);
});

test('qa: party sections normalised to short names', () => {
  assert.equal(parsePartyHeading('Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie'), 'GroenLinks-PvdA');
  assert.equal(parsePartyHeading('Vragen en opmerkingen van de leden van de GL-PvdA-fractie'), 'GroenLinks-PvdA');
  assert.equal(parsePartyHeading('Vragen en opmerkingen van de leden van de fractie van GroenLinks-PvdA'), 'GroenLinks-PvdA');
  assert.equal(parsePartyHeading('Inbreng van de leden van de ChristenUnie-fractie'), 'ChristenUnie');
  assert.equal(parsePartyHeading('Vragen en opmerkingen van het lid van de 50PLUS-fractie'), '50PLUS');
  assert.equal(parsePartyHeading('Vragen en opmerkingen vanuit de fracties'), null);
  assert.equal(normaliseParty('Partij voor de Dieren'), 'PvdD');
  assert.equal(normaliseParty('CU'), 'ChristenUnie');
  assert.equal(partyInText('De leden van de fracties van VVD en D66 vragen'), 'VVD');
});

test('qa: where a new question block starts after an answer', () => {
  assert.equal(isQuestionStart('Voorts lezen de leden van de PVV-fractie in het verslag dat de EU zich hard heeft gemaakt.'), true);
  assert.equal(isQuestionStart('Is Nederland voornemens om – net als Duitsland – een strenger beleid te implementeren?'), true);
  assert.equal(isQuestionStart('7. De leden van de SP-fractie vragen tot slot of de minister bereid is.'), true);
  assert.equal(isQuestionStart('Het kabinet acht dit een verstandige voorwaarde.'), false);
  assert.equal(isQuestionStart('Wij verwijzen de leden naar de brief van 6 december.'), false);
});

test('qa: cross-references between answers', () => {
  assert.deepEqual(seeAlsoNumbers('Hiervoor verwijs ik u naar het antwoord op vraag 8.'), [8]);
  assert.deepEqual(seeAlsoNumbers('Zie ook het antwoord op vraag 18 en 43.'), [18, 43]);
  assert.deepEqual(seeAlsoNumbers('Zie de antwoorden op de vragen 3 tot en met 5.'), [3, 4, 5]);
  assert.deepEqual(seeAlsoNumbers('Zie antwoord 12.'), [12]);
  assert.deepEqual(seeAlsoNumbers('Zie het antwoord op vraag 2 en het antwoord op vraag 5.', 5), [2]);
  assert.deepEqual(seeAlsoNumbers('Het antwoord op de vraag aangaande de NIS2-richtlijn is meegenomen.'), []);
});

test('qa: bare Antwoord headings, an unanswered block, a subheading that is not question text', () => {
  const doc = [
    'Verslag van een schriftelijk overleg', '',
    'Vragen en opmerkingen van de leden van de PVV-fractie', '',
    'De leden van de PVV-fractie hebben kennisgenomen van de stukken. Zij vragen waarom de toolbox ontbrak.', '',
    'Antwoord', '', 'De toolbox staat niet vast op de agenda.', '', 'Het werk gaat door.', '',
    'Is Nederland voornemens strenger beleid te voeren?', '', 'Antwoord', '', 'Nee.', '',
    'Vragen en opmerkingen van de leden van de VVD-fractie', '',
    'De leden van de VVD-fractie hebben geen vragen.', '',
    'Vragen en opmerkingen van de leden van de GL-PvdA-fractie', '',
    'Verslag formele Telecomraad d.d. 6 december 2024', '',
    'De leden van de GroenLinks-PvdA-fractie lezen over het raamwerk. Kan de minister reflecteren?', '',
    'Antwoord', '', 'Het kabinet kent het raamwerk.',
  ].join('\n');
  const r = parseDocument(doc);
  assert.deepEqual(r.questions.map((q) => [q.id, q.party, q.answerIds]), [
    // The VVD's "geen vragen" block asks nothing: no question (issue 12).
    ['q1', 'PVV', ['a1']], ['q2', 'PVV', ['a2']], ['q3', 'GroenLinks-PvdA', ['a3']],
  ]);
  assert.equal(r.answers[0]?.text, 'De toolbox staat niet vast op de agenda.\n\nHet werk gaat door.');
  assert.equal(r.questions[2]?.text, 'De leden van de GroenLinks-PvdA-fractie lezen over het raamwerk. Kan de minister reflecteren?');
});

test('qa: numbered answers link by number, also out of order; a number without its question stays unlinked', () => {
  const doc = [
    'Vragen en opmerkingen van de leden van de SP-fractie', '',
    '6. De leden van de SP-fractie vragen wanneer de kabinetsreactie komt.', '',
    '5. Antwoord van het kabinet', 'Dat volgt later.', '',
    '6. Antwoord van het kabinet', 'Voor de zomer. Zie ook het antwoord op vraag 2.', '',
    '7. De leden van de SP-fractie vragen tot slot om een overzicht.', '',
    '7. Antwoord van het kabinet', 'Dat komt er.',
  ].join('\n');
  const r = parseDocument(doc);
  assert.deepEqual(r.questions.map((q) => q.answerIds), [['a2'], ['a3']]);
  assert.deepEqual(r.answers.map((a) => [a.number, a.seeAlso]), [[5, []], [6, [2]], [7, []]]);
});

test('qa: written questions with Vraag/Antwoord numbers take the asker’s party, with PDF artefacts removed', () => {
  const doc = [
    'Vragen van het lid Van der Werf (D66) aan de minister van Economische Zaken over datacentra (ingezonden 3 maart 2025).',
    'Antwoord van minister Beljaarts (Economische Zaken) (ontvangen 1 april 2025).', '',
    'Vraag 1', 'Kent u het bericht over datacentra?1', '', 'Antwoord 1', 'Ja.', '',
    '1 https://nos.nl/artikel/123', '', 'Aanhangsel Handelingen II 2024/25, 1500 1', '',
    'Vraag 2', 'Wat gaat u doen?', '', 'Antwoord 2', 'Zie antwoord 1. Ik zal uw Kamer voor de zomer informeren.',
  ].join('\n');
  const r = parseDocument(doc);
  assert.equal(r.kind, 'antwoord-kamervragen');
  assert.deepEqual(r.questions.map((q) => [q.party, q.text, q.answerIds]), [
    ['D66', 'Kent u het bericht over datacentra?', ['a1']],
    ['D66', 'Wat gaat u doen?', ['a2']],
  ]);
  assert.equal(r.answers[0]?.text, 'Ja.');
  assert.deepEqual(r.answers[1]?.seeAlso, [1]);
  assert.deepEqual(r.footnotes, [{ number: 1, text: 'https://nos.nl/artikel/123' }]);
  assert.equal(r.commitments[0]?.actor, 'Minister van Economische Zaken');
});
