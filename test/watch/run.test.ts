/** Matching with watermarks, exactly-once items and deliveries, digests, monitor kinds. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { addDoc, watchWorld, type World } from './helpers.js';

const DAY = 86_400_000;

describe('watch runs', () => {
  let w: World;
  let mailer: MemoryMailer;
  let alice: { id: string; email: string };

  beforeEach(async () => {
    mailer = new MemoryMailer();
    w = watchWorld({ mailer });
    alice = await w.watch.userByEmail('Alice@Example.org');
    // The archive before anyone follows anything: not news.
    await addDoc(w, { id: 'oud-cyber', title: 'Oude brief over cyberbeveiliging', text: 'Cyberbeveiliging van netwerken.', date: '2024-01-01' });
  });

  it('the change log sees every stored version, once, in order', async () => {
    const head0 = await w.watchStore.changeHead();
    await addDoc(w, { id: 'a', title: 'A', text: 'eerste' });
    await addDoc(w, { id: 'a', title: 'A', text: 'eerste' }); // same content: unchanged, no log entry
    await addDoc(w, { id: 'a', title: 'A', text: 'tweede versie' });
    assert.equal(await w.watchStore.changeHead(), head0 + 2);
    const changed = await w.watchStore.changedDocuments(head0, head0 + 2);
    assert.deepEqual(changed.map((c) => [c.docId, c.version]), [['a', 2]], 'one row per document, its latest version');
  });

  it('matches only what arrived after the monitor was made, and only once', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'cyberbeveiliging' }, interval: 'immediate', email: true });
    assert.equal(m.query, 'cyberbeveiliging');
    const empty = await w.watch.run({ trigger: 'test' });
    assert.equal(empty.monitors, 0, 'nothing changed: no monitor is due');

    await addDoc(w, { id: 'nieuw-cyber', title: 'Kamerbrief cyberbeveiliging', text: 'Het kabinet investeert in cyberbeveiliging van de vitale infrastructuur.', date: '2026-05-30' });
    await addDoc(w, { id: 'nieuw-anders', title: 'Kamerbrief visserij', text: 'Over de visserij in de Noordzee.', date: '2026-05-30' });
    const r1 = await w.watch.run({ trigger: 'test' });
    assert.equal(r1.monitors, 1);
    assert.equal(r1.changedDocuments, 2);
    assert.equal(r1.newMatches, 1);
    assert.equal(mailer.sent.length, 1, 'one digest');
    assert.match(mailer.sent[0]!.text, /Kamerbrief cyberbeveiliging/);
    assert.doesNotMatch(mailer.sent[0]!.text, /visserij|Oude brief/);

    const r2 = await w.watch.run({ trigger: 'test' });
    assert.equal(r2.newMatches, 0);
    assert.equal(mailer.sent.length, 1, 'a rerun sends nothing');

    // Re-sending the same entity (same content) is not news either.
    await addDoc(w, { id: 'nieuw-cyber', title: 'Kamerbrief cyberbeveiliging', text: 'Het kabinet investeert in cyberbeveiliging van de vitale infrastructuur.', date: '2026-05-30' });
    assert.equal((await w.watch.run()).newMatches, 0);
    assert.equal(mailer.sent.length, 1);

    const detail = await w.watch.getMonitor(alice.id, m.id);
    assert.deepEqual(detail.matches.map((x) => x.docId), ['nieuw-cyber']);
    assert.deepEqual(detail.deliveries.map((d) => `${d.channel}:${d.state}`).sort(), ['email:delivered', 'feed:delivered']);
    assert.ok(detail.preview.some((p) => p.docId === 'oud-cyber'), 'the preview shows what it would match in the whole archive');
  });

  it('a new version of a matching document is delivered as an update', async () => {
    await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: '"vitale infrastructuur"' }, interval: 'immediate', email: true });
    await addDoc(w, { id: 'brief', title: 'Brief', text: 'Over vitale infrastructuur.' });
    await w.watch.run();
    await addDoc(w, { id: 'brief', title: 'Brief', text: 'Over vitale infrastructuur, herzien.' });
    const r = await w.watch.run();
    assert.equal(r.newMatches, 1);
    assert.equal(mailer.sent.length, 2);
    assert.match(mailer.sent[1]!.text, /bijgewerkt: Brief/);
  });

  it('groups one user\u2019s immediate monitors into one message per run', async () => {
    await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'glasvezel' }, interval: 'immediate', email: true });
    await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'satelliet*' }, interval: 'immediate', email: true });
    const bob = await w.watch.userByEmail('bob@example.org');
    await w.watch.createMonitor(bob.id, { kind: 'search', params: { query: 'glasvezel' }, interval: 'immediate', email: true });
    await addDoc(w, { id: 'g', title: 'Glasvezel', text: 'Uitrol van glasvezel.' });
    await addDoc(w, { id: 's', title: 'Satellieten', text: 'Satellieten en satellietinternet.' });
    await w.watch.run();
    assert.equal(mailer.sent.length, 2, 'one for Alice (two sections), one for Bob');
    const toAlice = mailer.sent.find((m) => m.to === 'alice@example.org')!;
    assert.match(toAlice.text, /glasvezel/);
    assert.match(toAlice.text, /satelliet\*/);
    assert.match(toAlice.headers?.['List-Unsubscribe'] ?? '', /^<http:\/\/kamerlens\.test\/afmelden\/u\./);
  });

  it('daily digests wait for their time and then send everything in one message', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'telecom' }, interval: 'daily', email: true });
    await addDoc(w, { id: 't1', title: 'Telecom 1', text: 'Telecomraad juni.' });
    assert.equal((await w.watch.run()).monitors, 0, 'not due yet');
    w.clock.advance(DAY / 2);
    await addDoc(w, { id: 't2', title: 'Telecom 2', text: 'Telecomwet en telecom.' });
    assert.equal((await w.watch.run()).monitors, 0);
    assert.equal(mailer.sent.length, 0);
    w.clock.advance(DAY / 2 + 1000);
    const r = await w.watch.run();
    assert.equal(r.monitors, 1);
    assert.equal(r.newMatches, 2);
    assert.equal(mailer.sent.length, 1);
    assert.match(mailer.sent[0]!.subject, /Dagelijks overzicht.*2 documenten/);
    w.clock.advance(DAY + 1000);
    assert.equal((await w.watch.run()).newMatches, 0);
    assert.equal(mailer.sent.length, 1);
    const view = (await w.watch.listMonitors(alice.id)).find((x) => x.id === m.id)!;
    assert.equal(view.matchCount, 2);
  });

  it('party and dossier monitors use the query language filters', async () => {
    const p = await w.watch.createMonitor(alice.id, { kind: 'party', params: { party: 'GroenLinks-PvdA' }, interval: 'immediate', email: false });
    assert.equal(p.query, 'party:GroenLinks-PvdA');
    const d = await w.watch.createMonitor(alice.id, { kind: 'dossier', params: { dossier: '21501-33' }, interval: 'immediate', email: false });
    await addDoc(w, { id: 'vragen', title: 'Vragen over 5G', text: 'Vragen van het lid.', kind: 'kamervragen', parties: ['GroenLinks-PvdA'] });
    await addDoc(w, { id: 'verslag', title: 'Verslag Telecomraad', text: 'Zie dossier.', dossiers: ['21501-33'] });
    await addDoc(w, { id: 'ander', title: 'Vragen PVV', text: 'Vragen.', kind: 'kamervragen', parties: ['PVV'], dossiers: ['36000'] });
    await w.watch.run();
    assert.deepEqual((await w.watch.getMonitor(alice.id, p.id)).matches.map((x) => x.docId), ['vragen']);
    assert.deepEqual((await w.watch.getMonitor(alice.id, d.id)).matches.map((x) => x.docId), ['verslag']);
  });

  it('commitment monitors see new commitments of an actor', async () => {
    const c = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'staatssecretaris' }, interval: 'immediate', email: false });
    await addDoc(w, { id: 'tz', title: 'Brief met toezegging', text: 'De staatssecretaris zal de Kamer informeren.', commitments: [{ text: 'De Kamer voor de zomer informeren', actor: 'Staatssecretaris van EZK' }] });
    await addDoc(w, { id: 'geen', title: 'Brief zonder toezegging', text: 'Niets.' });
    await w.watch.run();
    const m = (await w.watch.getMonitor(alice.id, c.id)).matches;
    assert.deepEqual(m.map((x) => x.docId), ['tz']);
    assert.match(m[0]!.reason, /toezegging van Staatssecretaris van EZK/);
  });

  it('rejects bad monitors with BAD_REQUEST', async () => {
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'search', params: { query: '"open' }, interval: 'immediate', email: true }), { code: 'BAD_REQUEST' });
    // Follows report documents: a search for other types of result, or by committee, would never match.
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'cyber type:zaak' }, interval: 'immediate', email: true }), { code: 'BAD_REQUEST', message: /type: en commissie: kunnen \(nog\) niet worden gevolgd/ });
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'committee:DiZa' }, interval: 'immediate', email: true }), { code: 'BAD_REQUEST' });
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'person' as never, params: {}, interval: 'immediate', email: true }), { code: 'BAD_REQUEST' });
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'x' }, interval: 'hourly' as never, email: true }), { code: 'BAD_REQUEST' });
    await assert.rejects(w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'x' }, interval: 'daily', email: true, webhookUrl: 'ftp://x' }), { code: 'BAD_REQUEST' });
  });

  it('an interrupted run leaves nothing half done: the rerun delivers exactly once', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'waterstof' }, interval: 'immediate', email: true });
    await addDoc(w, { id: 'h2', title: 'Waterstof', text: 'Waterstofnetwerk.' });
    // Crash in the middle of the run's transaction (after the item and its deliveries were written).
    const original = w.watchStore.advanceMonitor.bind(w.watchStore);
    w.watchStore.advanceMonitor = async () => {
      throw new Error('crash');
    };
    await assert.rejects(w.watch.run(), /crash/);
    w.watchStore.advanceMonitor = original;
    assert.equal((await w.watch.getMonitor(alice.id, m.id)).matches.length, 0, 'rolled back');
    assert.equal(mailer.sent.length, 0);
    const r = await w.watch.run();
    assert.equal(r.newMatches, 1);
    assert.equal(mailer.sent.length, 1);
    assert.equal((await w.watch.run()).newMatches, 0);
    assert.equal(mailer.sent.length, 1);
  });

  it('deleting an account removes everything of the user', async () => {
    const m = await w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'cyberbeveiliging' }, interval: 'immediate', email: true });
    await w.watch.createApiToken(alice.id, 'script');
    await addDoc(w, { id: 'c2', title: 'Cyber', text: 'cyberbeveiliging' });
    await w.watch.run();
    await w.watch.deleteAccount(alice.id);
    const counts = w.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM watch_users) u, (SELECT COUNT(*) FROM watch_monitors) m, (SELECT COUNT(*) FROM watch_items) i,
                (SELECT COUNT(*) FROM watch_deliveries) d, (SELECT COUNT(*) FROM watch_outbox) o, (SELECT COUNT(*) FROM watch_api_tokens) t,
                (SELECT COUNT(*) FROM watch_sessions) s`,
      )
      .get();
    assert.deepEqual(counts, { u: 0, m: 0, i: 0, d: 0, o: 0, t: 0, s: 0 });
    await assert.rejects(w.watch.getMonitor(alice.id, m.id), { code: 'NOT_FOUND' });
  });
});

describe('watch store on a file database', () => {
  let w: World;
  before(() => {
    w = watchWorld();
  });
  after(() => w.close());
  it('migrates idempotently in its own namespace', () => {
    const rows = w.db.prepare('SELECT namespace, version FROM schema_migrations ORDER BY namespace').all() as { namespace: string }[];
    assert.ok(rows.some((r) => r.namespace === 'watch'));
    assert.ok(rows.some((r) => r.namespace === 'store'));
  });
});
