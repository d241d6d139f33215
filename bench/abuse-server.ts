/**
 * The server the abuse bench attacks, in a process of its own (as in production, the load
 * generator must not share its event loop): an archive of generated Dutch documents full of
 * stop words, one account following 200 of the heaviest searches a monitor may hold, and the
 * real app and HTTP server behind a trusted proxy (so each bench client has an address of its
 * own). Prints `READY <port> <session token>` on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyStructure, type DocumentKind } from '../src/domain/index.js';
import { openServices } from '../src/main.js';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';
import { serverLimits } from '../src/server/limits.js';
import { SAVED_QUERY_LIMITS } from '../src/watch/cost.js';
import { rng } from './rng.js';


export const STOP_WORDS = 'de het een van en in is op te dat die voor met zijn niet aan er ook als bij om door maar dan tot over naar uit wordt worden heeft hebben kan moet nog wel geen meer al zo deze dit'.split(' ');
const CONTENT = (
  'kabinet minister staatssecretaris kamer brief motie amendement wet voorstel begroting europese unie commissie raad lidstaten ' +
  'cyberbeveiliging telecom glasvezel satelliet stikstof natuur landbouw water klimaat energie waterstof informatie digitale ' +
  'onderwijs zorg ziekenhuis pensioen belasting toeslagen wonen huur asiel migratie defensie oekraine handel privacy algoritme'
).split(' ');
const KINDS: DocumentKind[] = ['kamerbrief', 'kamervragen', 'antwoord-kamervragen', 'motie', 'verslag', 'geannoteerde-agenda'];

async function main(): Promise<void> {
  const docs = Number(process.env['ABUSE_DOCS'] ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'kamerlens-abuse-'));
  const s = openServices(join(dir, 'kamerlens.db'));
  const r = rng(7);
  const word = () => (r() < 0.45 ? STOP_WORDS[Math.floor(STOP_WORDS.length * r() ** 2)]! : CONTENT[Math.floor(CONTENT.length * r() ** 1.5)]!);
  let n = 0;
  for (let b = 0; b < docs; b += 500) {
    await s.units.transaction(async (tx) => {
      const batch = [];
      for (let i = b; i < Math.min(docs, b + 500); i++) {
        const id = `doc-${n++}`;
        const kind = KINDS[Math.floor(r() * KINDS.length)]!;
        const words: string[] = [];
        for (let k = 0; k < 200; k++) words.push(word());
        const text = words.join(' ') + '.';
        const title = `${kind} ${words.filter((w) => !STOP_WORDS.includes(w)).slice(0, 5).join(' ')}`;
        const date = `202${Math.floor(r() * 6)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
        const saved = await tx.store.saveVersion(`bench:${id}`, id, {
          contentHash: `h-${id}`, format: 'text', fileName: null, byteSize: text.length, mimeType: 'text/plain',
          text, pages: null, structure: { ...emptyStructure(kind), title, date }, original: null, title, kind, date,
        });
        batch.push({ id: saved.docId, title, text, kind, date, parties: [], dossiers: [] });
      }
      await tx.index.upsert(batch);
    });
  }

  // One account with 200 of the heaviest searches a monitor may now hold (a phrase of 12 stop words).
  let link = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const m = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(String(chunk));
    if (m) link = m[1]!;
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  await s.watch.requestSignIn('veel@bench.local', 'bench');
  process.stderr.write = write;
  const session = await s.watch.consumeSignIn(link);
  for (let i = 0; i < 200; i++) {
    const words = Array.from({ length: SAVED_QUERY_LIMITS.phraseWords }, () => STOP_WORDS[Math.floor(r() * STOP_WORDS.length)]!);
    await s.watch.createMonitor(session.viewer.userId, { kind: 'search', params: { query: `"${words.join(' ')}"` }, interval: 'immediate', email: false });
  }

  const app = createApp(s, { trustProxy: 1 });
  const srv = await listen(app, { port: 0, hostname: '127.0.0.1', limits: serverLimits() });
  process.stdout.write(`READY ${srv.port} ${session.sessionToken}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void srv.close().then(() => s.close()).finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
