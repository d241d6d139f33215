/**
 * The document page's questions in Debian's Chromium (playwright-core): open the sample
 * verslag schriftelijk overleg, expand a party's question and follow a citation to the
 * cited document, which lists the verslag under "Geciteerd door". Skipped only off CI
 * when Chromium is absent.
 */
import assert from 'node:assert/strict';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { emptyStructure } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { addFixtures, type FixtureDoc } from '../helpers/structure-fixtures.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';


/** The agenda the verslag's first PVV question cites as "Kamerstuk 21501-33, nr. 1096". */
const CITED: FixtureDoc = {
  id: 'agenda-formele-telecomraad-2024',
  meta: { title: 'Geannoteerde agenda formele Telecomraad 6 december 2024 (Kamerstuk 21501-33-1096)', kind: 'geannoteerde-agenda', date: '2024-11-20' },
  text: 'Hierbij ontvangt u de geannoteerde agenda van de formele Telecomraad van 6 december 2024.',
  structure: {
    ...emptyStructure('geannoteerde-agenda'),
    title: 'Geannoteerde agenda formele Telecomraad 6 december 2024 (Kamerstuk 21501-33-1096)',
    date: '2024-11-20',
    meetings: [{ body: 'Telecomraad', formal: true, startDate: '2024-12-06', endDate: null, location: 'Brussel' }],
  },
};

describe('document structure in a browser', { skip: browserSkip() }, () => {
  let world: Opened;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;
  let base: string;

  before(async () => {
    world = openServices(':memory:');
    await importPaths([SAMPLE_DIR], { units: world.units, store: world.store, index: world.index, structure: world.structure });
    await addFixtures(world, [CITED]);
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

  it('expands a party’s question and follows its citation to the cited document', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/documents/${SAMPLE.verslag}`);
    const first = page.locator('#partij-pvv details.qa').first();
    assert.equal(await first.getAttribute('id'), 'q1');
    const link = first.locator(`.question a[href="/documents/${CITED.id}"]`);
    assert.equal(await first.evaluate((d) => (d as HTMLDetailsElement).open), false, 'questions start collapsed');
    assert.equal(await link.isVisible(), false);
    await first.locator('summary').click();
    assert.equal(await first.evaluate((d) => (d as HTMLDetailsElement).open), true);
    assert.equal(await first.locator('.answer').first().isVisible(), true, 'the answer shows with the question');
    assert.match((await link.textContent()) ?? '', /Kamerstuk 21501-33, nr\. 1096/);
    await link.click();
    await page.waitForURL(new RegExp(`/documents/${CITED.id}$`));
    assert.match((await page.locator('h1').textContent()) ?? '', /formele Telecomraad 6 december 2024/);
    const backlinks = await page.locator('#geciteerd-door a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(backlinks, [`/documents/${SAMPLE.verslag}`]);
    await page.close();
  });

  it('keeps the verslag readable on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/documents/${SAMPLE.verslag}`);
    await page.locator('#partij-groenlinks-pvda details.qa summary').first().click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await page.close();
  });
});
