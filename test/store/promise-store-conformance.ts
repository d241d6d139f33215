/**
 * The PromiseStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it.
 * A promise store reads the structure rows of its database, so the factory gives both stores on
 * one database. The assertions are those the promise pass and the pages rely on
 * (test/ingest/promises.test.ts, test/watch/promise-kept.test.ts, the /toezeggingen pages),
 * checked on the store itself: which documents changed, what kept a promise and when, the
 * register and its links, and the one list of both sources with its filters, order and counts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStructure, type ParsedDocument } from '../../src/domain/index.js';
import type { PromiseRow, PromiseStore, RegisterRow } from '../../src/store/promise-store.js';
import { foldText, type StructureMeta, type StructureStore } from '../../src/store/structure-index.js';

export interface PromiseWorld {
  structure: StructureStore;
  promises: PromiseStore;
}

const TODAY = '2025-09-01';
const EZ = 'Minister van Economische Zaken';

interface Doc {
  id: string;
  meta: StructureMeta;
  structure: ParsedDocument;
}

const doc = (id: string, title: string, date: string | null, fill: Partial<ParsedDocument>): Doc => ({
  id,
  meta: { title, kind: 'kamerbrief', date },
  structure: { ...emptyStructure('kamerbrief'), title, date, ...fill },
});

/** A letter with three promises: one followed (deadline and topic), one without a deadline, one without a topic. */
const PROMISE = doc('promise-doc', 'Verslag van een schriftelijk overleg over de Telecomraad', '2025-03-03', {
  signatories: [{ name: 'Dirk Beljaarts', role: EZ }],
  commitments: [
    { text: 'De minister informeert de Kamer voor de zomer over de Digital Fairness Act.', actor: EZ, due: 'voor de zomer', dueDate: '2025-06-30', topic: 'Digital Fairness Act' },
    { text: 'Wij sturen een brief over de weerbaarheid.', actor: null, due: null, dueDate: null, topic: 'weerbaarheid' },
    { text: 'Het kabinet komt eind maart terug op de verzamelbrief.', actor: 'het kabinet', due: 'eind maart', dueDate: '2025-03-31', topic: null },
  ],
});
/** The letter that keeps the first promise. */
const LETTER = doc('letter', 'Nederlandse inzet voor de Digital Fairness Act', '2025-06-20', { signatories: [{ name: 'Dirk Beljaarts', role: EZ }] });
/** A letter that keeps the second, dated after the day the list is read. */
const LATE = doc('late-letter', 'Weerbaarheid', '2025-12-01', {});
/** A document without a date, with a followed promise. */
const UNDATED = doc('undated', 'Zonder datum', null, {
  commitments: [{ text: 'Er volgt een evaluatie van de Omgevingswet.', actor: null, due: 'mei', dueDate: '2025-05-01', topic: 'Omgevingswet' }],
});
const DOCS = [UNDATED, LETTER, PROMISE, LATE];

const reg = (id: string, fill: Partial<RegisterRow>): RegisterRow => ({
  id,
  nummer: null,
  text: '',
  actor: null,
  surname: null,
  role: null,
  ministry: null,
  status: 'Openstaand',
  dueDate: null,
  created: null,
  activityId: null,
  kamerbrief: [],
  ...fill,
});
const R1 = reg('tz-1', {
  nummer: 'TZ202503-050', text: 'De minister zal de Kamer voor de zomer informeren over de Digital Fairness Act.', actor: 'D.S. Beljaarts (minister van Economische Zaken)',
  surname: 'Beljaarts', role: 'minister van Economische Zaken', ministry: 'Economische Zaken', dueDate: '2025-06-30', created: '2025-03-05', activityId: 'act-1',
});
const R2 = reg('tz-2', {
  text: 'De minister informeert de Kamer over misleidende ontwerptechnieken.', actor: 'D.S. Beljaarts (minister van Economische Zaken)', status: 'Voldaan',
  created: '2025-03-05', kamerbrief: ['2025D27001'],
});
const R3 = reg('tz-3', { text: 'De staatssecretaris informeert de Kamer over opkomende technologieën.', actor: 'Szabó (staatssecretaris)', dueDate: '2025-05-01', created: '2025-03-06' });

async function stored(make: () => Promise<PromiseWorld>): Promise<PromiseWorld> {
  const w = await make();
  for (const d of DOCS) await w.structure.put(d.id, d.meta, d.structure);
  return w;
}

/** The stored documents and register, the first promise linked to R1 and kept by LETTER, the second by LATE, R2 by its letter. */
async function concluded(make: () => Promise<PromiseWorld>): Promise<PromiseWorld> {
  const w = await stored(make);
  // R3 before R2: the register's own order, not its ids, is the order it is read back in.
  await w.promises.putRegister([R1, R3, R2]);
  await w.promises.setRegisterLink(R1.id, { docId: PROMISE.id, ordinal: 0, score: 0.9, reasons: ['zelfde onderwerp', 'in hetzelfde debat'] });
  await w.promises.setKept([
    { docId: PROMISE.id, ordinal: 0, keptBy: { docId: LETTER.id, evidence: 'zelfde onderwerp (digital fairness act)', sentence: 'Met deze brief informeer ik uw Kamer.', via: 'search' } },
    { docId: PROMISE.id, ordinal: 1, keptBy: { docId: LATE.id, evidence: 'zelfde onderwerp (weerbaarheid)', sentence: null, via: 'search' } },
  ]);
  await w.promises.setRegisterKept(R2.id, { docId: LETTER.id, evidence: 'de Kamer noemt deze brief als nakoming (2025D27001)' });
  return w;
}

/** `promise-doc#0`, `tz-3`: a listed row by where it comes from. */
const label = (r: { document: { id: string } | null; ordinal: number | null; register: { id: string } | null; source: string }) =>
  r.source === 'register' ? r.register!.id : `${r.document!.id}#${r.ordinal}`;

export function runPromiseStoreConformance(name: string, makeWorld: () => Promise<PromiseWorld>): void {
  describe(`PromiseStore conformance: ${name}`, () => {
    it('marks documents whose structure was written or removed, in id order, until the pass clears them', async () => {
      const { structure, promises } = await stored(makeWorld);
      assert.deepEqual(await promises.dirtyDocuments(2), ['late-letter', 'letter']);
      assert.deepEqual(await promises.dirtyDocuments(10), ['late-letter', 'letter', 'promise-doc', 'undated']);
      assert.equal(await promises.dirtyCount(), 4);
      await promises.clearDirty(['late-letter', 'letter', 'promise-doc', 'undated']);
      assert.deepEqual(await promises.dirtyDocuments(10), []);
      assert.equal(await promises.dirtyCount(), 0);
      await structure.put(LETTER.id, LETTER.meta, LETTER.structure);
      await structure.remove(UNDATED.id);
      await structure.remove('never-stored');
      assert.deepEqual(await promises.dirtyDocuments(10), ['letter', 'undated']);
      await promises.clearDirty(['letter']);
      await promises.clearDirty([]);
      assert.deepEqual(await promises.dirtyDocuments(10), ['undated']);
      await promises.clearDirty(['undated']);
      await promises.markAllDirty();
      assert.deepEqual(await promises.dirtyDocuments(10), ['late-letter', 'letter', 'promise-doc'], 'every stored document, not the removed one');
    });

    it('gives the commitments the pass follows, those still open, and those made in a period', async () => {
      const { promises } = await stored(makeWorld);
      const keyOf = (cs: { docId: string; ordinal: number }[]) => cs.map((c) => `${c.docId}#${c.ordinal}`);
      assert.deepEqual(keyOf(await promises.commitmentsOf(null, true)), ['promise-doc#0', 'undated#0']);
      assert.deepEqual(keyOf(await promises.commitmentsOf([PROMISE.id, 'nope'], false)), ['promise-doc#0', 'promise-doc#1', 'promise-doc#2']);
      assert.deepEqual(await promises.commitmentsOf([], false), []);
      const [first] = await promises.commitmentsOf([PROMISE.id], true);
      assert.deepEqual(first, {
        docId: PROMISE.id, ordinal: 0, text: PROMISE.structure.commitments[0]!.text, actor: EZ, topic: 'Digital Fairness Act', dueDate: '2025-06-30', date: '2025-03-03',
      });
      // An undated document's promise cannot be kept "after" it: not open for the pass.
      assert.deepEqual(keyOf(await promises.openCommitments()), ['promise-doc#0']);
      assert.deepEqual(keyOf(await promises.commitmentsDated('2025-03-01', '2025-03-31')), ['promise-doc#0', 'promise-doc#1', 'promise-doc#2']);
      assert.deepEqual(await promises.commitmentsDated('2025-03-04', '2025-06-19'), []);
      const meta = await promises.docMeta([LETTER.id, 'nope', LETTER.id, UNDATED.id]);
      assert.deepEqual([...meta.keys()].sort(), ['letter', 'undated']);
      assert.deepEqual(meta.get(LETTER.id), { id: 'letter', title: LETTER.meta.title, kind: 'kamerbrief', date: '2025-06-20', signers: 'minister van economische zaken' });
      assert.equal(meta.get(UNDATED.id)!.signers, null);
      assert.equal((await promises.docMeta([])).size, 0);
    });

    it('gives the latest date of a stored document of the kinds asked', async () => {
      const { structure, promises } = await stored(makeWorld);
      assert.equal(await promises.latestDate(['kamerbrief']), LATE.meta.date, 'the undated letter does not count');
      await structure.put('motion', { title: 'Motie over de weerbaarheid', kind: 'motie', date: '2026-01-05' }, { ...emptyStructure('motie'), title: 'Motie', date: '2026-01-05' });
      assert.equal(await promises.latestDate(['kamerbrief', 'nota']), '2025-12-01', 'a later document of another kind does not count');
      assert.equal(await promises.latestDate(['motie', 'kamerbrief']), '2026-01-05');
      assert.equal(await promises.latestDate(['nota']), null);
      assert.equal(await promises.latestDate([]), null);
    });

    it('records what kept a promise, replaces it, and forgets what a document kept and was linked to', async () => {
      const { promises } = await concluded(makeWorld);
      assert.deepEqual(await promises.openCommitments(), [], 'a kept promise is no longer open');
      assert.deepEqual(await promises.keptBy([LETTER.id, LETTER.id, 'nope']), [
        { byDocId: 'letter', docId: 'promise-doc', ordinal: 0, text: PROMISE.structure.commitments[0]!.text, actor: EZ, evidence: 'zelfde onderwerp (digital fairness act)' },
      ]);
      assert.deepEqual(await promises.keptBy([]), []);
      assert.deepEqual(await promises.linksOf([PROMISE.id, LETTER.id]), [{ docId: 'promise-doc', ordinal: 0, registerId: 'tz-1' }]);
      // The last word on one commitment wins; null drops it.
      await promises.setKept([
        { docId: PROMISE.id, ordinal: 1, keptBy: { docId: LETTER.id, evidence: 'x', sentence: null, via: 'search' } },
        { docId: PROMISE.id, ordinal: 1, keptBy: null },
      ]);
      await promises.setKept([]);
      assert.deepEqual((await promises.keptBy([LATE.id, LETTER.id])).map((k) => `${k.byDocId}>${k.docId}#${k.ordinal}`), ['letter>promise-doc#0']);
      // The letter is gone: what it kept is lost (to be looked up again), and the register's word on it too.
      assert.deepEqual(await promises.forgetDocuments([LETTER.id]), { lost: [{ docId: 'promise-doc', ordinal: 0 }], unlinked: [] });
      assert.deepEqual(await promises.keptBy([LETTER.id]), []);
      assert.equal((await promises.unresolvedKamerbrief()).length, 1);
      // The promise's own document: its conclusions and the register's link to it go, and nothing is "lost" of it.
      await promises.setKept([{ docId: PROMISE.id, ordinal: 2, keptBy: { docId: LATE.id, evidence: 'e', sentence: null, via: 'search' } }]);
      assert.deepEqual(await promises.forgetDocuments([PROMISE.id, LATE.id]), { lost: [], unlinked: ['tz-1'] });
      assert.deepEqual(await promises.linksOf([PROMISE.id]), []);
      assert.deepEqual(await promises.keptBy([LATE.id]), []);
      assert.deepEqual(await promises.forgetDocuments([]), { lost: [], unlinked: [] });
    });

    it('keeps the register as rows: updates keep their link and letter, reads follow the register’s order', async () => {
      const { promises } = await concluded(makeWorld);
      assert.deepEqual(await promises.register(['tz-3', 'tz-1', 'nope', 'tz-1']), [R1, R3]);
      assert.deepEqual(await promises.register([]), []);
      assert.deepEqual((await promises.unlinkedRegister('2025-03-01', '2025-03-31')).map((r) => r.id), ['tz-3', 'tz-2']);
      assert.deepEqual((await promises.unlinkedRegister('2025-03-01', '2025-03-05')).map((r) => r.id), ['tz-2']);
      assert.deepEqual(await promises.unresolvedKamerbrief(), []);
      await promises.putRegister([{ ...R1, status: 'Voldaan', text: 'Eerste versie' }, { ...R1, status: 'Deels voldaan' }]);
      assert.deepEqual(await promises.register([R1.id]), [{ ...R1, status: 'Deels voldaan' }]);
      assert.deepEqual(await promises.linksOf([PROMISE.id]), [{ docId: 'promise-doc', ordinal: 0, registerId: 'tz-1' }]);
      await promises.setRegisterKept(R2.id, null);
      assert.deepEqual(await promises.unresolvedKamerbrief(), [R2]);
      await promises.setRegisterLink(R1.id, null);
      assert.deepEqual((await promises.unlinkedRegister('2025-03-01', '2025-03-31')).map((r) => r.id), ['tz-1', 'tz-3', 'tz-2']);
      await promises.removeRegister([R3.id, 'nope']);
      await promises.removeRegister([]);
      assert.deepEqual(await promises.register([R3.id]), []);
      await promises.putRegister([]);
    });

    it('lists both sources as one list, a linked pair once, by deadline, with kept states as of the day', async () => {
      const { structure, promises } = await concluded(makeWorld);
      const all = await promises.list({ today: TODAY });
      assert.equal(all.total, 6, 'four document commitments, plus the two register entries not linked to one');
      assert.deepEqual(all.items.map(label), ['promise-doc#2', 'tz-3', 'undated#0', 'promise-doc#0', 'tz-2', 'promise-doc#1']);
      assert.deepEqual(all.items.map((r) => [r.source, r.status, r.kept]), [
        ['document', 'overdue', 'overdue'],
        ['register', 'overdue', 'overdue'],
        ['document', 'overdue', 'overdue'],
        ['both', 'overdue', 'fulfilled'],
        ['register', 'no-date', 'fulfilled'],
        ['document', 'no-date', 'open'],
      ]);
      const both = all.items[3]!;
      assert.deepEqual(both.register, R1);
      assert.deepEqual(both.link, { score: 0.9, reasons: ['zelfde onderwerp', 'in hetzelfde debat'] });
      assert.deepEqual(both.keptBy, {
        document: { id: 'letter', title: LETTER.meta.title, kind: 'kamerbrief', date: '2025-06-20' },
        evidence: 'zelfde onderwerp (digital fairness act)', sentence: 'Met deze brief informeer ik uw Kamer.', via: 'search',
      });
      assert.deepEqual([both.text, both.actor, both.due, both.dueDate, both.topic, both.ordinal], [PROMISE.structure.commitments[0]!.text, EZ, 'voor de zomer', '2025-06-30', 'Digital Fairness Act', 0]);
      assert.deepEqual(both.document, { id: 'promise-doc', title: PROMISE.meta.title, kind: 'kamerbrief', date: '2025-03-03' });
      const byLetter = all.items[4]!;
      assert.deepEqual([byLetter.keptBy?.via, byLetter.keptBy?.document.id, byLetter.keptBy?.sentence, byLetter.link, byLetter.document, byLetter.ordinal], ['kamerbrief', 'letter', null, null, null, null]);
      assert.equal(all.items[5]!.keptBy, null, 'a letter dated after the day keeps nothing yet');
      // Before the letter's date the promise was open, not kept.
      const june = await promises.list({ today: '2025-06-01', docIds: [PROMISE.id] });
      assert.deepEqual(june.items.map((r) => [label(r), r.status, r.kept]), [['promise-doc#2', 'overdue', 'overdue'], ['promise-doc#0', 'this-month', 'open'], ['promise-doc#1', 'no-date', 'open']]);
      // The promise's document written again: the link to the register stays until the pass says otherwise.
      await structure.put(PROMISE.id, PROMISE.meta, PROMISE.structure);
      assert.equal((await promises.list({ today: TODAY, registerIds: [R1.id] })).items[0]?.source, 'both');
    });

    it('filters the list by actor, words, source, document, register entry, status and kept state, and pages it', async () => {
      const { promises } = await concluded(makeWorld);
      const ids = async (q: Omit<Parameters<PromiseStore['list']>[0], 'today'>) => (await promises.list({ today: TODAY, ...q })).items.map(label);
      // A document's actor exactly (any case); a register entry by the words of its actor.
      assert.deepEqual(await ids({ actor: ' minister van economische ZAKEN ' }), ['promise-doc#0', 'tz-2']);
      assert.deepEqual(await ids({ actor: 'Staatssecretaris' }), ['tz-3']);
      assert.deepEqual(await ids({ actor: 'Kabinet' }), ['promise-doc#2', 'undated#0', 'promise-doc#1']);
      assert.deepEqual(await ids({ q: 'DIGITAL fairness' }), ['promise-doc#0']);
      assert.deepEqual(await ids({ q: 'technologieen' }), ['tz-3'], 'the register’s text, folded');
      assert.deepEqual(await ids({ q: 'omgevingswet' }), ['undated#0'], 'the topic is searched with the text');
      assert.deepEqual(await ids({ source: 'register' }), ['tz-3', 'promise-doc#0', 'tz-2']);
      assert.deepEqual(await ids({ source: 'document' }), ['promise-doc#2', 'undated#0', 'promise-doc#0', 'promise-doc#1']);
      assert.deepEqual(await ids({ docIds: [PROMISE.id] }), ['promise-doc#2', 'promise-doc#0', 'promise-doc#1']);
      assert.deepEqual(await ids({ docIds: [] }), []);
      assert.deepEqual(await ids({ registerIds: [R1.id, R3.id] }), ['tz-3', 'promise-doc#0']);
      assert.deepEqual(await ids({ docIds: [PROMISE.id], registerIds: [R1.id] }), ['promise-doc#0']);
      assert.deepEqual(await ids({ docIds: [UNDATED.id], registerIds: [R1.id] }), []);
      assert.deepEqual(await ids({ status: 'no-date' }), ['tz-2', 'promise-doc#1']);
      assert.deepEqual(await ids({ kept: 'fulfilled' }), ['promise-doc#0', 'tz-2']);
      assert.deepEqual(await ids({ kept: 'overdue', actor: 'kabinet' }), ['promise-doc#2', 'undated#0']);
      assert.deepEqual(await ids({ kept: 'open' }), ['promise-doc#1']);
      const page = await promises.list({ today: TODAY, offset: 2, limit: 2 });
      assert.deepEqual([page.total, page.items.map(label)], [6, ['undated#0', 'promise-doc#0']]);
      const none = await promises.list({ today: TODAY, limit: 0, kept: 'overdue' });
      assert.deepEqual([none.total, none.items], [3, []]);
    });

    it('counts the list per deadline status and kept state, as the filters would', async () => {
      const { promises } = await concluded(makeWorld);
      assert.deepEqual(await promises.counts({ today: TODAY }), [
        { status: 'no-date', kept: 'fulfilled', n: 1 },
        { status: 'no-date', kept: 'open', n: 1 },
        { status: 'overdue', kept: 'fulfilled', n: 1 },
        { status: 'overdue', kept: 'overdue', n: 3 },
      ]);
      assert.deepEqual(await promises.counts({ today: '2025-06-01', actor: 'kabinet' }), [
        { status: 'no-date', kept: 'open', n: 1 },
        { status: 'overdue', kept: 'overdue', n: 2 },
      ]);
      for (const q of [{}, { source: 'register' as const }, { q: 'de' }]) {
        const counted = (await promises.counts({ today: TODAY, ...q })).reduce((n, c) => n + c.n, 0);
        assert.equal(counted, (await promises.list({ today: TODAY, ...q, limit: 0 })).total);
      }
      assert.deepEqual(await promises.counts({ today: TODAY, docIds: [] }), []);
    });

    it('lists and counts a generated world as the whole union says, for any day and filters, page by page', async () => {
      const { structure, promises } = await makeWorld();
      let seed = 7;
      const rnd = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), (seed >>> 8) % n);
      const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
      const day = (y: number) => `${y}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
      const actors = ['Minister van EZ', 'minister van ez', null, 'kabinet', 'het kabinet', 'Staatssecretaris X'];
      const words = ['brief', 'evaluatie', 'Digital', 'omgevingswet', 'weerbaarheid'];
      const docs: Doc[] = Array.from({ length: 30 }, (_, i) =>
        doc(`g-${String(i).padStart(2, '0')}${i % 3 ? 'B' : 'a'}`, `Stuk ${i}`, rnd(6) === 0 ? null : i % 7 === 0 ? '2025-05-05' : day(2025), {
          commitments: Array.from({ length: rnd(4) }, () => ({
            text: `Wij sturen een ${pick(words)} ${pick(words)}.`, actor: pick(actors), due: null, dueDate: rnd(3) === 0 ? null : day(2024 + rnd(3)),
            topic: rnd(2) ? pick(words) : null,
          })),
        }),
      );
      for (const d of docs) await structure.put(d.id, d.meta, d.structure);
      const made = docs.flatMap((d) => d.structure.commitments.map((_, ord) => ({ docId: d.id, ord })));
      const statuses = ['Openstaand', 'Voldaan', 'Deels voldaan', 'Nagekomen', null, 'Vervallen'];
      const regs = Array.from({ length: 16 }, (_, i) =>
        reg(`tz-g${String(i).padStart(2, '0')}`, {
          text: `De minister stuurt een ${pick(words)}.`, actor: pick(['D. Beljaarts (minister van EZ)', 'Szabo (staatssecretaris X)', 'Het kabinet']),
          status: pick(statuses), dueDate: rnd(3) === 0 ? null : day(2024 + rnd(3)), created: rnd(4) === 0 ? null : day(2025),
        }),
      );
      await promises.putRegister(regs);
      for (const [i, r] of regs.entries()) {
        // Two register entries on one commitment, as the SQL allows.
        if (i < 10 && made.length) {
          const m = i === 9 ? made[0]! : pick(made);
          await promises.setRegisterLink(r.id, { docId: m.docId, ordinal: m.ord, score: 0.5, reasons: ['x'] });
        }
        if (rnd(3) === 0) await promises.setRegisterKept(r.id, { docId: pick(docs).id, evidence: 'brief' });
      }
      const keepers = docs.filter((d) => d.meta.date !== null && d.meta.date < '2025-08-01').slice(0, 4);
      assert.equal(keepers.length, 4);
      await promises.setKept(made.filter(() => rnd(3) === 0).map((m, i) => ({ docId: m.docId, ordinal: m.ord, keptBy: { docId: i < 8 ? keepers[i % 4]!.id : pick(docs).id, evidence: 'e', sentence: null, via: 'search' as const } })));
      // Keepers written again later with another date (one in a batch), without one, and removed: a promise is kept as of its keeper's date now.
      await structure.put(keepers[0]!.id, { ...keepers[0]!.meta, date: '2025-08-01' }, keepers[0]!.structure);
      await structure.putMany([{ docId: keepers[1]!.id, meta: { ...keepers[1]!.meta, date: '2099-01-01' }, structure: keepers[1]!.structure }, { docId: 'g-new', meta: { title: 'Nieuw', kind: 'kamerbrief', date: '2025-01-01' }, structure: emptyStructure('kamerbrief') }]);
      await structure.put(keepers[2]!.id, { ...keepers[2]!.meta, date: null }, keepers[2]!.structure);
      await structure.remove(keepers[3]!.id);
      // A document written again with fewer commitments: what was concluded of the gone ones stays until the pass, and lists nothing.
      const shrunk = docs.find((d) => d.structure.commitments.length >= 2)!;
      await structure.put(shrunk.id, shrunk.meta, { ...shrunk.structure, commitments: shrunk.structure.commitments.slice(0, 1) });

      for (const today of ['2025-03-15', '2025-09-01', '2026-02-28']) {
        // The whole list through the union, one document's and one register entry's way.
        const byDoc = (await promises.list({ today, docIds: docs.map((d) => d.id) })).items;
        const byReg = (await promises.list({ today, registerIds: regs.map((r) => r.id) })).items.filter((r) => r.source === 'register');
        const everything = [...byDoc, ...byReg];
        // The world has every kind of row: each source, each kept state, each deadline status.
        for (const k of ['document', 'register', 'both']) assert.ok(everything.some((r) => r.source === k), k);
        for (const k of ['fulfilled', 'overdue', 'open']) assert.ok(everything.some((r) => r.kept === k), k);
        for (const k of ['overdue', 'later', 'no-date']) assert.ok(everything.some((r) => r.status === k), k);
        const folded = (r: PromiseRow) => [r.source === 'register' ? '' : foldText(r.topic ? `${r.text} ${r.topic}` : r.text), r.register ? foldText(r.register.text) : ''];
        const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
        const ordered = (rows: PromiseRow[]) =>
          [...rows].sort((a, b) =>
            Number(a.dueDate === null) - Number(b.dueDate === null) || cmp(a.dueDate, b.dueDate) ||
            -cmp((a.document ? a.document.date : a.register!.created) ?? null, (b.document ? b.document.date : b.register!.created) ?? null) ||
            cmp(a.document?.id ?? null, b.document?.id ?? null) || (a.ordinal ?? -1) - (b.ordinal ?? -1) || cmp(a.register?.id ?? null, b.register?.id ?? null));
        const filters: Omit<Parameters<PromiseStore['list']>[0], 'today'>[] = [
          {}, { status: 'overdue' }, { status: 'this-month' }, { status: 'later' }, { status: 'no-date' }, { kept: 'fulfilled' }, { kept: 'overdue' }, { kept: 'open' },
          { source: 'document' }, { source: 'register' }, { actor: 'kabinet' }, { actor: 'MINISTER van ez' }, { actor: 'staatssecretaris' }, { q: 'brief' },
          { q: 'digital evaluatie' }, { kept: 'overdue', actor: 'kabinet' }, { status: 'no-date', source: 'document' }, { kept: 'open', q: 'brief', source: 'register' },
        ];
        for (const f of filters) {
          const base = everything.filter((r) => {
            const a = f.actor?.trim().toLowerCase();
            if (a) {
              const doc = r.source !== 'register';
              if (a === 'kabinet' ? !(doc && (r.actor === null || ['kabinet', 'het kabinet'].includes(r.actor.toLowerCase()))) : !(doc ? r.actor?.toLowerCase() === a : (r.actor ?? '').toLowerCase().includes(a))) return false;
            }
            if (f.q && !f.q.toLowerCase().split(/\s+/).every((w) => folded(r).some((t) => t.includes(foldText(w))))) return false;
            if (f.source === 'document' && r.source === 'register') return false;
            if (f.source === 'register' && r.source === 'document') return false;
            return true;
          });
          const want = ordered(base.filter((r) => (!f.status || r.status === f.status) && (!f.kept || r.kept === f.kept)));
          const label2 = (r: PromiseRow) => `${label(r)}${r.register && r.source !== 'register' ? `+${r.register.id}` : ''}`;
          for (const [offset, limit] of [[0, 50], [0, 4], [3, 4], [9, 5]] as const) {
            const got = await promises.list({ today, ...f, offset, limit });
            assert.equal(got.total, want.length, `total ${today} ${JSON.stringify(f)}`);
            assert.deepEqual(got.items.map(label2), want.slice(offset, offset + limit).map(label2), `${today} ${JSON.stringify(f)} ${offset}+${limit}`);
            assert.deepEqual(got.items, want.slice(offset, offset + limit));
          }
          // The page given the counts of its other filters reads its total from them.
          const { status: _s, kept: _k, ...others } = f;
          const given = await promises.list({ today, ...f, offset: 0, limit: 4 }, await promises.counts({ today, ...others }));
          assert.deepEqual([given.total, given.items], [want.length, want.slice(0, 4)]);
          if (!f.status && !f.kept) {
            const cells = new Map<string, number>();
            for (const r of base) cells.set(`${r.status}|${r.kept}`, (cells.get(`${r.status}|${r.kept}`) ?? 0) + 1);
            const wantCells = [...cells].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ status: k.split('|')[0], kept: k.split('|')[1], n }));
            assert.deepEqual(await promises.counts({ today, ...f }), wantCells, `counts ${today} ${JSON.stringify(f)}`);
          }
        }
      }
    });

    it('keeps small facts of the pass by key', async () => {
      const { promises } = await makeWorld();
      assert.equal(await promises.getMeta('tk-seq'), null);
      await promises.setMeta('tk-seq', '12');
      await promises.setMeta('tk-seq', '40');
      await promises.setMeta('other', '');
      assert.deepEqual([await promises.getMeta('tk-seq'), await promises.getMeta('other')], ['40', '']);
    });
  });
}
