/** E-mail delivery through a real SMTP sink on loopback: digest, rerun, outage, unsubscribe. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addDoc, BASE_URL, SmtpSink, watchWorld, type World } from './helpers.js';

let sink: SmtpSink;
let w: World;
let mailer: ReturnType<SmtpSink['mailer']>;
let userId: string;

before(async () => {
  sink = new SmtpSink();
  await sink.start();
  mailer = sink.mailer();
  w = watchWorld({ mailer });
  userId = (await w.watch.userByEmail('carla@example.org')).id;
  await w.watch.createMonitor(userId, { kind: 'search', params: { query: 'cyberbeveiliging' }, interval: 'immediate', email: true });
  await w.watch.createMonitor(userId, { kind: 'dossier', params: { dossier: '21501-33' }, interval: 'immediate', email: true });
});
after(async () => {
  mailer.close();
  await sink.stop();
  await w.close();
});

it('sends exactly one multipart digest with the matches and why they matched', async () => {
  await addDoc(w, { id: 'brief-cyber', title: 'Kamerbrief over cyberbeveiliging', text: 'Het kabinet versterkt de cyberbeveiliging van gemeenten.' });
  await addDoc(w, { id: 'verslag-raad', title: 'Verslag Telecomraad', text: 'Zie het dossier.', dossiers: ['21501-33'] });
  await addDoc(w, { id: 'anders', title: 'Over visserij', text: 'Vis.' });
  const r = await w.watch.run({ trigger: 'import' });
  assert.equal(r.newMatches, 2);
  assert.equal(r.outbox.sent, 1);
  assert.equal(sink.mails.length, 1);
  const m = sink.mails[0]!;
  assert.deepEqual(m.to, ['carla@example.org']);
  assert.match(m.headers, /multipart\/alternative/i);
  assert.match(m.text, /Content-Type: text\/plain/i);
  assert.match(m.text, /Content-Type: text\/html/i);
  assert.match(m.text, /Kamerbrief over cyberbeveiliging/);
  assert.match(m.text, /Verslag Telecomraad/);
  assert.match(m.text, /past bij de zoekopdracht/);
  assert.match(m.text, /noemt dossier 21501-33/);
  assert.match(m.text, /cyberbeveiliging van gemeenten/, 'a snippet of the text');
  assert.doesNotMatch(m.text, /visserij/);
  assert.match(m.headers, /^List-Unsubscribe:\s+<http:\/\/kamerlens\.test\/afmelden\/u\.[^>]+>/m);
  assert.match(m.headers, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  assert.match(m.subject, /2 documenten/);
});

it('a rerun sends nothing', async () => {
  const r = await w.watch.run();
  assert.equal(r.newMatches, 0);
  assert.equal(sink.mails.length, 1);
});

it('with the mail server down nothing is lost: it is sent on a later run, once', async () => {
  const port = sink.port;
  await sink.stop();
  await addDoc(w, { id: 'brief-cyber-2', title: 'Tweede brief cyberbeveiliging', text: 'Opnieuw cyberbeveiliging.' });
  const down = await w.watch.run();
  assert.equal(down.newMatches, 1);
  assert.equal(down.outbox.failed, 1);
  assert.equal(down.outbox.pending, 1);
  // Not due yet (backoff): a run right away does not retry and sends nothing.
  await sink.start(port);
  assert.equal((await w.watch.run()).outbox.sent, 0);
  assert.equal(sink.mails.length, 1);
  w.clock.advance(2 * 60_000);
  const up = await w.watch.run();
  assert.equal(up.outbox.sent, 1);
  assert.equal(up.outbox.pending, 0);
  assert.equal(sink.mails.length, 2);
  assert.match(sink.mails[1]!.text, /Tweede brief cyberbeveiliging/);
  w.clock.advance(60 * 60_000);
  await w.watch.run();
  assert.equal(sink.mails.length, 2, 'never twice');
});

it('the unsubscribe link in the mail stops mail for that monitor', async () => {
  const last = sink.mails.at(-1)!;
  const links = [...last.text.matchAll(/http:\/\/kamerlens\.test(\/afmelden\/m\.[A-Za-z0-9._-]+)/g)].map((x) => x[1]!);
  assert.ok(links.length >= 1);
  const token = links[0]!.slice('/afmelden/'.length);
  assert.deepEqual(await w.watch.unsubscribe(token), { ok: true, label: 'zoekopdracht “cyberbeveiliging”' });
  assert.deepEqual(await w.watch.unsubscribe(token.slice(0, -2) + 'xx'), { ok: false, label: null }, 'a forged token does nothing');
  await addDoc(w, { id: 'brief-cyber-3', title: 'Derde brief cyberbeveiliging', text: 'Weer cyberbeveiliging.' });
  const r = await w.watch.run();
  assert.equal(r.newMatches, 1, 'still matched (feed) …');
  assert.equal(sink.mails.length, 2, '… but no mail');
  // The whole-account link stops the other monitor too.
  const all = /http:\/\/kamerlens\.test\/afmelden\/(u\.[A-Za-z0-9._-]+)/.exec(last.text)![1]!;
  assert.equal((await w.watch.unsubscribe(all)).ok, true);
  await addDoc(w, { id: 'verslag-2', title: 'Nog een verslag', text: 'Dossier.', dossiers: ['21501-33'] });
  await w.watch.run();
  assert.equal(sink.mails.length, 2);
  assert.ok(BASE_URL);
});
