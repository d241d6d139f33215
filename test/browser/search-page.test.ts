/**
 * The search page in Debian's Chromium: facets toggle and chips remove a filter, paging keeps
 * the page size, and the advanced form writes a query on a 390 px phone without JavaScript.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';
import { createApp } from '../../src/server/app.js';
import type { Opened } from '../../src/main.js';
import { SAMPLE, sampleWorld } from '../helpers/world.js';

describe('search page in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;

  before(async () => {
    world = await sampleWorld();
    server = await serveOnLoopback(createApp(world));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  const q = (url: string) => new URL(url).searchParams.get('q');

  it('toggles a facet on and off, and a chip removes the filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}/search?q=telecomraad`);
    const all = await page.locator('li.hit').count();
    await page.locator('ul.facet a', { hasText: 'Verslag Raad' }).click();
    await page.waitForURL(/soort/);
    assert.equal(q(page.url()), 'telecomraad soort:verslag-raad');
    assert.equal(await page.inputValue('header input[name=q]'), 'telecomraad soort:verslag-raad');
    const filtered = await page.locator('li.hit').count();
    assert.ok(filtered < all, `${filtered} < ${all}`);
    assert.equal(await page.locator('ul.chips a.chip').count(), 1);
    // Clicking the active facet again removes it rather than adding it twice.
    await page.locator('ul.facet a[aria-pressed=true]', { hasText: 'Verslag Raad' }).click();
    await page.waitForURL((u) => q(u.toString()) === 'telecomraad');
    assert.equal(await page.locator('li.hit').count(), all);
    // Add a year, then remove it by its chip.
    await page.locator('ul.facet a', { hasText: '2022' }).click();
    await page.waitForURL(/jaar/);
    assert.equal(q(page.url()), 'telecomraad jaar:2022');
    await page.locator('ul.chips a.chip').click();
    await page.waitForURL((u) => q(u.toString()) === 'telecomraad');
    assert.equal(await page.locator('ul.chips').count(), 0);
    await page.close();
  });

  it('pages with the page size kept, and says when a page is past the end', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}/search?q=de&pageSize=1`);
    await page.locator('a[rel=next]').click();
    await page.waitForURL(/page=2/);
    assert.equal(new URL(page.url()).searchParams.get('pageSize'), '1');
    assert.equal(await page.locator('li.hit').count(), 1);
    await page.goto(`${server.base}/search?q=telecomraad&page=7`);
    assert.match((await page.locator('[data-past-end]').textContent()) ?? '', /Pagina 7 bestaat niet/);
    await page.close();
  });

  it('the advanced form writes the query on a 390 px phone, without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}/search/uitgebreid`);
    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `page is ${overflow}px wide`);
    const box = await page.locator('input[name=woorden]').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    await page.fill('input[name=woorden]', 'telecomraad');
    await page.fill('input[name=geen]', 'Nevers');
    await page.selectOption('select[name=soort]', 'verslag-schriftelijk-overleg');
    await page.fill('input[name=van]', '2025-01-01');
    await page.fill('input[name=tot]', '2025-12-31');
    await page.locator('form.advanced button[type=submit]').click();
    await page.waitForURL(/\/search\?q=/);
    assert.equal(q(page.url()), 'telecomraad -Nevers soort:verslag-schriftelijk-overleg datum:2025-01-01..2025-12-31');
    assert.equal(await page.inputValue('header input[name=q]'), 'telecomraad -Nevers soort:verslag-schriftelijk-overleg datum:2025-01-01..2025-12-31');
    const links = await page.locator('li.hit a.title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 1);
    assert.ok(links[0]!.startsWith(`/documents/${SAMPLE.verslag}`));
    await context.close();
  });

  it('shows the other types beside the documents, and below them on a 390 px phone without JavaScript', async () => {
    // Wide: the panel is a column beside the results.
    const wide = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await wide.goto(`${server.base}/search?q=telecomraad`);
    const results = (await wide.locator('section.results').boundingBox())!;
    const panel = (await wide.locator('section.others').boundingBox())!;
    assert.ok(panel.x >= results.x + results.width, `panel beside the results: ${JSON.stringify({ results, panel })}`);
    await wide.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}/search?q=telecomraad`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `page is ${overflow}px wide`);
    const lastHit = (await page.locator('ol.doclist li.hit').last().boundingBox())!;
    const box = (await page.locator('section.others').boundingBox())!;
    assert.ok(box.y >= lastHit.y + lastHit.height, `panel below the results: ${JSON.stringify({ lastHit, box })}`);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    // Its counts link to the results of that type, whose links land on the question in its document.
    const count = page.locator('ul.others-counts li[data-type=vraag] a');
    assert.match((await count.textContent()) ?? '', /vragen met antwoord/);
    await count.click();
    await page.waitForURL(/type%3Avraag|type:vraag/);
    assert.equal(q(page.url()), 'telecomraad type:vraag');
    assert.ok((await page.locator('ol.doclist li.hit').count()) > 0);
    const href = (await page.locator('ol.doclist li.hit a.title').first().getAttribute('href'))!;
    const anchor = /#(q\d+)$/.exec(href)?.[1];
    assert.ok(anchor, href);
    await page.locator('ol.doclist li.hit a.title').first().click();
    await page.waitForURL(/\/documents\//);
    assert.equal(await page.locator(`#${anchor}`).count(), 1);
    await context.close();
  });
});
