// Golden files for the real documents in ../shared/real/documents (copied to test/fixtures/real):
// each is extracted and parsed as an import does and must give the structure written in
// test/golden/real/ from reading the document, valid against the contract's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { extractFile, mimeTypeOf } from '../../src/extract/index.js';
import { buildVersion } from '../../src/ingest/document.js';

const REAL = 'test/fixtures/real';
const GOLDEN = 'test/golden/real';
const schema = JSON.parse(readFileSync('test/fixtures/parse/parsed-document.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

async function load(name: string) {
  const bytes = new Uint8Array(readFileSync(join(REAL, name)));
  const extracted = await extractFile(bytes, name, { maxBytes: 50 * 1024 * 1024 });
  return { extracted, version: buildVersion(extracted, bytes, name, mimeTypeOf(extracted.format)) };
}

for (const name of readdirSync(REAL).sort()) {
  test(`real golden: ${name}`, async () => {
    const { version } = await load(name);
    assert.ok(validate(version.structure), JSON.stringify(validate.errors));
    // A commitment's `topic` is judged on the hand-labelled Q&A set (test/parse/qa-eval.test.ts);
    // these goldens were written for the contract's own keys.
    const structure = { ...version.structure, commitments: version.structure.commitments.map(({ topic: _t, ...c }) => c) };
    assert.deepEqual(structure, JSON.parse(readFileSync(join(GOLDEN, `${name}.json`), 'utf8')));
    assert.equal(version.title, version.structure.title);
  });
}

test('real Handelingen PDF: footers said once at the head, never between sentences; hyphenation rejoined in the structure', async () => {
  const { extracted, version } = await load('pp-ed7ffb05-ec88-44ef-a7a0-92caf70df476.pdf');
  const text = extracted.text;
  assert.ok(text.startsWith('Tweede Kamer\nBegroting Landbouw, Natuur en\nVoedselkwaliteit 2024\n1 februari 2024\nTK 37\n37-4-1\n\n4\n'));
  assert.equal(text.match(/^TK 37$/gm)?.length, 1);
  assert.equal(text.match(/^37-4-\d+$/gm)?.length, 1);
  assert.equal(text.match(/^1 februari 2024$/gm)?.length, 1);
  assert.equal(extracted.pages?.length, 27);
  // A sentence that ran over the page break of page 1 and 2 is whole again.
  assert.match(text, /Onze boeren, tuinders en akkerbouwers mogen dat\n\nook best van ons horen\./);
  assert.equal(version.structure.commitments[0]?.text.includes('  '), false);
});

test('real motie PDF with wide line spacing: one paragraph per considering clause, not one per line', async () => {
  const { extracted } = await load('pm-d7a5dc6c-3636-4acd-8630-96c14e97dcce.pdf');
  assert.match(extracted.text, /\nconstaterende dat Israël meer gebied in het zuiden van Gaza wil innemen\nen Rafah wil ontruimen;\n\noverwegende/);
  assert.match(extracted.text, /verzoekt de regering Israël op te roepen tot onmiddellijke toelating van\nhumanitaire hulp/);
});
