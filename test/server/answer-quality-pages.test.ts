/**
 * Issue 12 through HTTP (app.request()): answer quality on the party page (summary, filter, JSON twin) and the
 * document page, cross-party "zie ook" links, and commitments found by their topic. Real documents: the sample
 * corpus and two Aanhangsel Handelingen (test/fixtures/parse/qa-eval).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { importPaths } from '../../src/ingest/import.js';
import { refreshPromises } from '../../src/ingest/promises.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

describe('answer quality, referrals and commitment topics on the web and in the JSON', () => {
  let world: Opened;
  let app: Hono;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kl-quality-'));
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    cpSync('test/fixtures/parse/qa-eval/ah-tk-20232024-387.txt', join(dir, 'ah-tk-20232024-387.txt'));
    // A made-up later letter of the same minister on the Digital Fairness Act: it keeps the VSO's promise.
    cpSync('test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt', join(dir, 'kamerbrief-dfa.txt'));
    world = openServices(':memory:');
    await importPaths([dir], { units: world.units, store: world.store, index: world.index, structure: world.structure });
    await refreshPromises(world);
    app = createApp(world);
  });
  after(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as any };
  };

  it('the party page counts its answers by quality and filters on one', async () => {
    const { status, body } = await get('/partijen/CDA.json');
    assert.equal(status, 200);
    assert.equal(body.allQuestions, 9);
    assert.equal(body.answerQualities.postponed, 1);
    assert.equal(body.answerQualities['non-answer'], 1);
    assert.ok(body.answerQualities.answered >= 4);
    const postponed = await get('/partijen/CDA.json?kwaliteit=postponed');
    assert.equal(postponed.body.total, 1);
    assert.equal(postponed.body.quality, 'postponed');
    const a = postponed.body.questions[0].answers[0];
    assert.equal(a.quality, 'postponed');
    assert.match(a.qualityReason, /separate brief op deze vraag ingaan/);
    assert.deepEqual((await get('/api/parties/CDA?kwaliteit=postponed')).body, postponed.body);
    const page = await (await app.request('/partijen/CDA')).text();
    const c = body.answerQualities;
    const expected = [
      ['answered', 'beantwoord'], ['referral', 'verwezen'], ['postponed', 'uitgesteld'], ['partial', 'deels beantwoord'], ['non-answer', 'niet beantwoord'],
    ].filter(([k]) => c[k!] > 0).map(([k, l]) => `${c[k!]} ${l}`).join(', ');
    assert.ok(page.includes(`9 vragen: ${expected}`), expected);
    assert.ok(page.includes('href="/partijen/CDA?kwaliteit=non-answer"'));
    assert.ok(page.includes('niet beantwoord'));
  });

  it('an unknown quality is a 400 with a message naming the field', async () => {
    const { status, body } = await get('/partijen/CDA.json?kwaliteit=slecht');
    assert.equal(status, 400);
    assert.equal(body.ok, false);
    assert.match(body.error.message, /kwaliteit/);
  });

  it('the document page shows each answer’s quality and links a referral to another party’s answer', async () => {
    const page = await (await app.request(`/documents/${SAMPLE.verslag}`)).text();
    assert.ok(page.includes('class="badge quality answered"'));
    assert.ok(page.includes('href="#a6">het antwoord waarnaar verwezen wordt</a>'));
    const doc = (await get(`/documents/${SAMPLE.verslag}.json`)).body;
    const structure = doc.structure ?? doc.document?.structure;
    assert.ok(structure.answers.every((x: any) => typeof x.quality === 'string'));
  });

  it('commitments are found by their topic, also when the sentence only says "hierover"', async () => {
    const { body } = await get('/toezeggingen.json?q=benchmarkonderzoek');
    assert.equal(body.total, 1);
    assert.equal(body.commitments[0].text, 'De Kamer zal hierover (vertrouwelijk) geïnformeerd worden.');
    assert.match(body.commitments[0].topic, /benchmarkonderzoek/);
    const page = await (await app.request('/toezeggingen?q=benchmarkonderzoek')).text();
    assert.ok(page.includes('Onderwerp: '));
  });

  it('a promise with a deadline shows the later letter that kept it, with the evidence; others stay open', async () => {
    const { body } = await get('/toezeggingen.json?q=digital%20fairness&today=2025-09-01');
    const dfa = body.commitments.find((c: any) => c.document.id === SAMPLE.verslag);
    assert.equal(dfa.kept, 'fulfilled');
    assert.equal(dfa.fulfilledBy.document.title, 'Nederlandse inzet voor de Digital Fairness Act');
    assert.match(dfa.fulfilledBy.evidence, /economische zaken/);
    const other = (await get('/toezeggingen.json?q=blueprint&today=2025-09-01')).body.commitments[0];
    assert.equal(other.kept, 'open');
    assert.equal(other.fulfilledBy, null);
    const page = await (await app.request('/toezeggingen?q=digital%20fairness&today=2025-09-01')).text();
    assert.ok(page.includes('Waarschijnlijk nagekomen met <a href="/documents/'));
  });
});
