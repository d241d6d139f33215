// Golden files: every sample document and every own test document parses to its reviewed JSON and validates against the contract schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseDocument } from '../../src/parse/index.js';

const SAMPLES = 'data/sample';
const OWN = 'test/fixtures/parse/docs';
const GOLDEN = 'test/golden';
const schema = JSON.parse(readFileSync('test/fixtures/parse/parsed-document.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const cases = [
  ...readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLES, f)),
  ...readdirSync(OWN).filter((f) => f.endsWith('.txt')).map((f) => join(OWN, f)),
].sort();

for (const file of cases) {
  const name = basename(file, '.txt');
  test(`golden: ${name}`, () => {
    const parsed = parseDocument(readFileSync(file, 'utf8'), { fileName: basename(file) });
    assert.ok(validate(parsed), JSON.stringify(validate.errors));
    const goldenPath = join(GOLDEN, `${name}.json`);
    const actual = `${JSON.stringify(parsed, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) writeFileSync(goldenPath, actual);
    assert.deepEqual(parsed, JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
}

test('golden: the parse is deterministic', () => {
  const file = cases[0];
  assert.ok(file);
  const text = readFileSync(file, 'utf8');
  assert.deepEqual(parseDocument(text), parseDocument(text));
});
