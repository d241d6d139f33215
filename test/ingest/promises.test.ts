// The promise pass (src/ingest/promises.ts): the letter that keeps a promise is found through the search index however
// many later documents there are, once, at import time; a later import reconsiders only the promises its titles name;
// the Kamer's register becomes rows linked to the same promise in a document, and its kamerbriefNakoming is resolved.
// The promise is the real one of the VSO informele Telecomraad maart 2025 (data/sample); the keeping letter is
// test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt; the 2,100 letters in between are generated.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyStructure, type IndexDocument } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { refreshPromises } from '../../src/ingest/promises.js';
import { keepPromises, openServices, type Opened } from '../../src/main.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';
import { REGISTER, putRegister } from '../helpers/promises-world.js';

const VSO = join(SAMPLE_DIR, `${SAMPLE.verslag}.txt`);
const LETTER = 'test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt';
const DFA = (w: Opened) => w.promises.list({ today: '2025-09-01', q: 'digital fairness', docIds: [SAMPLE.verslag] });

/** `n` letters of the same ministry dated after the promise and before the letter that keeps it, on another subject. */
async function fillers(w: Opened, n: number): Promise<void> {
  const docs: IndexDocument[] = [];
  await w.units.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2025, 2, 4) + Math.floor((i * 107) / n) * 86_400_000).toISOString().slice(0, 10);
      const id = `filler-${i}`;
      const title = `Samenwerking in de regio, brief ${i}`;
      const s = { ...emptyStructure('kamerbrief'), date: day, signatories: [{ name: 'Dirk Beljaarts', role: 'Minister van Economische Zaken' }] };
      await tx.structure.put(id, { title, kind: 'kamerbrief', date: day }, s);
      docs.push({ id, title, text: `Over de samenwerking tussen gemeenten en bedrijven in de regio, deel ${i}.`, kind: 'kamerbrief', date: day, parties: [], dossiers: [] });
    }
    await tx.index.upsert(docs);
  });
}

describe('the promise pass', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kl-promises-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the keeping letter after more than 2,000 later documents, and only once', async () => {
    const w = openServices(':memory:');
    try {
      await importPaths([VSO], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      await fillers(w, 2_100);
      const batches: [number, number][] = [];
      const first = await refreshPromises(w, { onBatch: (documents, total) => batches.push([documents, total]) });
      assert.equal(first.documents, 2_101);
      assert.deepEqual(batches, [[2_000, 2_101], [2_101, 2_101]], 'progress after each batch, against what was marked at the start');
      assert.equal((await DFA(w)).items[0]?.kept, 'overdue', 'no letter on the topic, and the deadline has passed');
      cpSync(LETTER, join(dir, 'kamerbrief-dfa.txt'));
      await importPaths([join(dir, 'kamerbrief-dfa.txt')], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      const later = (await w.promises.docMeta(['kamerbrief-dfa'])).size + (await w.promises.commitmentsDated('2025-03-04', '2025-06-19')).length;
      assert.equal(later, 1, 'the letter is stored; the fillers carry no commitments');
      const second = await refreshPromises(w);
      assert.equal(second.documents, 1);
      // Only the promises whose topic the new letter's title names are looked at again.
      assert.equal(second.checked, 1);
      const dfa = (await DFA(w)).items[0]!;
      assert.equal(dfa.kept, 'fulfilled');
      assert.equal(dfa.keptBy?.document.title, 'Nederlandse inzet voor de Digital Fairness Act');
      assert.match(dfa.keptBy?.evidence ?? '', /digital fairness act.*economische zaken/);
      assert.match(dfa.keptBy?.sentence ?? '', /^Met deze brief informeer ik uw Kamer/);
      // Before the letter's date it kept nothing yet.
      assert.equal((await w.promises.list({ today: '2025-06-01', docIds: [SAMPLE.verslag], q: 'digital fairness' })).items[0]?.kept, 'open');
      const again = await refreshPromises(w);
      assert.deepEqual(again, { documents: 0, checked: 0, kept: 0, register: 0, linked: 0 }, 'nothing new, nothing done');
      // A full pass (reparse) in batches: the letter's batch comes after the promise's and must not undo it.
      // Through keepPromises, as the CLI runs it: more than one batch, so it shows its progress.
      const shown: string[] = [];
      let stopped = false;
      await keepPromises(w, false, true, () => ({ update: (done, total, status) => shown.push(`${done}/${total} ${status}`), stop: () => (stopped = true) }));
      assert.equal(shown.length, 2);
      assert.match(shown[1]!, /^2102\/2102 \d+ toezeggingen nagekeken$/);
      assert.ok(stopped);
      const full = await refreshPromises(w, { full: true });
      assert.equal(full.documents, 2_102);
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa');
    } finally {
      await w.close();
    }
  });

  it('does not search for the keeper of a promise made after every document that could keep it', async () => {
    const w = openServices(':memory:');
    try {
      let searches = 0;
      const search = w.index.search.bind(w.index);
      w.index.search = async (request) => {
        searches++;
        return search(request);
      };
      // The report is the newest document: nothing can have kept its promises yet (a daily sync's usual case).
      await importPaths([VSO], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      const first = await refreshPromises(w);
      assert.ok(first.checked >= 1, 'its promises are considered');
      assert.equal(searches, 0, 'without a search');
      assert.equal((await DFA(w)).items[0]?.kept, 'overdue');
      cpSync(LETTER, join(dir, 'kamerbrief-dfa.txt'));
      await importPaths([join(dir, 'kamerbrief-dfa.txt')], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      await keepPromises(w, false, false, () => assert.fail('a pass of one batch shows no progress'));
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa', 'the later letter keeps it');
      // With a later document in the archive the search is made, and finds the same letter.
      const full = await refreshPromises(w, { full: true });
      assert.ok(searches > 0 && full.kept >= 1);
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa');
    } finally {
      await w.close();
    }
  });

  it('links the register to the same promise in a document, resolves kamerbriefNakoming, and forgets what a removed document kept', async () => {
    const w = openServices(':memory:');
    try {
      await importPaths([VSO, LETTER], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      await putRegister(w);
      const r = await refreshPromises(w);
      assert.equal(r.register, 3);
      assert.equal(r.linked, 1);
      const today = '2025-09-01';
      const both = (await w.promises.list({ today, registerIds: [REGISTER.linked] })).items;
      assert.equal(both.length, 1);
      assert.equal(both[0]!.source, 'both');
      assert.equal(both[0]!.document?.id, SAMPLE.verslag);
      assert.ok(both[0]!.link?.reasons.includes('in hetzelfde debat'), both[0]!.link?.reasons.join('; '));
      const byLetter = (await w.promises.list({ today, registerIds: [REGISTER.byLetter] })).items[0]!;
      assert.equal(byLetter.source, 'register');
      assert.equal(byLetter.kept, 'fulfilled');
      assert.equal(byLetter.keptBy?.via, 'kamerbrief');
      assert.equal(byLetter.keptBy?.document.id, 'kamerbrief-dfa');
      const overdue = (await w.promises.list({ today, registerIds: [REGISTER.unlinked] })).items[0]!;
      assert.equal(overdue.kept, 'overdue');
      // Both sources in one list: each promise once.
      const all = await w.promises.list({ today });
      const own = (await w.structure.commitments({ today, limit: 0 })).total;
      assert.equal(all.total, own + 2, 'every document commitment, plus the two register entries not linked to one');
      // The promise's document written again (a reparse): the link is made again, whatever the register's date.
      const doc = (await w.store.getDocument(SAMPLE.verslag))!;
      await w.structure.put(SAMPLE.verslag, { title: doc.title, kind: doc.kind, date: doc.date }, (await w.store.getVersion(SAMPLE.verslag))!.structure);
      const re = await refreshPromises(w);
      assert.equal(re.documents, 1);
      assert.equal((await w.promises.list({ today, registerIds: [REGISTER.linked] })).items[0]?.source, 'both');
      // A removed letter keeps nothing any more.
      await w.structure.remove('kamerbrief-dfa');
      await refreshPromises(w);
      assert.equal((await w.promises.list({ today, registerIds: [REGISTER.byLetter] })).items[0]?.keptBy, null);
    } finally {
      await w.close();
    }
  });

  it('keepPromises runs the pass as one unit of work: a pass that fails forgets nothing it concluded before', async () => {
    const w = openServices(':memory:');
    try {
      await importPaths([VSO, LETTER], { units: w.units, store: w.store, index: w.index, structure: w.structure });
      await keepPromises(w, false);
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa');
      // A full pass that dies after it forgot what the documents kept, before it wrote it again.
      // On SQLite the unit's promise store is this same object, so the pass calls the broken method.
      const setKept = w.promises.setKept.bind(w.promises);
      w.promises.setKept = async () => {
        throw new Error('de pas faalt halverwege');
      };
      await assert.rejects(keepPromises(w, false, true), /de pas faalt halverwege/);
      w.promises.setKept = setKept;
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa', 'rolled back: the letter still keeps the promise');
      assert.equal((await w.promises.dirtyDocuments(10)).length, 0, 'and the full pass did not mark the documents either');
      await keepPromises(w, false, true);
      assert.equal((await DFA(w)).items[0]?.keptBy?.document.id, 'kamerbrief-dfa');
    } finally {
      await w.close();
    }
  });
});
