/**
 * An alert about a new version says what changed, and the Council-thread monitor calls an
 * update an update: the watch run with the composition root's `describeChange`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeNewVersion } from '../../src/service/changes.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { createWatchService } from '../../src/watch/service.js';
import { addDoc, watchWorld } from '../watch/helpers.js';

describe('alerts about a new version', () => {
  it('say what changed, in the mail and the feed, and the meeting monitor does not call it new', async () => {
    const mailer = new MemoryMailer();
    const w = watchWorld({ mailer });
    const watch = createWatchService({ ...w.deps, mailer, describeChange: (id, v) => describeNewVersion({ store: w.store }, id, v) });
    const alice = await watch.userByEmail('alice@example.org');
    const m = await watch.createMonitor(alice.id, { kind: 'meeting', params: { meeting: 'telecomraad-2025-06-06' }, interval: 'immediate', email: true });
    const telecom = { body: 'Telecomraad', formal: true, startDate: '2025-06-06', endDate: null, location: 'Luxemburg' };
    const before = 'Het kabinet informeert de Kamer uiterlijk 1 mei 2025 over de uitkomst van de besprekingen.';
    const after = 'Het kabinet informeert de Kamer uiterlijk 1 juni 2025 over de uitkomst van de besprekingen.';
    const doc = (text: string, dueDate: string) => ({
      id: 'agenda', title: 'Geannoteerde agenda Telecomraad 6 juni 2025', text: `Geannoteerde agenda.\n${text}`, kind: 'geannoteerde-agenda' as const,
      meetings: [telecom], commitments: [{ text, actor: 'minister', dueDate }],
    });
    await addDoc(w, doc(before, '2025-05-01'));
    await watch.run();
    await addDoc(w, doc(after, '2025-06-01'));
    await watch.run();

    const matches = (await watch.getMonitor(alice.id, m.id)).matches;
    assert.equal(matches.length, 2);
    const update = matches.find((x) => x.version === 2)!;
    assert.equal(update.reason, `nieuwe versie van een stuk over de ${m.label}`);
    assert.doesNotMatch(update.reason, /nieuw stuk/);
    const sentence = 'De termijn van de toezegging „Het kabinet informeert de Kamer uiterlijk 1 juni 2025 over de…” is verschoven van 1 mei naar 1 juni 2025.';
    assert.ok(update.snippet.includes(sentence), update.snippet);
    assert.equal(matches.find((x) => x.version === 1)!.reason.startsWith('nieuw stuk'), true);

    const mail = mailer.sent.at(-1)!;
    assert.ok(mail.text.replace(/\s+/g, ' ').includes(sentence), 'the mail says what changed');
    const feedPath = (await watch.mine(alice.id)).monitors[0]!.feedPath;
    const xml = (await watch.feed(feedPath.replace(/^\/feeds\//, '').replace(/\.atom$/, '')))!;
    assert.ok(xml.includes('verschoven van 1 mei naar 1 juni 2025'), 'the feed says what changed');
    await w.close();
  });
});
