// Answer quality (issue 12): each rule with real answers from Aanhangsel Handelingen II 2023/24 nrs. 387 and 302
// (test/fixtures/parse/qa-eval) and the VSO informele Telecomraad maart 2025 (data/sample).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessAnswer } from '../../src/parse/answer-quality.js';

test('quality: a referral points elsewhere and adds little', () => {
  const r = assessAnswer('Zie het antwoord op vraag 7. Het kabinet heeft geen volledig overzicht.', 'Welke lidstaten lopen achter met de implementatie van het migratiepact?');
  assert.equal(r.quality, 'referral');
  assert.match(r.reason, /Zie het antwoord op vraag 7/);
  // A referral at the end of an answer that answers is still an answer (VSO: "De kabinetsreactie … volgt voor de zomer. Hiervoor verwijs ik …").
  assert.equal(assessAnswer('De kabinetsreactie op het rapport volgt voor de zomer. Hiervoor verwijs ik u naar het antwoord op vraag 2.', 'Wanneer ontvangt de Kamer de kabinetsreactie op het rapport over de interne markt?').quality, 'answered');
});

test('quality: postponed when the answer is promised for later (Aanhangsel 387, antwoord 2)', () => {
  const a =
    'Het leidt geen twijfel dat de etnisch Armeense bewoners van NagornoKarabach het gebied zijn ontvlucht omdat zij zich niet veilig voelden. Of er gesproken kan worden van een etnische zuivering is een juridisch ingewikkelde kwestie. Het kabinet zal in een separate brief op deze vraag ingaan, mede in het kader van de aangenomen motie van het Lid Ceder.';
  const r = assessAnswer(a, 'In hoeverre kan er worden gesproken van een etnische zuivering in NagornoKarabach?');
  assert.equal(r.quality, 'postponed');
  assert.match(r.reason, /separate brief op deze vraag ingaan/);
  assert.equal(assessAnswer('Ik kom hier voor de zomer op terug.', 'Wanneer komt de evaluatie?').quality, 'postponed');
  assert.equal(assessAnswer('Het kabinet bestudeert de uitspraak.', 'Hoe weegt de minister de uitspraak van het Hof van Justitie?').quality, 'postponed');
});

test('quality: a non-answer takes note only, or leaves the core of the question aside (Aanhangsel 387, antwoord 7)', () => {
  assert.equal(assessAnswer('Het kabinet heeft kennisgenomen van het rapport.', 'Wat vindt u van het rapport?').quality, 'non-answer');
  const q =
    'Wordt er naar aanleiding van de recente gebeurtenissen in Azerbeidzjan al actief gezocht naar vervanging van Azerbeidjaans gas? Zo nee, waarom niet, en kunt u dit als voorstel op tafel leggen tijdens de eerstvolgende Raad Buitenlandse Zaken?';
  const a =
    'De EU beraadt zich momenteel allereerst op de wijze waarop Armenië gesteund kan worden. Hierover is kort gesproken tijdens de Raad Buitenlandse Zaken (RBZ) van 23 oktober jl. Zoals vermeld in het verslag van de RBZ stelde de Hoge Vertegenwoordiger Borrell in dit kader voor dat EDEO de mogelijkheden voor non-lethale EPF zorgvuldig zal verkennen. Hetzelfde geldt voor de mogelijkheden om de Europese Unie Missie in Armenië (EUMA) te versterken met meer mensen en meer patrouilles.';
  const r = assessAnswer(a, q);
  assert.equal(r.quality, 'non-answer');
  assert.match(r.reason, /kern van de vraag/);
});

test('quality: partial when a part of a multi-part question goes unaddressed (Aanhangsel 387, antwoord 3)', () => {
  const q =
    'Klopt het dat u recent met de Hoge vertegenwoordiger van de Unie voor buitenlandse zaken en veiligheidsbeleid heeft gesproken over de situatie in Nagorno-Karabach? Zo ja, kunt u schetsen wat de komende periode de Europese inzet wordt richting Azerbeidzjan? Worden er sancties ingesteld tegen degenen die de gedwongen exodus hebben vormgegeven?';
  const a =
    'Het klopt dat ik hierover, op 27 september jl., met de Hoge Vertegenwoordiger heb gesproken. HV Borrell stelde tijdens de RBZ ten aanzien van steun voor Armenië voor dat EDEO de mogelijkheden voor non-lethale steun onder de Europese Vredesfaciliteit (EPF) zorgvuldig zal verkennen. Tevens heeft Nederland aangegeven dat in geval van nieuw geweld binnen de EU gesproken moet worden over gepaste maatregelen richting Azerbeidzjan.';
  const r = assessAnswer(a, q);
  assert.equal(r.quality, 'partial');
  assert.match(r.reason, /sancties/);
});

test('quality: answered, also when the answer uses other words than the question (Aanhangsel 302, antwoord 9 and 7)', () => {
  assert.deepEqual(assessAnswer('Ja, ik ben bereid om dat te doen.', 'Bent u bereid om deze vragen alle afzonderlijk te beantwoorden?'), { quality: 'answered', reason: 'begint met «Ja»' });
  const r = assessAnswer(
    'Hiervoor zijn meerdere redenen. De druk op de ggz is al langere tijd te hoog. Tegelijkertijd heeft de sector te kampen met grote personele schaarste.',
    'Wat zijn volgens u de oorzaken van de lange wachttijden in de ggz?',
  );
  assert.equal(r.quality, 'answered');
});
