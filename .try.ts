import { readFileSync } from 'node:fs';
import { extractFile } from './src/extract/index.js';
for (const f of process.argv.slice(2)) {
  try {
    const r = await extractFile(readFileSync(f), f.split('/').pop()!, { maxBytes: 50e6 });
    console.log('==', f, r.format, r.title, r.pages, r.warnings); console.log(r.text);
  } catch (e: any) { console.log('==', f, 'ERR', e.code, e.message, e.context); }
}
