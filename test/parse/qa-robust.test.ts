// Issue 12: Q&A alignment and commitments on real text the parser was not built with.
// Snippets are from real documents: Aanhangsel Handelingen II 2023/24 nrs. 387 and 302 (test/fixtures/parse/qa-eval,
// PDF text saved in a public repository's test file) and the verslag schriftelijk overleg informele Telecomraad
// maart 2025 (data/sample, ../shared/corpus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/parse/index.js';
import { isNoQuestion, numberList, parseAnswerHeading, parseQuestionHeading, qaKindFromOpening, seeAlsoNumbers } from '../../src/parse/qa.js';
import { separateQaHeadings } from '../../src/parse/qa-lines.js';
import { actorOf, extractCommitments, topicOf } from '../../src/parse/commitments.js';

const real387 = readFileSync('test/fixtures/parse/qa-eval/ah-tk-20232024-387.txt', 'utf8');
const real302 = readFileSync('test/fixtures/parse/qa-eval/ah-tk-20232024-302.txt', 'utf8');
const vso = readFileSync('data/sample/2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt', 'utf8');

test('qa: combined numbers in headings (Vraag 4 en 5, Vragen 2, 3 en 4, t/m)', () => {
  assert.deepEqual(parseQuestionHeading('Vraag 4 en 5'), { number: 4, numbers: [4, 5], rest: '' });
  assert.deepEqual(parseQuestionHeading('Vragen 2, 3 en 4'), { number: 2, numbers: [2, 3, 4], rest: '' });
  assert.deepEqual(parseAnswerHeading('Antwoord 4 en 5'), { number: 4, numbers: [4, 5], rest: '' });
  assert.deepEqual(parseAnswerHeading('Antwoord op vragen 3 t/m 5'), { number: 3, numbers: [3, 4, 5], rest: '' });
  assert.deepEqual(numberList('6 tot en met 8'), [6, 7, 8]);
  assert.equal(parseQuestionHeading('Vragen en opmerkingen van de leden van de VVD-fractie'), null);
});

test('qa: "Antwoord 4 en 5" answers the block "Vraag 4 en 5" and later numbers do not shift (Aanhangsel 387)', () => {
  const r = parseDocument(real387);
  assert.equal(r.questions.length, 9);
  const a45 = r.answers.find((a) => a.text.startsWith('In het trilaterale akkoord'));
  assert.deepEqual(a45?.numbers, [4, 5]);
  assert.deepEqual(a45?.seeAlso, [3]);
  const q45 = r.questions.find((q) => q.text.includes('Deelt u de zorg dat Azerbeidzjan'));
  assert.deepEqual(q45?.answerIds, [a45?.id]);
  const q6 = r.questions.find((q) => q.text.includes('Kunt u uiteenzetten'));
  assert.ok(r.answers.find((a) => a.id === q6?.answerIds[0])?.text.startsWith('In juli 2022'));
  assert.ok(r.questions.every((q) => q.party === 'CDA' && q.answerIds.length === 1));
});

test('qa: a question whose heading was lost at a page break keeps its numbered answer (Aanhangsel 302, Vraag 2)', () => {
  const r = parseDocument(real302);
  const q2 = r.questions.find((q) => q.text.includes('van een zogeheten privacyverklaring'));
  assert.ok(q2);
  const a2 = r.answers.find((a) => a.id === q2.answerIds[0]);
  assert.equal(a2?.number, 2);
  assert.ok(a2?.text.startsWith('De NZa geeft bij mij aan dat gegevensdeling'));
  // "Zoals bij vraag 7 aangegeven" and "zoals ook bij vraag 4 toegelicht" are references too.
  assert.deepEqual(seeAlsoNumbers('Zoals bij vraag 7 aangegeven kent de ggz (te) hoge wachttijden.'), [7]);
  assert.deepEqual(r.answers.find((a) => a.number === 5)?.seeAlso, [4]);
});

test('qa: headings glued to a page footer or the previous line are put back on their own line', () => {
  assert.deepEqual(separateQaHeadings(['Aanhangsel Handelingen II 2024/25, 1876 1Antwoord 3', 'De afspraken …']), [
    'Aanhangsel Handelingen II 2024/25, 1876 1', '', 'Antwoord 3', 'De afspraken …',
  ]);
  assert.deepEqual(separateQaHeadings(['van de EU zijn weinig waard als de harde machtsverhoudingen verschuiven»[2]?Vraag 2']), [
    'van de EU zijn weinig waard als de harde machtsverhoudingen verschuiven»[2]?', '', 'Vraag 2',
  ]);
  // Numbered headings, never text: "12. Antwoord van het kabinet" and a sentence ending in a capitalised word stay.
  const kept = ['12. Antwoord van het kabinet', 'zoals vermeld in het Antwoord', 'Dit staat in de Vraag'];
  assert.equal(separateQaHeadings(kept), kept);
  const glued = real387.replace(/\n+(?=(?:Vraag|Antwoord)(?: \d{1,3}(?: en \d{1,3})?)?\n)/g, '');
  const r = parseDocument(glued);
  assert.equal(r.questions.length, 9);
  assert.ok(r.questions.every((q) => q.answerIds.length === 1));
});

test('qa: a document flattened to one line still gives its questions and answers', () => {
  const r = parseDocument(real387.replace(/\s*\n\s*/g, ' '));
  assert.equal(r.kind, 'antwoord-kamervragen');
  assert.equal(r.questions.length, 9);
  assert.ok(r.answers.some((a) => a.number === 10 && a.text.startsWith('Het kabinet heeft, conform motie')));
});

test('qa: a flattened written consultation: party headings after the signatures, members\' sentences start question blocks', () => {
  const r = parseDocument(vso.replace(/\s*\n\s*/g, ' '));
  assert.equal(r.kind, 'verslag-schriftelijk-overleg');
  assert.equal(r.questions[0]?.party, 'PVV');
  assert.ok(r.questions[0]?.text.includes('waarom de 5G-toolbox niet is behandeld'));
  assert.ok(r.answers.find((a) => a.id === r.questions[0]?.answerIds[0])?.text.startsWith('De resultaten van de Netwerk- en informatiebeveiliging'));
  assert.ok(r.questions[1]?.text.startsWith('Voorts lezen de leden van de PVV-fractie'));
  assert.deepEqual([...new Set(r.questions.map((q) => q.party))], ['PVV', 'GroenLinks-PvdA', 'NSC']);
});

test('qa: "geen (verdere) vragen" is no question (VSO maart 2025, VVD)', () => {
  assert.equal(isNoQuestion('De leden van de VVD-fractie danken de bewindspersonen voor onderhavige stukken en hebben op dit moment geen verdere vragen.'), true);
  assert.equal(isNoQuestion('De leden van de CDA-fractie hebben geen aanvullende vragen en sluiten zich aan bij de vragen van de VVD-fractie.'), true);
  assert.equal(isNoQuestion('De leden hebben geen verdere vragen over de agenda, maar vragen de minister wel hoe het staat met de toolbox.'), false);
  assert.equal(isNoQuestion('Heeft de minister geen verdere vragen gekregen?'), false);
  const r = parseDocument(vso);
  assert.ok(!r.questions.some((q) => q.party === 'VVD'));
  assert.equal(r.questions.length, 21);
});

test('qa: a referral to another party’s answer becomes seeAlsoIds (VSO maart 2025, NSC → PVV on NIS2)', () => {
  const r = parseDocument(vso);
  const nsc = r.answers.find((a) => a.text.includes('meegenomen in de beantwoording van de vraag van de leden van de PVV-fractie'));
  assert.ok(nsc);
  assert.equal(nsc.seeAlsoIds?.length, 1);
  const target = r.answers.find((a) => a.id === nsc.seeAlsoIds?.[0]);
  assert.ok(target?.text.startsWith('De leden van de PVV en NSC vragen naar de implementatie van de NIS-2 richtlijn'));
});

test('kind: a Q&A document without its cover page is known by how it begins', () => {
  assert.equal(parseDocument(vso.slice(vso.indexOf('Vragen en opmerkingen van de leden'))).kind, 'verslag-schriftelijk-overleg');
  assert.equal(qaKindFromOpening('Vraag 1\nBent u bekend met het bericht?\n\nAntwoord 1\nJa.'), 'antwoord-kamervragen');
  assert.equal(qaKindFromOpening('Geachte voorzitter,\n\nHierbij ontvangt u de antwoorden.'), null);
});

const minister = { name: 'Bruins Slot', role: 'Minister van Buitenlandse Zaken' };
const three = [
  { name: 'Dirk Beljaarts', role: 'Minister van Economische Zaken' },
  { name: 'D.M. van Weel', role: 'Minister van Justitie en Veiligheid' },
  { name: 'Zsolt Szabó', role: 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties' },
];
const commitments = (text: string, signatories = [minister]) => extractCommitments([text], { docDate: '2023-11-13', signatories });

test('commitments: past and in-letter statements are no promises (Aanhangsel 302)', () => {
  assert.deepEqual(commitments('In de brief van 13 april 2023 bent u geïnformeerd over de uitkomsten van de eerste evaluatie van het zorgprestatiemodel, hierin heb ik expliciet stilgestaan bij de toegankelijkheid van de ggz. Een goede ggz is een ggz die mensen tijdig en goed zorg kan bieden.'), []);
  assert.deepEqual(commitments('Ik zal hieronder toelichten hoe dit met elkaar samenhangt.'), []);
  assert.equal(parseDocument(real302).commitments.length, 0);
});

test('commitments: more real phrasings are found (separate brief, kom ik op terug, volgende voortgangsrapportage)', () => {
  const c = commitments('Het kabinet zal in een separate brief op deze vraag ingaan, mede in het kader van de aangenomen motie van het Lid Ceder.');
  assert.equal(c.length, 1);
  assert.equal(c[0]?.actor, 'Minister van Buitenlandse Zaken');
  assert.equal(commitments('Ik kom hier voor het zomerreces op terug.').length, 1);
  assert.equal(commitments('Ik informeer uw Kamer in de volgende voortgangsrapportage over de stand van zaken.').length, 1);
  // "ingaan" without a letter or the Kamer is no promise.
  assert.deepEqual(commitments('De Raad zal later op dit onderwerp ingaan.'), []);
});

test('commitments: the actor comes from the sentence, else the one signatory of that office, else the signers; never the generic cabinet when signers are known', () => {
  const ctx = { docDate: '2025-03-03', signatories: three };
  const s1 = 'De Minister van Economische Zaken zal in samenwerking met de Staatssecretaris Digitalisering en Koninkrijksrelaties de Kamer voor deze zomer informeren.';
  assert.equal(actorOf(s1, s1.indexOf('zal'), ctx), 'Minister van Economische Zaken');
  const s2 = 'De staatssecretaris zal de Kamer informeren.';
  assert.equal(actorOf(s2, s2.indexOf('zal'), ctx), 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties');
  const s3 = 'Uw Kamer zal via de reguliere BNC-procedure worden geïnformeerd over de kabinetsappreciatie van de herziene Blueprint.';
  assert.equal(actorOf(s3, 9, ctx), 'Minister van Economische Zaken, Minister van Justitie en Veiligheid en Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties');
  // The committee's chair and clerk sign a VSO but promise nothing: the addressee of the questions does.
  const committee = { docDate: null, signatories: [{ name: 'Kops', role: 'Voorzitter van de commissie' }], addressee: 'Minister van Buitenlandse Zaken' };
  assert.equal(actorOf(s3, 9, committee), 'Minister van Buitenlandse Zaken');
  assert.equal(actorOf(s3, 9, { docDate: null, signatories: [] }), null);
});

test('commitments: "hierover" is resolved to what the sentence before is about, so the topic is searchable', () => {
  const para =
    'Naar aanleiding van een vraag van de heer Six Dijkstra wordt nu reeds onderzocht over de mogelijkheden om een benchmarkonderzoek te doen naar de bescherming van hooggerubriceerde informatie. De Kamer zal hierover (vertrouwelijk) geïnformeerd worden.';
  const [c] = extractCommitments([para], { docDate: '2025-03-03', signatories: three });
  assert.match(c?.topic ?? '', /benchmarkonderzoek/);
  assert.match(topicOf('Uw Kamer zal via de reguliere BNC-procedure worden geïnformeerd over de implementatie van de NIS2-richtlijn.', '') ?? '', /NIS2-richtlijn/);
  assert.equal(topicOf('Ik zal u informeren.', ''), null);
});

test('commitments: a promise that does not name its subject takes it from the question it answers (not the asking party)', () => {
  const asked = 'De leden van de GroenLinks-PvdA-fractie lezen dat de Raad spreekt over de rechtsstaat in Hongarije. Is de minister bereid om te pleiten voor het voortzetten van de artikel 7-procedure?';
  const [c] = extractCommitments(['Het kabinet zal uw Kamer in het verslag van de Raad informeren over de uitkomst.'], { docDate: '2026-01-14', signatories: [minister], asked: [asked] });
  assert.equal(c?.topic, 'Raad, Hongarije, 7-procedure');
  // A promise that names its subject keeps it.
  const [d] = extractCommitments(['Uw Kamer zal via de reguliere BNC-procedure worden geïnformeerd over de kabinetsappreciatie van de herziene Blueprint.'], { docDate: '2025-03-03', signatories: three, asked: [asked] });
  assert.equal(d?.topic, 'BNC-procedure, kabinetsappreciatie, Blueprint');
});
