#!/usr/bin/env node
// Thin launcher so `npx kamerlens` runs the compiled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('kamerlens: not built yet; run `npm run build` first');
  process.exit(2);
}
await import(main);
