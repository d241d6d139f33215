// Was the promise kept, and is it the same promise (issue 12)? The rules of src/parse/promise-match.ts on real
// snippets: the commitments of the real VSO informele Telecomraad maart 2025 (data/sample, ../shared/corpus, with its
// three real signatories), the Kamer register's texts of the demo world (test/fake-tk/world.ts, written in the real
// feed's shapes) and the later letter test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  contentTokens,
  evidenceSentence,
  judgeFulfilment,
  kamerbriefKeys,
  matchRegisterPromise,
  ministriesOf,
  sameMinistry,
  topicTerms,
  type DocumentPromise,
  type RegisterPromise,
} from '../../src/parse/promise-match.js';

// The VSO's signatories, as its signature block has them.
const VSO_SIGNATORIES = [
  { name: 'Dirk Beljaarts', role: 'Minister van Economische Zaken' },
  { name: 'D.M. van Weel', role: 'Minister van Justitie en Veiligheid' },
  { name: 'Zsolt Szabó', role: 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Digitalisering en Koninkrijksrelaties' },
];
const JOINT = 'Minister van Economische Zaken, Minister van Justitie en Veiligheid en Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Digitalisering en Koninkrijksrelaties';

const vso = (text: string, topic: string, actor: string, dueDate: string | null, sameActivity = false): DocumentPromise => ({
  text,
  topic,
  actor,
  dueDate,
  date: '2025-03-03',
  signatories: VSO_SIGNATORIES,
  sameActivity,
});

const DFA = vso(
  'De Minister van Economische Zaken zal in samenwerking met de Staatssecretaris Digitalisering en Koninkrijksrelaties de Kamer voor deze zomer informeren over de Nederlandse inzet ten aanzien van de Digital Fairness Act.',
  'samenwerking, Digital Fairness Act',
  'Minister van Economische Zaken',
  '2025-07-04',
);
const VERZAMELBRIEF = vso(
  'Deze overeenkomst (intentieverklaring) zal aan de Kamer worden meegezonden met de Verzamelbrief van maart 2025.',
  'overeenkomst, intentieverklaring, Verzamelbrief, samenwerking',
  JOINT,
  '2025-03-31',
);

// Register entries of the demo world (test/fake-tk/world.ts).
const TZ_136: RegisterPromise = {
  text: 'De staatssecretaris zal de Kamer voor de zomer informeren over de inzet op opkomende en toekomstige technologieën.',
  surname: 'Szabó',
  role: 'staatssecretaris Digitalisering en Koninkrijksrelaties',
  ministry: 'Binnenlandse Zaken en Koninkrijksrelaties',
  created: '2025-01-30',
  dueDate: '2025-06-30',
};
const TZ_041: RegisterPromise = {
  text: 'De minister stuurt de Kamer het verslag van de informele Telecomraad van 4-5 maart 2025 in Warschau.',
  surname: 'Beljaarts',
  role: 'minister van Economische Zaken',
  ministry: 'Economische Zaken',
  created: '2025-03-03',
  dueDate: null,
};
// The register's wording of the VSO's DFA promise, as the Kamer writes its entries (written for this test around the real promise).
const TZ_DFA: RegisterPromise = {
  text: 'De minister van Economische Zaken zal de Kamer voor de zomer informeren over de Nederlandse inzet ten aanzien van de Digital Fairness Act.',
  surname: 'Beljaarts',
  role: 'minister van Economische Zaken',
  ministry: 'Economische Zaken',
  created: '2025-03-05',
  dueDate: '2025-06-30',
};

describe('the same promise in the register and in a document', () => {
  it('links the register entry to the VSO commitment with the same minister, words and deadline, saying why', () => {
    const m = matchRegisterPromise(TZ_DFA, DFA);
    assert.ok(m);
    assert.ok(m.reasons.some((r) => r.includes('Beljaarts')), m.reasons.join('; '));
    assert.ok(m.reasons.some((r) => /digita, fairne/.test(r)), m.reasons.join('; '));
    assert.ok(m.score > 0.5 && m.score <= 1);
  });

  it('does not link another promise of the same minister made the same day (verslag vs. intentieverklaring)', () => {
    assert.equal(matchRegisterPromise(TZ_041, VERZAMELBRIEF), null);
    assert.equal(matchRegisterPromise(TZ_041, DFA), null);
  });

  it('does not link a promise of a signatory on another subject (technologieën vs. Digital Fairness Act)', () => {
    assert.equal(matchRegisterPromise(TZ_136, DFA), null);
  });

  it('refuses another ministry, a far deadline, and a document from months later', () => {
    assert.equal(matchRegisterPromise({ ...TZ_DFA, surname: 'Van Weel', ministry: 'Justitie en Veiligheid', role: 'minister van Justitie en Veiligheid' }, DFA), null);
    assert.equal(matchRegisterPromise({ ...TZ_DFA, dueDate: '2025-12-31' }, DFA), null);
    assert.equal(matchRegisterPromise({ ...TZ_DFA, created: '2025-09-01' }, DFA), null);
  });

  it('in the same debate, fewer shared words suffice; elsewhere they do not', () => {
    const short: RegisterPromise = { ...TZ_DFA, text: 'De minister informeert de Kamer over de inzet op de Digital Fairness Act.', created: null };
    assert.equal(matchRegisterPromise(short, DFA), null, 'no date and no debate: no link');
    const inDebate = matchRegisterPromise(short, { ...DFA, sameActivity: true });
    assert.ok(inDebate);
    assert.ok(inDebate.reasons.includes('in hetzelfde debat'));
  });

  it('ministries are read from roles and the register’s bare name, and a renamed ministry is the same', () => {
    assert.deepEqual(ministriesOf(JOINT), ['economische zaken', 'justitie en veiligheid', 'binnenlandse zaken en koninkrijksrelaties']);
    assert.deepEqual(ministriesOf('Economische Zaken', true), ['economische zaken']);
    assert.ok(sameMinistry('economische zaken', 'economische zaken en klimaat'));
    assert.ok(!sameMinistry('economische zaken', 'justitie en veiligheid'));
  });

  it('content words leave out what every promise says', () => {
    assert.deepEqual([...contentTokens('De minister zal de Kamer voor de zomer informeren over de uitkomsten van het onderzoek.')], ['uitkom', 'onderz']);
  });
});

describe('a later letter keeps a promise', () => {
  const letter = readFileSync('test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt', 'utf8');
  const promise = { topic: 'samenwerking, Digital Fairness Act', actor: 'Minister van Economische Zaken', date: '2025-03-03' };

  it('the same ministry’s later letter on the topic, with the evidence', () => {
    const j = judgeFulfilment(promise, { title: 'Nederlandse inzet voor de Digital Fairness Act', date: '2025-06-20', signers: 'minister van economische zaken' });
    assert.ok(j);
    assert.deepEqual(j.shared, ['digital fairness act']);
    assert.equal(j.evidence, 'zelfde onderwerp (digital fairness act), zelfde ministerie (economische zaken), na de toezegging');
  });

  it('not a letter of another ministry, one from before the promise, or one on another subject', () => {
    assert.equal(judgeFulfilment(promise, { title: 'Kamerbrief Digital Fairness Act en consumentenbescherming', date: '2025-04-01', signers: 'minister van justitie en veiligheid' }), null);
    assert.equal(judgeFulfilment(promise, { title: 'Kamerbrief over de Digital Fairness Act', date: '2025-02-01', signers: 'minister van economische zaken' }), null);
    // One ordinary shared word is not enough ("samenwerking").
    assert.equal(judgeFulfilment(promise, { title: 'Samenwerking met Caribisch Nederland', date: '2025-05-01', signers: 'minister van economische zaken' }), null);
  });

  it('the topic counts at the start of a word only', () => {
    const p = { topic: 'Blueprint, kabinetsappreciatie', actor: null, date: '2025-03-03' };
    assert.ok(judgeFulfilment(p, { title: 'Kabinetsappreciatie herziene Blueprint cybercrisisbeheersing', date: '2025-05-01', signers: null }));
    assert.equal(judgeFulfilment({ topic: 'raad', actor: null, date: '2025-03-03' }, { title: 'Verslag Telecomraad', date: '2025-05-01', signers: null }), null);
  });

  it('the evidence sentence is the letter’s own line on the topic', () => {
    assert.equal(
      evidenceSentence(letter, topicTerms(promise.topic)),
      'Met deze brief informeer ik uw Kamer, mede namens de Staatssecretaris Digitalisering en Koninkrijksrelaties, over de Nederlandse inzet ten aanzien van de Digital Fairness Act.',
    );
    assert.equal(evidenceSentence(letter, ['glasvezel']), null);
  });

  it('kamerbriefNakoming as the register gives it: zaak and document numbers, Kamerstukken', () => {
    assert.deepEqual(kamerbriefKeys('2024Z00001'), [{ kind: 'zaak', value: '2024Z00001' }]);
    assert.deepEqual(kamerbriefKeys('2025D12345'), [{ kind: 'docnr', value: '2025D12345' }]);
    assert.deepEqual(kamerbriefKeys('Kamerstuk 21 501-33, nr. 1113').map((k) => [k.kind, k.dossier, k.number]), [['kamerstuk', '21 501-33', '1113']]);
  });
});
