// Legacy Word (.doc) extraction, on a real motion the Tweede Kamer's feed serves as application/msword.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat, extractFile, mimeTypeOf } from '../../src/extract/index.js';
import { docText } from '../../src/extract/doc.js';
import { expectError, fixture } from './helpers.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const MOTIE = 'motie-verdonk-2009.doc';

describe('legacy Word (.doc) extraction', () => {
  it('detects a .doc by its OLE2 magic bytes, whatever the name', () => {
    const bytes = fixture(MOTIE);
    assert.deepEqual([...bytes.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
    assert.equal(detectFormat(bytes), 'doc');
    assert.equal(mimeTypeOf('doc'), 'application/msword');
  });

  it('reads the real motion: table cells on lines of their own, paragraphs, no tabs', async () => {
    const r = await extractFile(fixture(MOTIE), 'ca71487f-866a-43aa-a9d5-ec3e2c3a236c', opts);
    assert.equal(r.format, 'doc');
    assert.equal(r.pages, null);
    assert.ok(!r.text.includes('\t'));
    assert.ok(r.text.startsWith('TWEEDE KAMER DER STATEN-GENERAAL\n\n2\n\nVergaderjaar 2008-2009\n\n31 951\n\nVerantwoordingsbrief 2008\n\nNr. 17\n\nMOTIE VAN HET LID VERDONK\n\nVoorgesteld 28 mei 2009'));
    assert.ok(r.text.includes('\n\nverzoekt de Kamer af te zien van de voortzetting van verantwoordingsdag en deze voortaan samen te voegen met de begrotingsbehandeling,'));
    assert.ok(r.text.includes('overheidsfinanciën'), 'non-ASCII text decoded');
    assert.ok(r.text.endsWith('en gaat over tot de orde van de dag.\n\nVerdonk'));
  });

  it('refuses a truncated .doc as damaged, naming the file', async () => {
    const e = await expectError(() => extractFile(fixture(MOTIE).slice(0, 5000), 'motie.doc', opts), 'CORRUPT_FILE', 'motie.doc');
    assert.match(e.message, /is een beschadigd Word 97-2003-document \(\.doc\)/);
  });

  it('refuses a password-protected .doc (fEncrypted in the FIB)', async () => {
    const bytes = fixture(MOTIE).slice();
    // The Word stream's FIB opens a sector with wIdent 0xA5EC; byte 11 holds fEncrypted.
    let fib = -1;
    for (let off = 512; off < bytes.length; off += 512) if (bytes[off] === 0xec && bytes[off + 1] === 0xa5) { fib = off; break; }
    assert.ok(fib > 0);
    bytes[fib + 11] = (bytes[fib + 11] ?? 0) | 0x01;
    await expectError(() => extractFile(bytes, 'geheim.doc', opts), 'ENCRYPTED_FILE', 'geheim.doc');
  });

  it('docText: tab-separated cells become blocks, spacing collapsed, empty cells dropped', () => {
    assert.equal(docText('TWEEDE  KAMER\t2\t\n\t\t\n31 951\tTitel\t\r\nTekst.'), 'TWEEDE KAMER\n\n2\n\n31 951\n\nTitel\n\nTekst.');
  });
});
