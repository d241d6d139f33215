/**
 * The real report of 15 October 2014 in Debian's Chromium on a 390 px phone with JavaScript
 * off: the contents lead to a debate item, the speaker table opens, interruptions sit indented
 * inside the turn they interrupt, a speaker's name leads to their person page, and nothing
 * scrolls sideways. Skipped only off CI when Chromium is absent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { TkFeedPage } from '../../src/domain/tk.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { DirTkSource, type TkSource } from '../../src/source/tk/index.js';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tk-vlos');
const VERSLAG = '03686ab6-0000-4000-8000-000000000001';
const PECHTOLD = '08c2333e-d465-42cd-b889-2034ac8d756d';

/** Stores the requested category, as the feed parser will (see test/server/vlos-pages.test.ts). */
const requestedCategory = (inner: TkSource): TkSource => ({
  label: inner.label,
  page: async (category: string, skiptoken: string | null): Promise<TkFeedPage> => {
    const p = await inner.page(category, skiptoken);
    return { ...p, entries: p.entries.map((e) => ({ ...e, entity: { ...e.entity, category } })) };
  },
  resource: (href, expectedLength) => inner.resource(href, expectedLength),
});

describe('a report of a sitting in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;
  let phone: BrowserContext;

  before(async () => {
    world = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-vlos-browser-'));
    await syncFeed(
      { fromDir: FIXTURE, dataDir, categories: ['Persoon', 'Vergadering', 'Verslag'] },
      { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk, vlos: world.vlos, tkSource: requestedCategory(new DirTkSource(FIXTURE)) },
    );
    server = await serveOnLoopback(createApp(world));
    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it('reads on a phone: contents, speakers, indented interruptions, no sideways scrolling', async () => {
    const page = await phone.newPage();
    await page.goto(`${server.base}/verslagen/${VERSLAG}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
    await page.locator('nav.toc a', { hasText: 'Europese Top' }).click();
    await page.waitForURL(/#punt-3$/);
    const section = page.locator('#punt-3');
    await section.locator('summary').first().click();
    assert.match(await section.locator('table.sprekers').innerText(), /Mark Rutte[\s\S]*49/);
    const turn = section.locator('div.speech', { hasText: 'De teerling is geworpen' }).first();
    const interruption = turn.locator('div.speech.interruptie').first();
    assert.match(await interruption.innerText(), /Mark Verheijen \(VVD\)[\s\S]*Ik heb toch een vraag aan de heer Pechtold/);
    const [outer, inner] = await Promise.all([turn.boundingBox(), interruption.boundingBox()]);
    assert.ok(outer && inner && inner.x > outer.x, 'the interruption is indented inside the turn');
    assert.ok(inner.x + inner.width <= 390, 'and still fits the screen');
    await turn.locator('p.who a', { hasText: 'Alexander Pechtold' }).click();
    await page.waitForURL(new RegExp(`/personen/${PECHTOLD}$`));
    assert.match(await page.locator('#debatten').innerText(), /Europese Top[\s\S]*8 beurten, 27 interrupties/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
    await page.close();
  });
});
