/**
 * Searching the open data in Debian's Chromium without JavaScript: the "Wat" facet switches
 * from documents to zaken, and a zaak result opens the zaak's page. Skipped only off CI when
 * Chromium is absent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { syncFeed } from '../../src/ingest/sync.js';
import { projectTkSearch } from '../../src/ingest/tk-search.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';

describe('search by result type in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;

  before(async () => {
    world = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-search-types-'));
    await syncFeed(
      { fromDir: join(import.meta.dirname, '..', '..', 'data', 'tk-world'), dataDir },
      { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk },
    );
    await projectTkSearch({ units: world.units, store: world.store, index: world.index, tk: world.tk });
    server = await serveOnLoopback(createApp(world));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it('switches from documents to zaken with the side panel and opens a zaak', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${server.base}/search?q=telecomraad`);
    assert.match(await page.locator('p.total').innerText(), /documenten/);
    await page.locator('section.others ul.others-counts').locator('a', { hasText: 'zaken' }).click();
    await page.waitForURL(/type%3Azaak/);
    assert.match(await page.locator('p.total').innerText(), /\d+ zaken/);
    const kinds = await page.locator('li.hit .kind').allInnerTexts();
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'zaak'), kinds.join(', '));
    await page.locator('li.hit a.title', { hasText: 'schriftelijk overleg over de Telecomraad' }).first().click();
    await page.waitForURL(/\/zaken\/[0-9a-f-]{36}$/);
    assert.match(await page.locator('body').innerText(), /2025Z03735/);
    await page.close();
  });
});
