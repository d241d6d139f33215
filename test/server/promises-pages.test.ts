/**
 * Promises of both sources through HTTP (app.request()): /toezeggingen lists the commitments found in documents and
 * the Kamer's register in one view, a linked pair as one promise, each row saying its source; whether each was kept
 * (and by which letter, with its sentence); the same on the document page, the Kamer's register page and the JSON
 * twins. Real documents: the sample corpus and the later DFA letter; the register: test/helpers/promises-world.ts.
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
import { REGISTER, putRegister } from '../helpers/promises-world.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

describe('promises of both sources on the web and in the JSON', () => {
  let world: Opened;
  let app: Hono;
  let dir: string;
  const T = 'today=2025-09-01';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kl-promise-pages-'));
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    cpSync('test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt', join(dir, 'kamerbrief-dfa.txt'));
    world = openServices(':memory:');
    await importPaths([dir], { units: world.units, store: world.store, index: world.index, structure: world.structure });
    await putRegister(world);
    await refreshPromises(world);
    app = createApp(world);
  });
  after(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const json = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const html = async (path: string) => (await app.request(path)).text();

  it('lists both sources, a linked pair as one promise with both, each row with its source', async () => {
    const { status, body } = await json(`/toezeggingen.json?${T}`);
    assert.equal(status, 200);
    const sources = body.commitments.map((c: any) => c.source);
    assert.ok(sources.includes('document') && sources.includes('register') && sources.includes('both'), sources.join());
    const both = body.commitments.filter((c: any) => c.source === 'both');
    assert.equal(both.length, 1);
    assert.equal(both[0].document.id, SAMPLE.verslag);
    assert.equal(both[0].register.nummer, 'TZ202503-050');
    assert.equal(both[0].register.url, `/kamer/toezeggingen/${REGISTER.linked}`);
    assert.ok(both[0].link.reasons.includes('in hetzelfde debat'));
    // The linked register entry is not listed a second time.
    assert.equal(body.commitments.filter((c: any) => c.register?.nummer === 'TZ202503-050').length, 1);
    assert.deepEqual((await json(`/api/commitments?${T}`)).body, body);
  });

  it('says whether each was kept: by the letter found (with its sentence), by the letter the Kamer names, or overdue', async () => {
    const { body } = await json(`/toezeggingen.json?${T}&nagekomen=fulfilled`);
    const dfa = body.commitments.find((c: any) => c.register?.nummer === 'TZ202503-050');
    assert.equal(dfa.kept, 'fulfilled');
    assert.equal(dfa.keptBy.document.title, 'Nederlandse inzet voor de Digital Fairness Act');
    assert.equal(dfa.keptBy.via, 'search');
    assert.match(dfa.keptBy.sentence, /^Met deze brief informeer ik uw Kamer/);
    assert.deepEqual(dfa.fulfilledBy, { document: dfa.keptBy.document, evidence: dfa.keptBy.evidence });
    const byLetter = body.commitments.find((c: any) => c.register?.nummer === 'TZ202503-051');
    assert.equal(byLetter.source, 'register');
    assert.equal(byLetter.keptBy.via, 'kamerbrief');
    assert.equal(body.total, body.commitments.length);
    assert.ok(body.commitments.every((c: any) => c.kept === 'fulfilled'));
    const overdue = (await json(`/toezeggingen.json?${T}&nagekomen=overdue&bron=register`)).body;
    assert.deepEqual(overdue.commitments.map((c: any) => c.register.nummer), ['TZ202503-052']);
    const counts = (await json(`/toezeggingen.json?${T}`)).body.keptCounts;
    assert.equal(counts.fulfilled + counts.overdue + counts.open, (await json(`/toezeggingen.json?${T}`)).body.total);
  });

  it('filters by source and finds register entries by their words', async () => {
    const reg = (await json(`/toezeggingen.json?${T}&bron=register`)).body;
    assert.equal(reg.total, 3, 'the two register entries and the linked pair');
    assert.ok(reg.commitments.every((c: any) => c.register !== null));
    const doc = (await json(`/toezeggingen.json?${T}&bron=document`)).body;
    assert.ok(doc.commitments.every((c: any) => c.document !== null));
    const words = (await json(`/toezeggingen.json?${T}&q=ontwerptechnieken`)).body;
    assert.deepEqual(words.commitments.map((c: any) => c.register?.nummer), ['TZ202503-051']);
  });

  it('rejects a bad filter with a 400 naming the field', async () => {
    for (const [qs, field] of [['nagekomen=misschien', 'nagekomen'], ['bron=krant', 'bron']] as const) {
      const { status, body } = await json(`/toezeggingen.json?${qs}`);
      assert.equal(status, 400, qs);
      assert.equal(body.error.field, field);
      assert.match(body.error.message, new RegExp(field));
    }
  });

  it('the page shows each row’s source, the register’s wording beside the document’s, and the letter with its sentence', async () => {
    const page = await html(`/toezeggingen?${T}`);
    assert.ok(page.includes('Kamerregister + uit document'));
    assert.ok(page.includes('>Kamerregister</span>'));
    assert.ok(page.includes('>uit document</span>'));
    assert.ok(page.includes('In het Kamerregister (<a href="/kamer/toezeggingen/'));
    assert.ok(page.includes('Waarschijnlijk nagekomen met <a href="/documents/kamerbrief-dfa">'));
    assert.ok(page.includes('Nagekomen volgens de Kamer met'));
    assert.match(page, /<q class="evidence">Met deze brief informeer ik uw Kamer/);
    assert.ok(page.includes('name="nagekomen"') && page.includes('name="bron"'));
  });

  it('the document page and its JSON show the register entry and the letter for the same promise', async () => {
    const body = (await json(`/documents/${SAMPLE.verslag}.json`)).body;
    const promises = body.document.promises;
    assert.equal(promises.length, body.document.structure.commitments.length);
    const linked = promises.find((p: any) => p.source === 'both');
    assert.equal(linked.register.nummer, 'TZ202503-050');
    assert.equal(linked.keptBy.document.id, 'kamerbrief-dfa');
    const page = await html(`/documents/${SAMPLE.verslag}`);
    assert.ok(page.includes('Ook in het Kamerregister: <a href="/kamer/toezeggingen/'));
    assert.ok(page.includes('Waarschijnlijk nagekomen met'));
  });

  it('the Kamer’s register page shows the promise found in the document and the letter that kept it', async () => {
    const body = (await json(`/kamer/toezeggingen.json?${T}`)).body;
    const row = body.toezeggingen.find((t: any) => t.nummer === 'TZ202503-050');
    assert.equal(row.belofte.gekoppeld.document.id, SAMPLE.verslag);
    assert.equal(row.belofte.nagekomen.document.id, 'kamerbrief-dfa');
    const kept = body.toezeggingen.find((t: any) => t.nummer === 'TZ202503-051');
    assert.equal(kept.belofte.stand, 'fulfilled');
    assert.equal(kept.belofte.gekoppeld, null);
    const page = await html(`/kamer/toezeggingen?${T}`);
    assert.ok(page.includes(`Ook gevonden in <a href="/documents/${SAMPLE.verslag}">`));
    const act = (await json(`/activiteiten/${REGISTER.activity}.json?${T}`)).body;
    assert.equal(act.toezeggingen[0].belofte.gekoppeld.document.id, SAMPLE.verslag);
  });
});
