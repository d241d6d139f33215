/**
 * The web UI in Debian's Chromium (playwright-core): search, follow a result, and see the
 * query's words highlighted in the document. Skipped only off CI when Chromium is absent.
 */
import assert from 'node:assert/strict';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import type { Opened } from '../../src/main.js';
import { SAMPLE, sampleWorld } from '../helpers/world.js';


describe('web UI in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;
  let base: string;

  before(async () => {
    world = await sampleWorld();
    const app = createApp(world);
    server = await serveOnLoopback(app);
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it('searches, follows a result and shows the highlighted text', async () => {
    const page = await browser.newPage();
    await page.goto(base + '/');
    await page.fill('input[name=q]', 'Oekraine');
    await page.press('input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=Oekraine/);
    const first = page.locator('li.hit a.title').first();
    assert.ok((await page.locator('li.hit').count()) >= 1, 'at least one result');
    assert.match((await page.locator('li.hit mark').first().textContent()) ?? '', /Oekraïne/);
    const hrefs = await page.locator('li.hit a.title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h?.startsWith(`/documents/${SAMPLE.verslag}`)));
    await first.click();
    await page.waitForURL(/\/documents\//);
    const marks = await page.locator('.doctext mark').allTextContents();
    assert.ok(marks.length >= 1, 'highlighted words in the document text');
    assert.ok(marks.every((m) => /^oekraïne$/i.test(m)), `marks: ${marks.join(', ')}`);
    await page.close();
  });

  it('shows a helpful message for a malformed query', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${base}/search?q=${encodeURIComponent('"open zin')}`);
    assert.equal(res?.status(), 400);
    assert.match((await page.locator('.error').textContent()) ?? '', /quote|aanhalingsteken|"/i);
    await page.close();
  });

  it('is usable on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/search?q=telecomraad`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await page.close();
  });
});
