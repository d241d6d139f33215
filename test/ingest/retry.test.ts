/**
 * Files that failed to import are listed with their reason and retried by `reparse`: a legacy
 * Word .doc that an earlier version refused as UNSUPPORTED_FORMAT is imported after the upgrade.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { defaultLocator, retryFailedImports } from '../../src/ingest/retry.js';
import { openServices } from '../../src/main.js';
import { getHome } from '../../src/service/services.js';
import { presentHome } from '../../src/service/presenters.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'files');

describe('failed imports: visible with their reason, retried by reparse', () => {
  it('imports a folder with a .doc, and lists a file that cannot be read with its reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-doc-'));
    copyFileSync(join(fixtures, 'motie-verdonk-2009.doc'), join(dir, 'motie.doc'));
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    xls.set([...'Workbook'].flatMap((c) => [c.charCodeAt(0), 0]), 600);
    writeFileSync(join(dir, 'tabel.doc'), xls);
    const s = openServices(':memory:');
    const deps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
    const summary = await importPaths([dir], deps);
    assert.equal(summary.counts.new, 1);
    assert.deepEqual(summary.failures.map((f) => f.code), ['UNSUPPORTED_FORMAT']);
    const doc = await s.store.getDocument('motie');
    assert.equal(doc?.kind, 'motie');
    assert.equal(doc?.date, '2009-05-28');
    assert.equal((await s.store.getVersion('motie'))?.mimeType, 'application/msword');
    const home = presentHome(await getHome(s));
    assert.equal(home.stats.failedImports, 1);
    assert.equal(home.failures.length, 1);
    assert.equal(home.failures[0]?.source, join(dir, 'tabel.doc'));
    assert.equal(home.failures[0]?.code, 'UNSUPPORTED_FORMAT');
    assert.match(home.failures[0]?.message ?? '', /tabel\.doc" is een Excel- of PowerPoint-bestand/);
    s.close();
  });

  it('retries a .doc an earlier version refused, and records a file that still fails with its current reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-retry-'));
    const docPath = join(dir, 'motie.doc');
    copyFileSync(join(fixtures, 'motie-verdonk-2009.doc'), docPath);
    const badPath = join(dir, 'kapot.pdf');
    writeFileSync(badPath, '%PDF-1.7\n not a pdf');
    const s = openServices(':memory:');
    const deps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
    const at = '2026-01-01T00:00:00.000Z';
    // What the import log of an earlier version holds.
    await s.store.recordImport({ source: docPath, status: 'failed', docId: null, version: null, errorCode: 'UNSUPPORTED_FORMAT', message: '"motie.doc" is a legacy Office 97-2003 file (.doc)', at });
    await s.store.recordImport({ source: badPath, status: 'failed', docId: null, version: null, errorCode: 'CORRUPT_FILE', message: 'old reason', at });
    await s.store.recordImport({ source: join(dir, 'weg.pdf'), status: 'failed', docId: null, version: null, errorCode: 'CORRUPT_FILE', message: 'gone', at });
    const r = await retryFailedImports(deps, defaultLocator(null));
    assert.deepEqual(r, { retried: 2, imported: 1, stillFailing: 1, unavailable: 1 });
    assert.equal(await s.store.documentFromSource(docPath), 'motie');
    const open = await s.store.unresolvedFailures(10);
    assert.deepEqual(open.map((f) => f.source).sort(), [badPath, join(dir, 'weg.pdf')].sort());
    assert.equal(open.find((f) => f.source === badPath)?.errorCode, 'CORRUPT_FILE');
    assert.notEqual(open.find((f) => f.source === badPath)?.message, 'old reason');
    // Nothing left to gain: a second retry imports nothing new.
    assert.equal((await retryFailedImports(deps, defaultLocator(null))).imported, 0);
    s.close();
  });
});
