/**
 * The Kamer pages in Debian's Chromium (playwright-core), with JavaScript off as a reader
 * without it would have it: a person page and its party, the vote chart on the motie, the
 * dossier timeline leading to a document with its Kamer panel; no horizontal scrolling at
 * 375 px. Skipped only off CI when Chromium is absent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { IDS } from '../fake-tk/world.js';


describe('Kamer pages in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;
  let noJs: BrowserContext;
  let base: string;

  before(async () => {
    world = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-tk-browser-'));
    await syncFeed(
      { fromDir: join(import.meta.dirname, '..', '..', 'data', 'tk-world'), dataDir },
      { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk },
    );
    const app = createApp(world);
    server = await serveOnLoopback(app);
    base = server.base;
    browser = await launchChromium();
    noJs = await browser.newContext({ javaScriptEnabled: false });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it('a person page shows party and committee, and leads to the party page', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/kamer`);
    await page.locator('nav.kamer a', { hasText: 'Personen' }).click();
    await page.locator('a', { hasText: 'Barbara Kathmann' }).first().click();
    await page.waitForURL(new RegExp(`/personen/${IDS.persoon('kathmann')}$`));
    assert.equal(await page.locator('h1').textContent(), 'Barbara Kathmann');
    const facts = (await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
    assert.match(facts, /Fractie GroenLinks-PvdA/);
    assert.match(facts, /Commissies Digitale Zaken \(lid\)/);
    assert.match(await page.locator('#zaken').innerText(), /2025Z04410/);
    await page.locator('dl.facts a', { hasText: 'GroenLinks-PvdA' }).click();
    await page.waitForURL(new RegExp(`/fracties/${IDS.fractie('GL-PvdA')}$`));
    assert.match((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' '), /Zetels 25/);
    await page.close();
  });

  it('the vote chart draws voor and tegen in proportion, with the numbers as text', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/stemmingen`);
    await page.locator('a', { hasText: 'Stemming: voor 82 – tegen 68 zetels' }).click();
    await page.waitForURL(new RegExp(`/stemmingen/${IDS.besluitMotie}$`));
    const svg = page.locator('svg.stack');
    assert.equal(await svg.isVisible(), true);
    const label = await svg.getAttribute('aria-labelledby');
    assert.match((await page.locator(`#${label}`).innerText()).replace(/\s+/g, ' '), /82 zetels voor, 68 tegen/);
    const [voor, tegen] = await svg.locator('rect').evaluateAll((rs) => rs.slice(0, 2).map((r) => r.getBoundingClientRect().width));
    assert.ok(tegen! > 0 && voor! > tegen!, `voor (${voor}) drawn wider than tegen (${tegen})`);
    assert.ok(Math.abs(voor! / tegen! - 82 / 68) < 0.02, 'bar widths follow the seats');
    const rows = await page.locator('table.list tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 3).map((td) => td.textContent?.trim())),
    );
    assert.equal(rows.length, 15, 'every fractie of the 150 seats');
    assert.deepEqual(rows.slice(0, 3), [['GroenLinks-PvdA', 'Voor', '25'], ['NSC', 'Voor', '20'], ['D66', 'Voor', '9']]);
    const pvv = rows.findIndex((r) => r[0] === 'PVV');
    assert.deepEqual(rows.slice(pvv, pvv + 2), [['PVV', 'Tegen', '37'], ['VVD', 'Tegen', '24']], 'tegen after voor, largest first');
    const widths = await page.locator('table.list .bar-fill').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().width));
    assert.ok(widths[pvv]! > widths[0]! && widths[0]! > widths[2]!, 'the party bars follow the seats (PVV > GL-PvdA > D66)');
    await page.close();
  });

  it('the dossier timeline lists documents by volgnummer and opens the document with its Kamer panel', async () => {
    const page = await noJs.newPage();
    await page.goto(`${base}/dossiers`);
    await page.locator('a', { hasText: '21501-33' }).first().click();
    await page.waitForURL(/\/dossiers\/21501-33$/);
    const volg = await page.locator('ol.timeline > li .volg').allTextContents();
    assert.deepEqual(volg, ['nr. 1030', 'nr. 1113', 'nr. 1115', 'nr. 1160', 'bijlage']);
    assert.equal(await page.locator('#nr-1115 > a').count(), 1, 'the motie PDF is imported: linked to its text');
    await page.locator('#nr-1113 > a').click();
    await page.waitForURL(/\/documents\/2025d08504$/);
    const panel = page.locator('#kamer');
    assert.match((await panel.innerText()).replace(/\s+/g, ' '), /Documentnummer 2025D08504/);
    await panel.locator('a', { hasText: '21501-33, nr. 1113' }).click();
    await page.waitForURL(/\/dossiers\/21501-33#nr-1113$/);
    assert.equal(await page.locator('#nr-1113').isVisible(), true);
    await page.close();
  });

  it('reads without horizontal scrolling on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    const page = await phone.newPage();
    for (const path of [
      '/kamer',
      `/personen/${IDS.persoon('szabo')}`,
      `/stemmingen/${IDS.besluitMotie}`,
      '/dossiers/21501-33',
      '/zaken/2025Z04410',
      '/activiteiten?today=2025-01-01',
      '/kamer/toezeggingen',
      `/verslagen/${IDS.verslag}`,
      '/fracties',
      '/documents/2025d08504',
    ]) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path}: no horizontal scrolling on a phone (overflow ${overflow}px)`);
    }
    await phone.close();
  });
});
