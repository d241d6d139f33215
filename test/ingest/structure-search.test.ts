/**
 * Commitments, questions and debate turns as search entries (src/ingest/structure-search.ts):
 * written with their document or report, replaced on a new version, a reparse or a
 * re-derived report, and found with the same Dutch analysis as documents.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyStructure, type ParsedDocument } from '../../src/domain/structure.js';
import { speakerTurns } from '../../src/domain/speakers.js';
import { vlosTurns } from '../../src/domain/vlos.js';
import { importPaths } from '../../src/ingest/import.js';
import { reparseAll } from '../../src/ingest/reparse.js';
import { indexPassages, passageEntries, structureEntries, structureEntryIds } from '../../src/ingest/structure-search.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { deriveVerslag } from '../../src/ingest/vlos.js';
import { openServices, type Opened } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

const VLOS_FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tk-vlos');
const VERSLAG = '03686ab6-0000-4000-8000-000000000001';

const find = async (w: Opened, q: string, limit = 200) => (await w.index.search({ query: parseQuery(q), offset: 0, limit })).hits;

describe('structureEntries', () => {
  const s: ParsedDocument = {
    ...emptyStructure('kamervragen'),
    questions: [
      { id: 'q-1', party: 'VVD', text: 'Bent u bekend met het bericht over ransomware bij gemeenten?', answerIds: ['a-1'] },
      { id: 'q-2', party: null, text: 'Wat doet u  tegen\nphishing?', answerIds: [] },
    ],
    answers: [{ id: 'a-1', number: 1, text: 'Ja. Het Nationaal Cyber Security Centrum waarschuwt gemeenten.', seeAlso: [] }],
    commitments: [{ text: 'Ik informeer uw Kamer voor de zomer over de voortgang.', actor: 'de minister van Justitie en Veiligheid', due: 'voor de zomer', dueDate: '2025-07-01', topic: 'ransomware' }],
    signatories: [{ name: 'D. Yeşilgöz-Zegerius', role: 'minister' }],
  };
  const v = { title: 'Antwoord op vragen over ransomware', kind: 'kamervragen' as const, date: '2025-02-01', text: 'volledige tekst', structure: s };

  it('makes one entry per commitment and per question with its answers, at their anchors', () => {
    const e = structureEntries('doc-1', v);
    assert.deepEqual(e.map((x) => [x.id, x.type]), [
      ['toezegging:doc-1#toezegging-1', 'toezegging'],
      ['vraag:doc-1#q1', 'vraag'],
      ['vraag:doc-1#q2', 'vraag'],
    ]);
    assert.deepEqual(structureEntryIds('doc-1', { structure: s, text: v.text }), e.map((x) => x.id));
    const [tz, q1, q2] = e;
    assert.match(tz!.text, /^Ik informeer uw Kamer voor de zomer/);
    assert.match(tz!.text, /ransomware/); // the topic is searchable
    assert.deepEqual(tz!.persons, ['de minister van Justitie en Veiligheid']);
    assert.equal(tz!.date, '2025-02-01');
    // A question is found by its answer's words too, and by the party that asked it.
    assert.match(q1!.text, /Nationaal Cyber Security Centrum/);
    assert.deepEqual(q1!.parties, ['VVD']);
    assert.match(q1!.title, /^Vraag 1 \(VVD\): Bent u bekend/);
    assert.equal(q2!.text, 'Wat doet u tegen phishing?');
    assert.ok(e.every((x) => x.kind === 'overig'));
  });
});

describe('speakerTurns (the turns of a Handelingen text)', () => {
  it('opens a turn at each speaker line and ends it at the next, with anchors by position', () => {
    const text = 'Aan de orde is het debat.\n\nDe voorzitter:\nIk geef het woord aan mevrouw Ellemeet.\n\nMevrouw Ellemeet (GroenLinks):\nVoorzitter, dank u wel.\nDe minister zei zojuist: dat is zo.\n\nMinister De Jonge:\nIk kom daarop terug.';
    const t = speakerTurns(text);
    assert.deepEqual(t.map((x) => [x.anchor, x.speaker.label, x.text]), [
      ['beurt-1', 'De voorzitter', 'Ik geef het woord aan mevrouw Ellemeet.'],
      ['beurt-2', 'Mevrouw Ellemeet (GroenLinks)', 'Voorzitter, dank u wel.\nDe minister zei zojuist: dat is zo.'],
      ['beurt-3', 'Minister De Jonge', 'Ik kom daarop terug.'],
    ]);
    assert.equal(text.slice(t[1]!.start, t[1]!.start + 8), 'Mevrouw ');
    assert.equal(t[1]!.end, t[2]!.start);
    assert.deepEqual(t[1]!.speaker.party, 'GroenLinks');
    assert.equal(t[2]!.speaker.government, true);
    assert.deepEqual(speakerTurns('Een brief zonder sprekers.\nGeachte voorzitter:'), []);
  });
});

describe('entries in the index, kept in step with their document', () => {
  let w: Opened;
  let dir: string;
  before(async () => {
    w = openServices(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'kl-structure-search-'));
  });
  after(async () => w.close());

  it('indexes the sample documents\' commitments and questions with them', async () => {
    await importPaths([SAMPLE_DIR], { units: w.units, store: w.store, index: w.index, structure: w.structure });
    const vso = (await w.store.getVersion(SAMPLE.verslag))!.structure;
    const vragen = (await find(w, 'type:vraag')).filter((h) => h.id.startsWith(`${SAMPLE.verslag}#`));
    assert.equal(vragen.length, vso.questions.length);
    assert.ok(vso.questions.length > 5);
    // The NSC asks about cybersecurity without regulatory burden (question 21 of the VSO).
    const hits = await find(w, 'regeldruk type:vraag');
    assert.ok(hits.some((h) => h.id === `${SAMPLE.verslag}#q21` && /NSC/.test(h.title)), JSON.stringify(hits.map((h) => h.id)));
    // Plain searches stay with documents.
    assert.ok((await find(w, 'regeldruk')).every((h) => h.type === 'document'));
  });

  it('replaces the entries when a new version drops a commitment, and keeps them through a reparse', async () => {
    const file = join(dir, 'brief.txt');
    // Not byte for byte the sample (already imported above): a document of its own.
    const text = readFileSync(join(SAMPLE_DIR, `${SAMPLE.brief2026}.txt`), 'utf8') + '\n';
    const promise = 'De resultaten van dit onderzoek worden uiterlijk voor het zomerreces gepubliceerd.';
    assert.ok(text.includes(promise));
    writeFileSync(file, text);
    await importPaths([file], { units: w.units, store: w.store, index: w.index });
    const id = (await w.store.documentFromSource(file))!;
    const mine = async (q: string) => (await find(w, q)).filter((h) => h.id.startsWith(`${id}#`));
    const before = (await w.store.getVersion(id))!.structure.commitments;
    assert.ok(before.some((c) => c.text.includes('uiterlijk voor het zomerreces gepubliceerd')));
    assert.equal((await mine('type:toezegging')).length, before.length);
    assert.equal((await mine('gepubliceerd type:toezegging')).length, 1);

    writeFileSync(file, text.replace(promise, ''));
    await importPaths([file], { units: w.units, store: w.store, index: w.index });
    const now = (await w.store.getVersion(id))!;
    assert.equal(now.version, 2);
    assert.equal(now.structure.commitments.length, before.length - 1);
    const left = await mine('type:toezegging');
    assert.deepEqual(left.map((h) => h.id).sort(), structureEntryIds(id, now).filter((x) => x.startsWith('toezegging:')).map((x) => x.slice('toezegging:'.length)).sort());
    assert.equal((await mine('gepubliceerd type:toezegging')).length, 0);

    const count = await w.index.count();
    await reparseAll({ units: w.units, store: w.store, index: w.index });
    assert.equal(await w.index.count(), count, 'a reparse replaces entries, it does not add them again');
    assert.equal((await mine('type:toezegging')).length, now.structure.commitments.length);
  });
});

describe('passages: the turns of a report of a sitting', () => {
  let w: Opened;
  let dataDir: string;
  before(async () => {
    w = openServices(':memory:');
    dataDir = mkdtempSync(join(tmpdir(), 'kl-passages-'));
    const r = await syncFeed(
      { fromDir: VLOS_FIXTURE, dataDir, categories: ['Persoon', 'Vergadering', 'Verslag'] },
      { units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk, vlos: w.vlos },
    );
    assert.equal(r.ok, true);
  });
  after(async () => w.close());

  it('indexes every turn with text as a passage at its anchor, with speaker, party and date', async () => {
    const report = (await w.vlos.getReport(VERSLAG))!.report;
    const entries = passageEntries(VERSLAG, report);
    const turns = vlosTurns(report);
    assert.ok(entries.length > 100 && entries.length <= turns.length);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    const hits = await find(w, 'type:passage', 10_000);
    assert.equal(hits.length, entries.length);
    assert.ok(hits.every((h) => h.id.startsWith(`${VERSLAG}#punt-`)));
    // Dijkgraaf (SGP) interrupts: "Ik hecht aan een goede informatievoorziening aan de Kamer."
    const dijkgraaf = await find(w, 'informatievoorziening type:passage partij:SGP');
    assert.ok(dijkgraaf.length >= 1);
    assert.ok(dijkgraaf.every((h) => /Dijkgraaf \(SGP\)/.test(h.title)), JSON.stringify(dijkgraaf.map((h) => h.title)));
    assert.ok(dijkgraaf.every((h) => h.date === '2014-10-15'));
  });

  it('replaces the passages when the report is derived again, and drops turns it no longer has', async () => {
    const stored = (await w.vlos.getReport(VERSLAG))!.report;
    const count = await w.index.count();
    const file = await w.tk.getFile(VERSLAG);
    const bytes = new Uint8Array(readFileSync(join(dataDir, file!.path!)));
    assert.equal(await deriveVerslag({ units: w.units, store: w.store, index: w.index, tkStore: w.tk, vlos: w.vlos }, VERSLAG, bytes, { force: true }), 'parsed');
    assert.equal(await w.index.count(), count);
    // A shorter report (the last debate item gone): its turns leave the index.
    const shorter = { ...stored, activiteiten: stored.activiteiten.slice(0, -1) };
    const gone = passageEntries(VERSLAG, stored).length - passageEntries(VERSLAG, shorter).length;
    assert.ok(gone > 0);
    await w.units.transaction((tx) => indexPassages(tx.index, VERSLAG, shorter, stored));
    assert.equal(await w.index.count(), count - gone);
    assert.equal((await find(w, 'type:passage', 10_000)).length, passageEntries(VERSLAG, shorter).length);
  });
});
