/**
 * The StructureStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it,
 * down to orders, ties and the spelling that names a case-insensitive group. Called from
 * test/store/structure-store.test.ts with a factory per backend.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStructure, type ParsedDocument } from '../../src/domain/index.js';
import type { StructureStore } from '../../src/store/structure-index.js';
import { AGENDA, CONCLUSIES, CONCLUSIES_2025, FIXTURES, FIXTURE_TODAY, SO, VERSLAG } from '../helpers/structure-fixtures.js';

async function filled(make: () => Promise<StructureStore>): Promise<StructureStore> {
  const s = await make();
  for (const f of FIXTURES) await s.put(f.id, f.meta, f.structure);
  return s;
}

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

/** A letter of `kind` with only the given parts. */
const letter = (fill: Partial<ParsedDocument>): ParsedDocument => ({ ...emptyStructure('kamerbrief'), ...fill });
const commitment = (text: string, actor: string | null, dueDate: string | null = null) => ({ text, actor, due: null, dueDate });

export function runStructureConformance(name: string, makeStore: () => Promise<StructureStore>): void {
  describe(`StructureStore conformance: ${name}`, () => {
    it('lists a party’s questions with their answers and document, case-insensitively', async () => {
      const s = await filled(makeStore);
      const pvv = await s.questions({ party: 'pvv' });
      assert.equal(pvv.total, 2);
      assert.deepEqual(pvv.items.map((q) => [q.id, q.ordinal, q.party]), [['q1', 0, 'PVV'], ['q2', 1, 'PVV']]);
      assert.deepEqual(pvv.items[0]!.answers.map((a) => [a.id, a.number, a.ordinal]), [['a1', 1, 0]]);
      assert.equal(pvv.items[0]!.document.id, SO.id);
      assert.equal(pvv.items[0]!.document.kind, 'verslag-schriftelijk-overleg');
      const nsc = await s.questions({ party: 'NSC' });
      assert.deepEqual(nsc.items[0]!.answers[0]!.seeAlso, [2]);
      assert.equal((await s.questions({ party: 'SP' })).total, 0);
    });

    it('pages questions and filters them by document', async () => {
      const s = await filled(makeStore);
      const second = await s.questions({ docIds: [SO.id], offset: 1, limit: 2 });
      assert.equal(second.total, 4);
      assert.deepEqual(second.items.map((q) => q.id), ['q2', 'q3']);
      assert.equal((await s.questions({ docIds: [AGENDA.id] })).total, 0);
      assert.equal((await s.questions({ docIds: [] })).total, 0);
    });

    it('counts parties, most questions first', async () => {
      const s = await filled(makeStore);
      assert.deepEqual(await s.parties(), [
        { party: 'PVV', questions: 2, documents: 1 },
        { party: 'GroenLinks-PvdA', questions: 1, documents: 1 },
        { party: 'NSC', questions: 1, documents: 1 },
      ]);
    });

    it('sorts commitments by deadline and gives each a status relative to today', async () => {
      const s = await filled(makeStore);
      const all = await s.commitments({ today: FIXTURE_TODAY });
      assert.equal(all.total, 5);
      assert.deepEqual(
        all.items.map((c) => [c.dueDate, c.status]),
        [['2025-02-28', 'overdue'], ['2025-03-31', 'this-month'], ['2025-07-15', 'later'], ['2025-12-31', 'later'], [null, 'no-date']],
      );
      assert.equal(all.items[0]!.document.id, AGENDA.id);
      const count = async (status: 'overdue' | 'this-month' | 'later' | 'no-date') => (await s.commitments({ today: FIXTURE_TODAY, status })).total;
      assert.deepEqual([await count('overdue'), await count('this-month'), await count('later'), await count('no-date')], [1, 1, 2, 1]);
      // The last day of the month is still "this month"; the first of the next is "later".
      assert.equal((await s.commitments({ today: '2025-03-31', status: 'this-month' })).total, 1);
      assert.equal((await s.commitments({ today: '2025-04-01', status: 'overdue' })).total, 2);
    });

    it('filters commitments by actor, text and document', async () => {
      const s = await filled(makeStore);
      const minister = await s.commitments({ today: FIXTURE_TODAY, actor: 'minister van economische zaken' });
      assert.deepEqual(minister.items.map((c) => c.text.slice(0, 10)), ['De Ministe', 'Na afloop ']);
      const cabinet = await s.commitments({ today: FIXTURE_TODAY, actor: 'kabinet' });
      assert.equal(cabinet.total, 3, 'no actor means the cabinet in general');
      assert.ok(cabinet.items.every((c) => c.actor === null));
      const text = await s.commitments({ today: FIXTURE_TODAY, q: 'DIGITAL   fairness' });
      assert.deepEqual(text.items.map((c) => c.dueDate), ['2025-07-15']);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, q: 'fairness', status: 'overdue' })).total, 0);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, docIds: [VERSLAG.id, AGENDA.id] })).total, 3);
      const paged = await s.commitments({ today: FIXTURE_TODAY, offset: 4, limit: 10 });
      assert.deepEqual([paged.total, paged.items.length], [5, 1]);
      assert.deepEqual(
        (await s.commitmentActors()).map((a) => [a.actor, a.count]),
        [[null, 3], ['Minister van Economische Zaken', 2]],
      );
    });

    it('matches commitment text without regard to accents', async () => {
      const s = await makeStore();
      const st = { ...emptyStructure('kamerbrief'), commitments: [{ text: 'Wij informeren u over Oekraïne.', actor: null, due: null, dueDate: null }] };
      await s.put('x', { title: 'X', kind: 'kamerbrief', date: null }, st);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, q: 'oekraine' })).total, 1);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, q: 'OEKRAÏNE' })).total, 1);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, q: 'oekrainer' })).total, 0);
    });

    it('threads a Council meeting’s documents in stage order, merging what they say of it', async () => {
      const s = await filled(makeStore);
      const t = await s.meeting('telecomraad-2025-03-04');
      assert.ok(t);
      assert.deepEqual(ids(t.documents), [AGENDA.id, SO.id, VERSLAG.id, CONCLUSIES_2025.id]);
      assert.deepEqual([t.body, t.formal, t.startDate, t.endDate, t.location], ['Telecomraad', false, '2025-03-04', '2025-03-05', 'Warschau']);
      assert.deepEqual([t.questionCount, t.commitmentCount], [4, 5]);
      const all = await s.meetings();
      assert.deepEqual(all.map((m) => m.key), ['telecomraad-2025-03-04', 'raad-algemene-zaken-2017-11-20']);
      assert.deepEqual(ids(all[1]!.documents), [CONCLUSIES.id]);
      assert.equal(await s.meeting('telecomraad-1999-01-01'), null);
    });

    it('pages Council meetings most recent first, filtered by Council words and year, each as meeting() has it with its first documents', async () => {
      const s = await makeStore();
      const kinds = ['nota', 'raadsconclusies', 'verslag-raad', 'geannoteerde-agenda', 'kamerbrief', 'verslag-schriftelijk-overleg'] as const;
      const councils = ['Telecomraad', 'Raad Algemene Zaken', 'Landbouw- en Visserijraad', 'Ecofin-Raad'];
      const meetingOf = (i: number) => ({
        body: councils[i % councils.length]!,
        formal: i % 3 === 0 ? null : i % 3 === 1,
        startDate: i % 7 === 6 ? null : `20${String(18 + (i % 5)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
        endDate: null,
        location: null,
      });
      // 40 documents over 14 meetings: some name two meetings, one names its meeting twice, the later ones say its place and last day,
      // some are undated; ids in mixed case so that byte order shows.
      const puts = Array.from({ length: 40 }, (_, d) => {
        const m = meetingOf(d % 14);
        const meetings = [{ ...m, location: d >= 20 ? `Plaats ${d}` : null, endDate: d >= 28 && m.startDate ? `${m.startDate.slice(0, 8)}28` : null }];
        if (d % 5 === 0) meetings.push(meetingOf((d + 3) % 14));
        if (d === 17) meetings.push(meetings[0]!);
        return {
          docId: `${d % 2 ? 'D' : 'd'}oc-${String(d).padStart(2, '0')}`,
          meta: { title: `Stuk ${d}`, kind: kinds[d % kinds.length]!, date: d % 9 === 4 ? null : `2024-0${1 + (d % 6)}-1${d % 10}` },
          structure: {
            ...emptyStructure(kinds[d % kinds.length]!),
            meetings,
            questions: Array.from({ length: d % 3 }, (_, q) => ({ id: `q${q}`, party: 'PVV', text: `Vraag ${q}`, answerIds: [] })),
            commitments: Array.from({ length: d % 4 }, (_, c) => commitment(`Belofte ${c}`, null)),
          },
        };
      });
      await s.putMany(puts.slice(0, 25));
      for (const p of puts.slice(25)) await s.put(p.docId, p.meta, p.structure);
      // A document written again with another kind, date and counts: the listing follows its last put.
      await s.put(puts[3]!.docId, { ...puts[3]!.meta, kind: 'verslag-raad', date: '2023-12-31' }, { ...puts[3]!.structure, questions: [], commitments: [commitment('Nieuw', null)] });

      const all = await s.meetings();
      assert.equal(all.length, 14);
      const expected = (t: (typeof all)[number], n: number) => ({ ...t, documents: t.documents.slice(0, n) });
      const whole = await s.meetingList({ documentsPerThread: 3 });
      assert.equal(whole.total, 14);
      assert.deepEqual(whole.items, all.map((t) => expected(t, 3)));
      assert.ok(whole.items.some((t) => t.documentCount > t.documents.length), 'some threads are cut');
      const page = await s.meetingList({ offset: 5, limit: 4, documentsPerThread: 2 });
      assert.equal(page.total, 14);
      assert.deepEqual(page.items, all.slice(5, 9).map((t) => expected(t, 2)));
      assert.deepEqual((await s.meetingList({ offset: 20, limit: 4 })).items, []);
      assert.equal((await s.meetingList({ limit: 0 })).total, 14);

      const telecom = await s.meetingList({ q: 'TELECOM' });
      assert.deepEqual(telecom.items.map((t) => t.key), all.filter((t) => t.key.startsWith('telecomraad-')).map((t) => t.key));
      assert.equal(telecom.total, telecom.items.length);
      const landbouw = await s.meetingList({ q: 'landbouw visserij' });
      assert.ok(landbouw.total > 0);
      assert.deepEqual(landbouw.items, all.filter((t) => t.body.startsWith('Landbouw')));
      assert.equal((await s.meetingList({ q: 'landbouw ecofin' })).total, 0);
      const in2019 = await s.meetingList({ year: 2019 });
      assert.ok(in2019.total > 0);
      assert.deepEqual(in2019.items.map((t) => t.key), all.filter((t) => t.startDate?.startsWith('2019-')).map((t) => t.key));
      assert.deepEqual((await s.meetingList({ q: 'algemene zaken', year: 2019 })).items.map((t) => t.key),
        all.filter((t) => t.startDate?.startsWith('2019-') && t.body === 'Raad Algemene Zaken').map((t) => t.key));
      assert.equal((await s.meetingList({ year: 1999 })).total, 0);
      // A filter of quotes and percent signs is words, not SQL.
      assert.equal((await s.meetingList({ q: "' OR 1=1 --%" })).total, 0);
      // Threads that stopped after the agenda (/ontbrekend), as that page picked them from every thread.
      const stalled = (day: string) => all.filter((t) => {
        const kinds = new Set(t.documents.map((d) => d.kind));
        const end = t.endDate ?? t.startDate;
        return end !== null && end < day && kinds.has('geannoteerde-agenda') && !kinds.has('verslag-raad');
      });
      for (const day of ['2019-06-01', '2021-06-01', '2030-01-01']) {
        const got = await s.meetingList({ stalledBefore: day, documentsPerThread: 2 });
        assert.deepEqual(got.items, stalled(day).map((t) => expected(t, 2)), day);
        assert.equal(got.total, stalled(day).length);
      }
      assert.ok(stalled('2030-01-01').length > stalled('2019-06-01').length && stalled('2019-06-01').length > 0, 'the days tell threads apart');
      assert.ok(all.some((t) => t.documents.some((d) => d.kind === 'geannoteerde-agenda') && t.documents.some((d) => d.kind === 'verslag-raad')), 'some threads have their verslag');

      await s.remove(puts[0]!.docId);
      assert.deepEqual((await s.meetingList({})).items, (await s.meetings()));
    });

    it('resolves citations to stored documents by kamerstuk, Council document and document number', async () => {
      const s = await filled(makeStore);
      const cites = await s.citations(SO.id);
      assert.deepEqual(cites.map((c) => c.ordinal), [0, 1, 2, 3, 4]);
      assert.deepEqual(cites.map((c) => c.key), ['kamerstuk:21501-33/1113', 'council:14435/17', 'kamerstuk:36259/21', null, null]);
      assert.deepEqual(cites.map((c) => ids(c.targets)), [[AGENDA.id], [CONCLUSIES.id], [], [], []]);
      assert.equal(cites[0]!.citation.raw, 'Kamerstuk 21501-33, nr. 1113');
      // "21 501-33" and "21501-33" are one dossier.
      assert.deepEqual((await s.citations(VERSLAG.id)).map((c) => ids(c.targets)), [[AGENDA.id]]);
      const byUrl = { ...emptyStructure('nota'), citations: [{ kind: 'url' as const, raw: 'link', url: 'https://www.tweedekamer.nl/kamerstukken/detail?id=2025D08504' }] };
      await s.put('nota', { title: 'Nota', kind: 'nota', date: null }, byUrl);
      assert.deepEqual(ids((await s.citations('nota'))[0]!.targets), [SO.id]);
      assert.deepEqual(await s.citations('no-such-doc'), []);
    });

    it('lists the documents citing a document, never the document itself', async () => {
      const s = await filled(makeStore);
      const back = await s.citedBy(AGENDA.id);
      assert.deepEqual(back.map((b) => [b.document.id, b.raws]), [
        [VERSLAG.id, ['Kamerstuk 21501-33-1113']],
        [SO.id, ['Kamerstuk 21501-33, nr. 1113']],
      ]);
      assert.deepEqual(ids((await s.citedBy(CONCLUSIES.id)).map((b) => b.document)), [SO.id]);
      const self = { ...emptyStructure('verslag'), citations: [{ kind: 'kamerstuk' as const, raw: 'Kamerstuk 1-2', dossier: '99999', number: '7', year: null }] };
      await s.put('self', { title: 'Zelf (Kamerstuk 99999-7)', kind: 'verslag', date: null }, self);
      assert.deepEqual((await s.citations('self'))[0]!.targets, []);
      assert.deepEqual(await s.citedBy('self'), []);
    });

    it('put replaces a document’s rows and remove drops them', async () => {
      const s = await filled(makeStore);
      await s.put(SO.id, SO.meta, { ...SO.structure, questions: [], citations: [] });
      assert.equal((await s.questions({})).total, 0);
      assert.deepEqual(await s.parties(), []);
      assert.deepEqual(ids((await s.citedBy(AGENDA.id)).map((b) => b.document)), [VERSLAG.id]);
      await s.remove(AGENDA.id);
      assert.deepEqual(ids((await s.meeting('telecomraad-2025-03-04'))!.documents), [SO.id, VERSLAG.id, CONCLUSIES_2025.id]);
      assert.deepEqual((await s.citations(VERSLAG.id))[0]!.targets, []);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY })).total, 3);
      await s.remove('never-stored');
    });

    it('names a case-insensitive group of actors after its earliest stored spelling, and orders groups case-insensitively', async () => {
      const s = await makeStore();
      await s.put('b', { title: 'B', kind: 'kamerbrief', date: '2025-01-02' }, letter({ commitments: [commitment('een', 'Minister X'), commitment('twee', 'a')] }));
      await s.put('a', { title: 'A', kind: 'kamerbrief', date: '2025-01-01' }, letter({ commitments: [commitment('drie', 'minister x'), commitment('vier', 'B')] }));
      await s.put('c', { title: 'C', kind: 'kamerbrief', date: null }, letter({ commitments: [commitment('vijf', 'MINISTER x'), commitment('zes', null), commitment('zeven', 'b'), commitment('acht', 'A')] }));
      assert.deepEqual((await s.commitmentActors()).map((a) => [a.actor, a.count]), [['Minister X', 3], ['a', 2], ['B', 2], [null, 1]]);
      // Written again, the first document's rows are the newest: the group takes the next earliest spelling.
      await s.put('b', { title: 'B', kind: 'kamerbrief', date: '2025-01-02' }, letter({ commitments: [commitment('een', 'Minister X'), commitment('twee', 'a')] }));
      assert.deepEqual((await s.commitmentActors()).map((a) => a.actor), ['minister x', 'A', 'B', null]);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, actor: 'MINISTER X' })).total, 3);
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, actor: 'Kabinet' })).total, 1);
      // Case folding is ASCII only (SQLite's NOCASE): É and é are different actors.
      await s.put('d', { title: 'D', kind: 'kamerbrief', date: null }, letter({ commitments: [commitment('negen', 'É'), commitment('tien', 'é')] }));
      assert.equal((await s.commitments({ today: FIXTURE_TODAY, actor: 'é' })).total, 1);
    });

    it('putMany leaves what put one after the other leaves, a document put twice its last, the earliest spelling of an actor its earliest row', async () => {
      const b1 = letter({ commitments: [commitment('een', 'Minister X'), commitment('twee', 'a')] });
      const b2 = letter({ commitments: [commitment('een, herzien', 'Minister X', '2025-06-01'), commitment('elf', 'A')], questions: [{ id: 'q9', party: 'sp', text: 'vraag', answerIds: [] }] });
      const puts = [
        ...FIXTURES.map((f) => ({ docId: f.id, meta: f.meta, structure: f.structure })),
        { docId: 'b', meta: { title: 'B', kind: 'kamerbrief' as const, date: '2025-01-02' }, structure: b1 },
        { docId: 'a', meta: { title: 'A', kind: 'kamerbrief' as const, date: '2025-01-01' }, structure: letter({ commitments: [commitment('drie', 'minister x'), commitment('vier', 'B')] }) },
        { docId: SO.id, meta: SO.meta, structure: { ...SO.structure, questions: SO.structure.questions.slice(1) } },
        { docId: 'b', meta: { title: 'B, herzien', kind: 'motie' as const, date: '2025-01-03' }, structure: b2 },
      ];
      const one = await makeStore();
      for (const p of puts) await one.put(p.docId, p.meta, p.structure);
      const many = await makeStore();
      await many.putMany(puts);
      await many.putMany([]);
      const read = async (s: StructureStore) => ({
        commitments: await s.commitments({ today: FIXTURE_TODAY, limit: 100 }),
        actors: await s.commitmentActors(),
        questions: await s.questions({ limit: 100 }),
        parties: await s.parties(),
        meetings: await s.meetings(),
        citations: await Promise.all([...puts.map((p) => p.docId), 'nope'].map((id) => s.citations(id))),
        citedBy: await Promise.all(puts.map((p) => s.citedBy(p.docId))),
        keys: await s.documentsWithKeyPrefix('', 1000),
      });
      const expected = await read(one);
      assert.deepEqual(await read(many), expected);
      // The second put of b replaced its first: its rows, and the actor group named after a's row (b's are newer now).
      assert.deepEqual(expected.commitments.items.filter((c) => c.document.id === 'b').map((c) => c.text), ['een, herzien', 'elf']);
      assert.equal(expected.actors.find((a) => a.actor?.toLowerCase() === 'minister x')?.actor, 'minister x');
    });

    it('names a party after its most common spelling, of equally common ones the greatest in byte order', async () => {
      const s = await makeStore();
      const question = (id: string, party: string) => ({ id, party, text: `vraag ${id}`, answerIds: [] });
      await s.put('x', { title: 'X', kind: 'kamerbrief', date: null }, letter({ questions: [question('q1', 'pvv'), question('q2', 'PVV'), question('q3', 'Sp'), question('q4', 'SP')] }));
      await s.put('y', { title: 'Y', kind: 'kamerbrief', date: null }, letter({ questions: [question('q1', 'a'), question('q2', 'B'), question('q3', 'PVV')] }));
      await s.put('w', { title: 'W', kind: 'kamerbrief', date: null }, letter({ questions: [question('q1', 'b'), question('q2', 'A'), question('q3', '')] }));
      assert.deepEqual(await s.parties(), [
        { party: 'PVV', questions: 3, documents: 2 },
        { party: 'Sp', questions: 2, documents: 1 },
        { party: 'a', questions: 2, documents: 2 },
        { party: 'b', questions: 2, documents: 2 },
      ]);
    });

    it('filters questions by the quality of their answers and counts a party’s answers per quality', async () => {
      const s = await makeStore();
      const st = letter({
        questions: [
          { id: 'q1', party: 'VVD', text: 'Een?', answerIds: ['a1'] },
          { id: 'q2', party: 'vvd', text: 'Twee?', answerIds: ['a2', 'a3'] },
          { id: 'q3', party: 'D66', text: 'Drie?', answerIds: ['a3'] },
        ],
        answers: [
          { id: 'a1', number: 1, text: 'Ja.', seeAlso: [], quality: 'answered', qualityReason: null },
          { id: 'a2', number: 2, text: 'Zie antwoord 3.', seeAlso: [3], quality: 'referral', qualityReason: 'zie het antwoord op vraag 3', seeAlsoIds: ['a3'] },
          { id: 'a3', number: 3, text: 'Later.', seeAlso: [], quality: 'postponed', qualityReason: 'volgt later' },
        ],
      });
      await s.put('qa', { title: 'Antwoorden', kind: 'antwoord-kamervragen', date: '2025-02-01' }, st);
      assert.deepEqual(await s.answerQualities('Vvd'), { answered: 1, referral: 1, postponed: 1 });
      assert.deepEqual(await s.answerQualities('D66'), { postponed: 1 });
      const postponed = await s.questions({ quality: 'postponed' });
      assert.deepEqual(postponed.items.map((q) => q.id), ['q2', 'q3']);
      const q2 = postponed.items[0]!;
      assert.deepEqual(q2.answers.map((a) => [a.id, a.ordinal, a.quality, a.qualityReason, a.seeAlso, a.seeAlsoIds]), [
        ['a2', 1, 'referral', 'zie het antwoord op vraag 3', [3], ['a3']],
        ['a3', 2, 'postponed', 'volgt later', [], undefined],
      ]);
      assert.equal((await s.questions({ party: 'vvd', quality: 'answered' })).total, 1);
    });

    it('gives the newest citers of a document up to a limit, and how many cite it, whether few or many do', async () => {
      const s = await makeStore();
      const cite = (nr: string, raw: string) => ({ kind: 'kamerstuk' as const, raw, dossier: '37000', number: nr, year: null });
      // Carrying their keys by title: `doel` is cited by two documents, `vaak` by 70 of 123 (and cites itself, which does not count).
      await s.put('doel', { title: 'Brief (Kamerstuk 37000-5)', kind: 'kamerbrief', date: '2024-01-01' }, letter({}));
      await s.put('vaak', { title: 'Nota (Kamerstuk 37000-6)', kind: 'kamerbrief', date: '2024-01-02' }, letter({ citations: [cite('6', 'Kamerstuk 37000, nr. 6')] }));
      const dates = ['2025-03-01', null, '2025-01-15', '2025-03-01', '2024-12-31'];
      for (let i = 0; i < 121; i++) {
        const citations = [];
        if (i % 7 < 4) citations.push(cite('6', i % 2 ? 'Kamerstuk 37000, nr. 6' : '37 000, nr. 6'));
        if (i % 7 < 4 && i % 3 === 0) citations.push(cite('6', 'Kamerstuk 37000, nr. 6'), cite('6', 'kst-37000-6'));
        if (i === 5 || i === 40) citations.push(cite('5', 'Kamerstuk 37000, nr. 5'));
        await s.put(`c${String(i).padStart(3, '0')}`, { title: `Brief ${i}`, kind: 'kamerbrief', date: dates[i % dates.length]! }, letter({ citations }));
      }
      const all = await s.citedBy('vaak');
      assert.equal(all.length, 70);
      assert.equal(await s.citedByCount('vaak'), 70);
      assert.equal(all.some((c) => c.document.id === 'vaak'), false, 'a document citing itself is not its citer');
      for (const limit of [1, 10, 69, 70, 200]) {
        assert.deepEqual(await s.citedBy('vaak', limit), all.slice(0, limit), `limit ${limit}`);
      }
      // The witness has what the limit must keep apart: equal dates, undated citers, several spellings.
      const first = all.slice(0, 10);
      assert.ok(first.filter((c) => c.document.date === '2025-03-01').length > 1 && all.at(-1)!.document.date === null);
      assert.ok(all.some((c) => c.raws.length === 3));
      assert.deepEqual(ids((await s.citedBy('doel', 10)).map((c) => c.document)), ['c005', 'c040']);
      assert.deepEqual(await s.citedBy('doel', 1), (await s.citedBy('doel')).slice(0, 1));
      assert.equal(await s.citedByCount('doel'), 2);
      assert.equal(await s.citedByCount('c001'), 0);
      assert.deepEqual(await s.citedBy('c001', 10), []);
      assert.deepEqual(await s.citedBy('vaak', 0), []);
    });

    it('lists documents without a date after dated ones when newest come first, and before them when oldest come first', async () => {
      const s = await makeStore();
      const q = { id: 'q1', party: 'SP', text: 'Waarom?', answerIds: [] };
      const cite = { kind: 'kamerstuk' as const, raw: 'Kamerstuk 36000, nr. 1', dossier: '36000', number: '1', year: null };
      for (const [id, date] of [['m', '2025-01-01'], ['n', null], ['k', '2025-06-01'], ['l', null]] as const) {
        await s.put(id, { title: `Brief ${id} (Kamerstuk 36000-${id === 'k' || id === 'l' ? 2 : 1})`, kind: 'kamerbrief', date }, letter({ questions: [q], citations: [cite], commitments: [commitment('Wij komen terug.', null, '2025-04-01')] }));
      }
      assert.deepEqual(ids((await s.questions({ party: 'sp' })).items.map((x) => x.document)), ['k', 'm', 'l', 'n']);
      assert.deepEqual(ids((await s.commitments({ today: FIXTURE_TODAY })).items.map((x) => x.document)), ['k', 'm', 'l', 'n']);
      assert.deepEqual(ids(await s.documentsWithKey('kamerstuk:36000/1')), ['n', 'm']);
      assert.deepEqual(ids(await s.citingKey('kamerstuk:36000/1')), ['k', 'm', 'l', 'n']);
      assert.deepEqual((await s.citations('k'))[0]!.targets.map((d) => d.id), ['n', 'm']);
      assert.deepEqual(ids((await s.citedBy('m')).map((b) => b.document)), ['k', 'l', 'n']);
      assert.deepEqual(
        (await s.documentsWithKeyPrefix('kamerstuk:36000/', 10)).map((r) => [r.key, r.document.id]),
        [['kamerstuk:36000/1', 'm'], ['kamerstuk:36000/1', 'n'], ['kamerstuk:36000/2', 'k'], ['kamerstuk:36000/2', 'l']],
      );
      assert.deepEqual((await s.documentsWithKeyPrefix('kamerstuk:36000/', 3)).length, 3);
      assert.deepEqual(await s.documentsWithKeyPrefix('kamerstuk:3600/', 10), []);
      // Many keys at once: each as documentsWithKey answers it, keys no document carries absent.
      const many = await s.documentsWithKeys(['kamerstuk:36000/2', 'kamerstuk:36000/1', 'kamerstuk:36000/9', 'kamerstuk:36000/1']);
      assert.deepEqual([...many.keys()].sort(), ['kamerstuk:36000/1', 'kamerstuk:36000/2']);
      assert.deepEqual(many.get('kamerstuk:36000/1'), await s.documentsWithKey('kamerstuk:36000/1'));
      assert.deepEqual(ids(many.get('kamerstuk:36000/2')!), ['l', 'k'], 'undated first, as documentsWithKey');
      assert.equal((await s.documentsWithKeys([])).size, 0);
    });

    it('orders keys and ids by bytes, not by language', async () => {
      const s = await makeStore();
      for (const id of ['b', 'B', 'a-2', 'a10', 'a2', 'É', 'Z']) await s.put(id, { title: id, kind: 'kamerbrief', date: null }, letter({ identifiers: { kenmerken: [], documentNumbers: [`2025D0000${id.length}`], zaakNumbers: [], councilDocs: [] } }));
      assert.deepEqual(ids(await s.documentsWithKey('docnr:2025D00001')), ['B', 'Z', 'b', 'É']);
      assert.deepEqual(ids(await s.documentsWithKey('docnr:2025D00003')), ['a-2', 'a10']);
      assert.deepEqual(ids((await s.documentsWithKeys(['docnr:2025D00001'])).get('docnr:2025D00001')!), ['B', 'Z', 'b', 'É']);
    });
  });
}
