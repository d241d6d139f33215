/**
 * Daily use on a 390 px phone, in Debian's Chromium: /mijn, /inloggen, /status, /toezeggingen,
 * a document with its versions' differences, a "niet in het archief" page and the Kamer pages
 * are no wider than the screen; the forms' controls are labelled; the bell says "je volgt
 * dit" after following and a second follow makes no duplicate. Screenshots go to
 * $KAMERLENS_SCREENSHOTS (when set) to be looked at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { importContent, importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { createApp } from '../../src/server/app.js';
import { SqliteMissingStore } from '../../src/store/sqlite/sqlite-missing-store.js';
import { importUpload } from '../../src/ingest/upload.js';
import { SqliteStatusStore } from '../../src/store/sqlite/sqlite-status-store.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { browserSkip, launchChromium, serveOnLoopback } from '../helpers/browser.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';
import { addDoc, watchWorld, type World } from '../watch/helpers.js';
import { readFileSync } from 'node:fs';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
const SHOTS = process.env.KAMERLENS_SCREENSHOTS;

describe('daily use at 390 px', { skip: browserSkip() }, () => {
  let w: World;
  let server: { base: string; close(): Promise<void> };
  let browser: Browser;
  let phone: BrowserContext;
  let base: string;
  const mailer = new MemoryMailer();
  const letterId = 'brief-met-versies';

  before(async () => {
    w = watchWorld({ mailer });
    const status = new SqliteStatusStore(w.db);
    await importPaths([SAMPLE_DIR], { units: w.units, store: w.store, index: w.services.index, structure: w.structure });
    const letter = readFileSync(join(SAMPLE_DIR, `${SAMPLE.brief2026}.txt`), 'utf8');
    const deps = { units: w.units, store: w.store, index: w.services.index, structure: w.structure };
    const enc = new TextEncoder();
    await importContent({ source: '/brieven/versies.txt', fileName: 'versies.txt', bytes: enc.encode(`${letter}\n`), preferredId: letterId }, deps);
    await importContent({ source: '/brieven/versies.txt', fileName: 'versies.txt', bytes: enc.encode(letter.replace('voor het zomerreces te hebben afgerond', 'uiterlijk 1 september 2026 te hebben afgerond')), preferredId: letterId }, deps);
    // Long names are what push a phone page sideways (a select as wide as its longest option).
    await addDoc(w, {
      id: 'lange-namen', title: 'Kamerbrief met een toezegging van twee bewindspersonen', text: 'Toezegging.', date: '2026-03-01',
      commitments: [{ text: 'De Minister van Binnenlandse Zaken en Koninkrijksrelaties en de Staatssecretaris van Economische Zaken en Klimaat informeren de Kamer voor de zomer over de voortgang van de implementatie van de NIS2-richtlijn.', actor: 'de Minister van Binnenlandse Zaken en Koninkrijksrelaties en de Staatssecretaris van Economische Zaken en Klimaat', dueDate: '2026-07-01' }],
    });
    await syncFeed({ fromDir: WORLD_DIR, dataDir: mkdtempSync(join(tmpdir(), 'kl-trust-b-')) }, { ...deps, tkStore: w.tk, runs: status });
    const missing = new SqliteMissingStore(w.db);
    await missing.addReport({ what: 'Verslag van de Telecomraad van 6 december 2024 (geannoteerde agenda staat er wel, het verslag niet)', where: 'https://www.rijksoverheid.nl/documenten/kamerstukken/2024/12/20/verslag-telecomraad-6-december-2024', userId: 'u', at: '2026-12-01T10:00:00Z' });
    const app = createApp({ ...w.services, tk: w.tk, status, missing, watch: w.watch, retry: async () => 'gestart', importUpload: (f) => importUpload(f, deps) });
    server = await serveOnLoopback(app);
    base = server.base;
    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    // Signed in as a reader would be after the magic link.
    await w.watch.requestSignIn('lezer@example.org', '127.0.0.7');
    const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    const session = await w.watch.consumeSignIn(token);
    await phone.addCookies([{ name: 'kl_session', value: session.sessionToken, url: base }]);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await w?.close();
  });

  const widthOf = async (path: string, shot?: string) => {
    const page = await phone.newPage();
    const res = await page.goto(base + path);
    assert.equal(res?.status(), path === '/bestaat-niet' ? 404 : 200, path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (SHOTS && shot) await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
    await page.close();
    return width;
  };

  it('no page is wider than the phone', async () => {
    const pages: [string, string][] = [
      ['/mijn', 'mijn'],
      [`/mijn?volg=${encodeURIComponent('"Cyber Resilience Act" OR cyberbeveiligingsrichtlijn OR netwerkbeveiliging kind:kamerbrief')}`, 'mijn-volg'],
      ['/inloggen', 'inloggen'],
      ['/toezeggingen', 'toezeggingen'],
      ['/status', 'status'],
      ['/ontbrekend', 'ontbrekend'],
      ['/importeren', 'importeren'],
      ['/', 'home'],
      [`/documents/${letterId}`, 'document'],
      [`/documents/${letterId}/wijzigingen?van=1&naar=2`, 'wijzigingen'],
      [`/documents/${SAMPLE.verslag}`, 'verslag'],
      ['/stukken/raad/13943-17', 'niet-in-archief'],
      ['/bestaat-niet', '404'],
      ['/raad', 'raad'],
      ['/raad?raad=telecom&jaar=2026', 'raad-gefilterd'],
      ['/partijen', 'partijen'],
      ['/kamer', 'kamer'],
      ['/kamer/toezeggingen', 'kamer-toezeggingen'],
      ['/dossiers/21501-33', 'dossier'],
      ['/search?q=telecomraad', 'zoeken'],
    ];
    const wide: string[] = [];
    for (const [path, shot] of pages) {
      const width = await widthOf(path, shot);
      if (width > 390) wide.push(`${path}: ${width} px`);
    }
    assert.deepEqual(wide, []);
  });

  it('the forms on /mijn and /inloggen have a label for every control', async () => {
    for (const path of ['/mijn', '/inloggen', '/ontbrekend', '/importeren', '/raad']) {
      const page = await (path === '/inloggen' ? browser.newPage() : phone.newPage());
      await page.goto(base + path);
      const unlabelled = await page.evaluate(() =>
        Array.from(document.querySelectorAll('form input:not([type=hidden]), form select'))
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
          .map((el) => (el as HTMLInputElement).name),
      );
      assert.deepEqual(unlabelled, [], path);
      await page.close();
    }
  });

  it('uploads from the browser: a drop zone, progress, and the result in place of the form', async () => {
    const page = await phone.newPage();
    await page.goto(base + '/importeren');
    assert.equal(await page.locator('[data-drop]').isVisible(), true, 'the script shows the drop zone');
    // A marker that a full page load would lose: the script posts in the background.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // Dropped files land in the form's file field.
    const dropped = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Tekst over glasvezel.'], 'gesleept.txt', { type: 'text/plain' }));
      dt.items.add(new File(['Nog een tekst.'], 'ook-gesleept.txt', { type: 'text/plain' }));
      document.querySelector('[data-drop]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return Array.from((document.querySelector('input[type=file]') as HTMLInputElement).files!, (f) => f.name);
    });
    assert.deepEqual(dropped, ['gesleept.txt', 'ook-gesleept.txt']);
    assert.equal(await page.locator('[data-status]').textContent(), '2 bestanden gekozen');
    await page.setInputFiles('input[type=file]', [
      { name: 'notitie-upload.txt', mimeType: 'text/plain', buffer: Buffer.from('Kamerbrief over de uitrol van glasvezel in het buitengebied.\n\nDe minister zal de Kamer voor 1 juli 2027 informeren.\n') },
    ]);
    assert.equal(await page.locator('[data-status]').textContent(), '1 bestand gekozen');
    await page.click('form[data-upload] button[type=submit]');
    await page.waitForSelector('#resultaat');
    assert.match((await page.locator('#resultaat').textContent()) ?? '', /notitie-upload\.txt: nieuw/);
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'no page load');
    await page.close();
  });

  it('offers no e-mail without a mail server, and says why', async () => {
    const world = watchWorld({ mailer: null });
    const app = createApp({ ...world.services, watch: world.watch });
    const s = await serveOnLoopback(app);
    try {
      const user = await world.watch.userByEmail('zonder-mail@example.org');
      // Sign in through the service: the link is only logged without SMTP.
      const logged: string[] = [];
      const w2 = (await import('../../src/watch/service.js')).createWatchService({ ...world.deps, mailer: null, log: (m) => logged.push(m) });
      await w2.requestSignIn(user.email, '127.0.0.8');
      const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(logged.join('\n'))![1]!;
      const session = await w2.consumeSignIn(token);
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await ctx.addCookies([{ name: 'kl_session', value: session.sessionToken, url: s.base }]);
      const page = await ctx.newPage();
      await page.goto(`${s.base}/mijn`);
      assert.equal(await page.locator('input[name=email][type=checkbox]').isDisabled(), true);
      assert.match((await page.locator('#volg-mail-uitleg').textContent()) ?? '', /geen mailserver/);
      await ctx.close();
    } finally {
      await s.close();
      await world.close();
    }
  });

  it('the bell says "je volgt dit" after following, and a second follow is the same monitor', async () => {
    const page = await phone.newPage();
    await page.goto(`${base}/raad`);
    await page.locator('ul a, ol a').filter({ hasText: /Telecomraad/ }).first().click();
    await page.waitForURL(/\/raad\//);
    const meetingUrl = page.url();
    await page.locator('form.watch-bell button').click();
    await page.waitForURL(/\/mijn/);
    const monitors = await page.locator('li.monitor').count();
    const title = (await page.locator('li.monitor .title').first().textContent()) ?? '';
    assert.match(title, /^Telecomraad van \d{1,2} \w+ \d{4}$/, 'a readable name, not a slug');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'mijn-na-volgen.png'), fullPage: true });
    await page.goto(meetingUrl);
    assert.match((await page.locator('form.watch-bell').textContent()) ?? '', /Je volgt dit/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'bel-je-volgt-dit.png') });
    // The same follow again (a second tab, a double click): no duplicate.
    const csrf = await page.locator('form.watch-bell input[name=csrf]').getAttribute('value');
    const key = decodeURIComponent(meetingUrl.split('/raad/')[1]!);
    const again = await page.request.post(`${base}/mijn/volgers`, { form: { csrf: csrf!, kind: 'meeting', value: key, interval: 'immediate' }, maxRedirects: 0 });
    assert.equal(again.status(), 303);
    await page.goto(`${base}/mijn`);
    assert.equal(await page.locator('li.monitor').count(), monitors);
    // A second click on the bell stops following.
    await page.goto(meetingUrl);
    await page.locator('form.watch-bell button').click();
    await page.waitForURL(/\/mijn/);
    assert.equal(await page.locator('li.monitor').count(), monitors - 1);
    await page.close();
  });
});
