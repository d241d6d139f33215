/**
 * The monitor kinds beyond saved searches: commitment deadlines and fulfilment, entity follows
 * (person, committee, zaak, dossier) through the open-data change log, Council meeting threads,
 * answered written questions; each matches, is delivered once, and a rerun sends nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/parse/index.js';
import { beforeEach, describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { addDoc, watchWorld, type World } from './helpers.js';

const DAY = 86_400_000;
const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const P = g(1); // a member
const C = g(2); // a committee
const Z = g(3); // a zaak (written questions)
const D = g(4); // a document
const DOS = g(5); // a Kamerstukdossier

function ent(category: string, id: string, updated: string, fields: Record<string, string | null>, refs: [string, string][] = []): TkEntity {
  return { id, category, updated, deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })) };
}

async function put(w: World, ...entities: TkEntity[]): Promise<void> {
  for (const e of entities) await w.tk.applyPage(e.category, [{ entity: e, enclosure: null }], null);
}

describe('monitor kinds', () => {
  let w: World;
  let mailer: MemoryMailer;
  let alice: { id: string; email: string };

  beforeEach(async () => {
    mailer = new MemoryMailer();
    w = watchWorld({ mailer });
    alice = await w.watch.userByEmail('alice@example.org');
    await put(
      w,
      ent('Persoon', P, '2024-01-01T00:00:00Z', { roepnaam: 'Barbara', achternaam: 'Kathmann', nummer: '4711' }),
      ent('Commissie', C, '2024-01-01T00:00:00Z', { afkorting: 'DiZa', naamNl: 'vaste commissie voor Digitale Zaken' }),
      ent('Kamerstukdossier', DOS, '2024-01-01T00:00:00Z', { nummer: '36600', toevoeging: null }),
      ent('Zaak', Z, '2026-05-20T00:00:00Z', { nummer: '2026Z09999', soort: 'Schriftelijke vragen', onderwerp: 'Vragen over glasvezel' }, [['kamerstukdossier', DOS]]),
    );
  });

  const matches = async (id: string) => (await w.watch.getMonitor(alice.id, id)).matches;

  it('the entity change log: one entry per real change, written with the entity', async () => {
    const head = await w.tk.changeHead();
    const e = ent('Zaak', g(50), '2026-06-01T00:00:00Z', { nummer: '2026Z00050' });
    await put(w, e);
    await put(w, e); // re-sent unchanged: not a change
    assert.equal(await w.tk.changeHead(), head + 1);
    await put(w, { ...e, updated: '2026-06-02T00:00:00Z', fields: { nummer: '2026Z00050', onderwerp: 'x' } });
    await w.tk.applyPage('Zaak', [{ entity: { ...e, deleted: true }, enclosure: null }], null);
    const changes = await w.tk.changesSince(head, await w.tk.changeHead());
    assert.equal(changes.length, 1, 'one row per entity: its latest change');
    assert.deepEqual([changes[0]!.deleted, changes[0]!.firstSeq], [true, head + 1]);
  });

  it('person: documents newly linked to the member, once; an update again, once', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'person', params: { person: P }, interval: 'immediate', email: true });
    assert.equal(m.label, 'Kamerlid Barbara Kathmann');
    await put(
      w,
      ent('Document', D, '2026-06-01T09:00:00Z', { soort: 'Motie', documentNummer: '2026D00001', onderwerp: 'Motie over digitale autonomie', datum: '2026-06-01T00:00:00' }, [['zaak', Z]]),
      ent('DocumentActor', g(40), '2026-06-01T09:00:00Z', { relatie: 'Indiener' }, [['document', D], ['persoon', P]]),
      ent('Document', g(41), '2026-06-01T09:00:00Z', { soort: 'Brief regering', onderwerp: 'Iets anders' }),
    );
    const r = await w.watch.run();
    assert.equal(r.newMatches, 1);
    const ms = await matches(m.id);
    assert.deepEqual(ms.map((x) => [x.docId, x.change, x.link]), [[D, 'new', '/kamer/document/2026D00001']]);
    assert.equal(mailer.sent.length, 1);
    assert.match(mailer.sent[0]!.text, /Motie over digitale autonomie/);
    assert.match(mailer.sent[0]!.text, /http:\/\/kamerlens\.test\/kamer\/document\/2026D00001/);
    assert.equal((await w.watch.run()).newMatches, 0, 'rerun: nothing');
    assert.equal(mailer.sent.length, 1);
    await put(w, ent('Document', D, '2026-06-02T09:00:00Z', { soort: 'Motie', documentNummer: '2026D00001', onderwerp: 'Motie over digitale autonomie (gewijzigd)' }, [['zaak', Z]]));
    w.clock.advance(DAY);
    assert.equal((await w.watch.run()).newMatches, 1);
    assert.equal((await matches(m.id))[0]!.change, 'updated');
    assert.equal((await w.watch.run()).newMatches, 0);
    assert.equal(mailer.sent.length, 2);
  });

  it('committee, zaak and dossier follows see what is linked to them', async () => {
    const c = await w.watch.createMonitor(alice.id, { kind: 'committee', params: { committee: 'DiZa' }, interval: 'immediate', email: false });
    const z = await w.watch.createMonitor(alice.id, { kind: 'zaak', params: { zaak: '2026Z09999' }, interval: 'immediate', email: false });
    const d = await w.watch.createMonitor(alice.id, { kind: 'dossier', params: { dossier: '36600' }, interval: 'immediate', email: false });
    assert.match(c.label, /Digitale Zaken/);
    await put(
      w,
      ent('Activiteit', g(60), '2026-06-01T10:00:00Z', { soort: 'Commissiedebat', nummer: '2026A00060', onderwerp: 'Commissiedebat Telecomraad' }, [['voortouwcommissie', C]]),
      ent('Document', g(61), '2026-06-01T10:00:00Z', { soort: 'Brief regering', documentNummer: '2026D00061', onderwerp: 'Brief over glasvezel' }, [['zaak', Z]]),
    );
    await w.watch.run();
    assert.deepEqual((await matches(c.id)).map((x) => x.docId), [g(60)]);
    assert.deepEqual((await matches(z.id)).map((x) => x.docId), [g(61)]);
    assert.deepEqual((await matches(d.id)).map((x) => x.docId), [g(61)], 'a document of a zaak in the dossier');
    assert.equal((await w.watch.run()).newMatches, 0);
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'zaak', params: { zaak: 'geen zaak' }, interval: 'immediate', email: false }), { code: 'BAD_REQUEST' });
  });

  it('written questions answered: by zaak (open data and imported answers) and by party', async () => {
    const byZaak = await w.watch.createMonitor(alice.id, { kind: 'answers', params: { zaak: '2026Z09999' }, interval: 'immediate', email: false });
    const byParty = await w.watch.createMonitor(alice.id, { kind: 'answers', params: { party: 'GroenLinks-PvdA' }, interval: 'immediate', email: false });
    await put(
      w,
      ent('Document', g(70), '2026-06-01T11:00:00Z', { soort: 'Antwoord schriftelijke vragen', documentNummer: '2026D00070', onderwerp: 'Antwoord op vragen over glasvezel' }, [['zaak', Z]]),
      ent('Document', g(71), '2026-06-01T11:00:00Z', { soort: 'Schriftelijke vragen', documentNummer: '2026D00071', onderwerp: 'Vragen over glasvezel' }, [['zaak', Z]]),
    );
    await addDoc(w, { id: 'antwoord', title: 'Antwoord op vragen over glasvezel', text: 'Antwoord 1. Ja.', kind: 'antwoord-kamervragen', zaakNumbers: ['2026Z09999'], parties: ['GroenLinks-PvdA'], answers: ['Ja, de uitrol gaat door.'] });
    await addDoc(w, { id: 'vragen', title: 'Vragen over glasvezel', text: 'Vraag 1.', kind: 'kamervragen', zaakNumbers: ['2026Z09999'], parties: ['GroenLinks-PvdA'] });
    await w.watch.run();
    assert.deepEqual((await matches(byZaak.id)).map((x) => x.docId).sort(), ['antwoord', g(70)].sort());
    assert.deepEqual((await matches(byParty.id)).map((x) => x.docId), ['antwoord']);
    assert.equal((await w.watch.run()).newMatches, 0);
  });

  it('answers of one quality to a party: "tell me when my party gets a non-answer" (Aanhangsel 387, real text)', async () => {
    const nonAnswer = await w.watch.createMonitor(alice.id, { kind: 'answers', params: { party: 'CDA', quality: 'non-answer' }, interval: 'immediate', email: false });
    const referral = await w.watch.createMonitor(alice.id, { kind: 'answers', params: { party: 'CDA', quality: 'referral' }, interval: 'immediate', email: false });
    const text = readFileSync('test/fixtures/parse/qa-eval/ah-tk-20232024-387.txt', 'utf8');
    const parsed = parseDocument(text);
    await addDoc(w, { id: 'ah-387', title: 'Antwoord op vragen over de Zuidelijke Kaukasus', text, kind: parsed.kind, parsed });
    await w.watch.run();
    const found = await matches(nonAnswer.id);
    assert.deepEqual(found.map((x) => x.docId), ['ah-387']);
    assert.deepEqual(await matches(referral.id), [], 'no answer in it is a referral');
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'answers', params: { party: 'CDA', quality: 'slecht' }, interval: 'immediate', email: false }), { code: 'BAD_REQUEST' });
  });

  it('Council meeting thread: new documents about that meeting only', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'meeting', params: { meeting: 'Telecomraad-2026-06-05' }, interval: 'immediate', email: false });
    const telecom = { body: 'Telecomraad', formal: true, startDate: '2026-06-05', endDate: null, location: 'Luxemburg' };
    await addDoc(w, { id: 'agenda', title: 'Geannoteerde agenda Telecomraad', text: 'Agenda.', kind: 'geannoteerde-agenda', meetings: [telecom] });
    await addDoc(w, { id: 'ander', title: 'Geannoteerde agenda Energieraad', text: 'Agenda.', kind: 'geannoteerde-agenda', meetings: [{ ...telecom, body: 'Energieraad' }] });
    await w.watch.run();
    assert.deepEqual((await matches(m.id)).map((x) => x.docId), ['agenda']);
    await addDoc(w, { id: 'verslag', title: 'Verslag Telecomraad', text: 'Verslag.', kind: 'verslag-raad', meetings: [telecom] });
    await w.watch.run();
    assert.deepEqual((await matches(m.id)).map((x) => x.docId), ['verslag', 'agenda']);
    assert.equal((await w.watch.run()).newMatches, 0);
  });

  describe('commitments', () => {
    const tz = (n: number, updated: string, fields: Record<string, string | null>) =>
      ent('Toezegging', g(100 + n), updated, { nummer: `TZ2026-${n}`, functie: 'staatssecretaris Digitalisering', naam: 'Szabó', ministerie: 'Binnenlandse Zaken en Koninkrijksrelaties', tekst: `Toezegging ${n}`, ...fields });

    it('falling due within N days: parsed and register commitments, each once', async () => {
      const m = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'staatssecretaris', event: 'due', days: '14' }, interval: 'immediate', email: true });
      assert.match(m.label, /binnen 14 dagen/);
      await addDoc(w, { id: 'brief', title: 'Brief met toezeggingen', text: 'Toezeggingen.', commitments: [
        { text: 'Voor 11 juni een brief', actor: 'Staatssecretaris van BZK', dueDate: '2026-06-11' },
        { text: 'In september een evaluatie', actor: 'Staatssecretaris van BZK', dueDate: '2026-09-30' },
        { text: 'De minister komt terug', actor: 'Minister van EZ', dueDate: '2026-06-10' },
      ] });
      await put(w, tz(1, '2026-06-01T07:00:00Z', { status: 'Openstaand', datumNakoming: '2026-06-12T00:00:00' }), tz(2, '2026-06-01T07:00:00Z', { status: 'Voldaan', datumNakoming: '2026-06-12T00:00:00' }));
      await w.watch.run();
      const found = await matches(m.id);
      assert.deepEqual(found.map((x) => x.reason).sort(), ['toezegging van Staatssecretaris van BZK vervalt op 2026-06-11', 'toezegging van staatssecretaris Digitalisering Szabó vervalt op 2026-06-12']);
      assert.equal(mailer.sent.length, 1);
      w.clock.advance(DAY);
      assert.equal((await w.watch.run()).monitors, 1, 'a deadline monitor runs daily, even when nothing changed');
      assert.equal((await matches(m.id)).length, 2, 'each deadline once');
      assert.equal(mailer.sent.length, 1);
    });

    it('overdue: deadlines that pass while followed, once', async () => {
      const m = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { ministry: 'Binnenlandse Zaken', event: 'overdue' }, interval: 'immediate', email: false });
      await put(w, tz(3, '2026-06-01T07:00:00Z', { status: 'Openstaand', datumNakoming: '2026-06-03T00:00:00' }), tz(4, '2026-06-01T07:00:00Z', { status: 'Openstaand', datumNakoming: '2025-01-01T00:00:00' }));
      assert.equal((await w.watch.run()).newMatches, 0);
      w.clock.advance(4 * DAY);
      assert.equal((await w.watch.run()).newMatches, 1);
      assert.deepEqual((await matches(m.id)).map((x) => x.docId), [g(103)]);
      w.clock.advance(DAY);
      assert.equal((await w.watch.run()).newMatches, 0);
    });

    it('new in the register, and fulfilled (the register status), once each', async () => {
      const added = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'Szabó' }, interval: 'immediate', email: false });
      const done = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'Szabó', event: 'fulfilled' }, interval: 'immediate', email: false });
      await put(w, tz(5, '2026-06-01T07:00:00Z', { status: 'Openstaand' }));
      await w.watch.run();
      assert.deepEqual((await matches(added.id)).map((x) => x.docId), [g(105)]);
      assert.equal((await matches(done.id)).length, 0);
      await put(w, tz(5, '2026-06-02T07:00:00Z', { status: 'Voldaan', kamerbriefNakoming: '2026D01234' }));
      await w.watch.run();
      assert.equal((await matches(added.id)).length, 1, 'an update is not a new commitment');
      assert.deepEqual((await matches(done.id)).map((x) => x.reason), ['toezegging nagekomen (2026D01234)']);
      await put(w, tz(5, '2026-06-03T07:00:00Z', { status: 'Voldaan', kamerbriefNakoming: '2026D01234', tekst: 'Toezegging 5 (tekst verbeterd)' }));
      assert.equal((await w.watch.run()).newMatches, 0, 'fulfilled once, whatever changes later');
    });
  });

  it('a digest lists the newest few of a large batch and counts the rest', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'glasvezel' }, interval: 'immediate', email: true });
    for (let i = 0; i < 8; i++) await addDoc(w, { id: `gv${i}`, title: `Glasvezel ${i}`, text: `Over de uitrol van glasvezel, deel ${i}.` });
    assert.equal((await w.watch.run()).newMatches, 8);
    const mail = mailer.sent[0]!;
    assert.match(mail.subject, /8 documenten/);
    assert.match(mail.text, /Glasvezel 7/);
    assert.doesNotMatch(mail.text, /Glasvezel 2\b/);
    assert.match(mail.text, /en nog 3 andere: http:\/\/kamerlens\.test\/mijn\/volgers\//);
    assert.match(mail.text, /uitrol van glasvezel, deel 7/, 'shown items have a snippet');
    const all = await matches(m.id);
    assert.equal(all.length, 8, 'the feed has every item');
    assert.deepEqual(all.slice(0, 2).map((x) => x.docId), ['gv7', 'gv6'], 'newest first');
    const detail = await w.watch.getMonitor(alice.id, m.id);
    assert.equal(detail.deliveries.filter((d) => d.channel === 'email').length, 5);
    assert.equal(detail.deliveries.filter((d) => d.channel === 'feed').length, 8);
  });
});
