/**
 * The `kamerlens` command line. Commands print the same presenters' data as the API
 * (`--json`) or a readable rendering of it. What needs storage or ingest comes through
 * the CliContext that the composition root (main.ts) provides.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { ParsedDocument } from '../domain/index.js';
import { isKamerlensError } from '../domain/index.js';
import { presentDocument, presentHome, presentSearch } from '../service/presenters.js';
import { getDocument, getHome, search, type Services } from '../service/services.js';
import { createProgress, type ProgressSink } from './progress.js';
import { INTERVALS, MONITOR_KINDS, isWatchError, type MonitorKind, type RunReport, type WatchService } from '../service/watch-service.js';

export interface ImportResult {
  counts: Record<'new' | 'new-version' | 'unchanged' | 'failed', number>;
  skipped: string[];
  failures: { source: string; code: string; message: string }[];
}

export interface SyncSummary {
  ok: boolean;
  entities: number;
  elapsedMs: number;
  categories: { category: string; entities?: number; error?: string | null }[];
  files: { fetched: number; unchanged: number; missing: number; broken: number; imported: number; importFailed: number };
  /** Categories and elements the XSDs do not know, reported once. */
  unknown: string[];
}

export const DEFAULT_TK_URL = 'https://gegevensmagazijn.tweedekamer.nl';

export interface CliContext {
  services(): Promise<Services>;
  importPaths(paths: string[], options: { maxBytes?: number }, progress: ProgressSink, verbose: boolean): Promise<ImportResult>;
  reparse(progress: ProgressSink): Promise<{ documents: number; versions: number; retry?: { retried: number; imported: number; stillFailing: number; unavailable: number } }>;
  sync(
    options: { source: string; fromDir?: string; categories?: string[]; maxPages?: number; files?: boolean },
    progress: ProgressSink,
    verbose: boolean,
  ): Promise<SyncSummary>;
  parseFile(path: string): Promise<ParsedDocument>;
  /** Imports the bundled sample corpus (idempotent). */
  importSample(progress: ProgressSink): Promise<ImportResult>;
  /** Syncs the bundled open-data world from its saved feed pages (idempotent). */
  syncSampleWorld(progress: ProgressSink): Promise<SyncSummary>;
  serve(port: number, host: string): Promise<void>;
  close(): Promise<void>;
  /** Runs due watch monitors (called after every import); absent when watching is not wired. */
  runWatches?(trigger: string): Promise<RunReport>;
  watch?(): Promise<WatchService>;
}

const out = (s: string): void => void process.stdout.write(s + "\n");
const json = (v: unknown): void => out(JSON.stringify(v, null, 2));

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

function portNumber(v: string) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0–65535');
  return n;
}

/** Marks [start,end) ranges: bold yellow on a terminal, «…» when piped. */
function mark(text: string, ranges: [number, number][], tty: boolean): string {
  let s = '';
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue;
    s += text.slice(at, a) + (tty ? `\x1b[1;33m${text.slice(a, b)}\x1b[0m` : `«${text.slice(a, b)}»`);
    at = b;
  }
  return s + text.slice(at);
}

function printImportSummary(r: ImportResult): void {
  const c = r.counts;
  out(`imported: ${c.new} new, ${c['new-version']} new versions, ${c.unchanged} unchanged, ${c.failed} failed` +
    (r.skipped.length ? `, ${r.skipped.length} skipped (unsupported type)` : ''));
  for (const f of r.failures.slice(0, 50)) out(`  ✗ ${f.source}: ${f.message} [${f.code}]`);
  if (r.failures.length > 50) out(`  … and ${r.failures.length - 50} more failures`);
  // A file passed over is named too, so nothing in a folder goes unmentioned.
  for (const s of r.skipped.slice(0, 50)) out(`  – ${s}: skipped, not a supported file type (name it explicitly to try it anyway)`);
  if (r.skipped.length > 50) out(`  … and ${r.skipped.length - 50} more skipped files`);
}

export function buildCli(ctx: CliContext): Command {
  const program = new Command('kamerlens')
    .description('Find, read and follow what the Dutch parliament and the EU Council do on a subject.')
    .option('--data <dir>', 'data folder (default: $KAMERLENS_DATA or ./kamerlens-data)')
    .showHelpAfterError();

  program
    .command('import')
    .description('import files and folders (PDF, DOCX, DOC, HTML, officielebekendmakingen XML, text, NDJSON bulk files), recursively; idempotent')
    .argument('<paths...>', 'files or folders')
    .option('--max-size <MB>', 'largest file accepted, in MB', positiveInt('--max-size'), 100)
    .option('-v, --verbose', 'log every file')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], o: { maxSize: number; verbose?: boolean; json?: boolean }) => {
      const r = await ctx.importPaths(paths, { maxBytes: o.maxSize * 1048576 }, createProgress('import', 'bytes'), !!o.verbose);
      await runWatchesAfterImport(ctx);
      if (o.json) json({ ok: r.failures.length === 0, ...r });
      else printImportSummary(r);
      if (r.counts.failed > 0) process.exitCode = 1;
    });
  addWatchCommands(program, ctx);


  program
    .command('search')
    .description('search the archive (same query language as the web: "phrase", OR, -word, word*, kind:, date:, year:, sort:date)')
    .argument('<query...>', 'the query')
    .option('--page <n>', 'result page', positiveInt('--page'), 1)
    .option('--limit <n>', 'results per page (max 100)', positiveInt('--limit'), 10)
    .option('--json', 'print the API JSON')
    .action(async (words: string[], o: { page: number; limit: number; json?: boolean }) => {
      const data = await search(await ctx.services(), { q: words.join(' '), page: o.page, pageSize: o.limit });
      if (o.json) return json(presentSearch(data));
      const tty = !!process.stdout.isTTY;
      out(`${data.totalIsEstimate ? '≈' : ''}${data.total} ${data.query?.filters.types.some((t) => t !== 'document') ? 'results' : 'documents'}${data.pageCount > 1 ? ` (page ${data.page} of ${data.pageCount})` : ''}`);
      data.results.forEach((h, i) => {
        out('');
        out(`${String((data.page - 1) * data.pageSize + i + 1).padStart(3)}  ${h.date ?? '          '}  ${(h.type === 'document' ? h.kind : h.type).padEnd(28)} ${h.id}`);
        out(`     ${h.title}`);
        out(`     ${mark(h.snippet, h.highlights, tty).replace(/\s+/g, ' ')}`);
      });
      if (data.facets.kind.length) {
        out('');
        out(`kind: ${data.facets.kind.map((b) => `${b.value} ${data.facetsAreEstimates ? '≈' : ''}${b.count}`).join(', ')}`);
        out(`year: ${data.facets.year.slice(0, 10).map((b) => `${b.value} ${data.facetsAreEstimates ? '≈' : ''}${b.count}`).join(', ')}`);
      }
    });

  program
    .command('show')
    .description('show one document: metadata, structure summary and text')
    .argument('<id>', 'document id')
    .option('--version <n>', 'an older version', positiveInt('--version'))
    .option('-q, --query <q>', 'highlight this query in the text')
    .option('--json', 'print the API JSON')
    .action(async (id: string, o: { version?: number; query?: string; json?: boolean }) => {
      const data = await getDocument(await ctx.services(), id, { ...(o.version ? { version: o.version } : {}), ...(o.query ? { q: o.query } : {}) });
      if (o.json) return json(presentDocument(data));
      const { document: d, version: v } = data;
      out(d.title);
      out(`${v.structure.kind} · ${v.structure.date ?? 'no date'} · version ${v.version} of ${d.currentVersion} · ${v.format}${v.pages ? ` · ${v.pages.length} pages` : ''}`);
      const s = v.structure;
      if (s.signatories.length) out(`signed: ${s.signatories.map((x) => x.name + (x.role ? ` (${x.role})` : '')).join('; ')}`);
      if (s.questions.length) out(`questions: ${s.questions.length}, answers: ${s.answers.length}`);
      if (s.commitments.length) out(`commitments: ${s.commitments.length}`);
      out('');
      out(mark(v.text, data.highlights, !!process.stdout.isTTY));
    });

  program
    .command('parse')
    .description("parse one file and print its structure (the parsed-document contract) without storing it")
    .argument('<file>', 'a PDF, DOCX, HTML or text file')
    .option('--json', 'print the contract JSON (the default; kept for symmetry)')
    .action(async (file: string) => {
      json(await ctx.parseFile(file));
    });

  program
    .command('serve')
    .description('serve the web UI and JSON API')
    .option('-p, --port <port>', 'port (default $PORT or 8080)', portNumber)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (o: { port?: number; host: string }) => {
      await ctx.serve(o.port ?? Number(process.env.PORT ?? 8080), o.host);
    });

  program
    .command('start')
    .description('import the bundled sample corpus (idempotent) and serve: what `npm start` runs')
    .option('-p, --port <port>', 'port (default $PORT or 8080)', portNumber)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (o: { port?: number; host: string }) => {
      printImportSummary(await ctx.importSample(createProgress('sample', 'bytes')));
      const world = await ctx.syncSampleWorld(createProgress('open data', 'items'));
      out(`open data: ${world.entities} entities synced from the bundled world (${world.files.imported} files imported)`);
      await ctx.serve(o.port ?? Number(process.env.PORT ?? 8080), o.host);
    });

  program
    .command('stats')
    .description('counts of documents, versions, kinds, years and failed imports')
    .option('--json', 'print the API JSON')
    .action(async (o: { json?: boolean }) => {
      const data = await getHome(await ctx.services(), 5);
      if (o.json) return json(presentHome(data));
      const s = data.stats;
      out(`documents: ${s.documents}\nversions: ${s.versions}\nfailed imports: ${s.failedImports}`);
      for (const f of data.failures) out(`  ✗ ${f.source}: ${f.message ?? ''} [${f.errorCode ?? '?'}]`);
      out(`kinds: ${s.byKind.map((b) => `${b.value} ${b.count}`).join(', ') || '-'}`);
      out(`years: ${s.byYear.map((b) => `${b.value} ${b.count}`).join(', ') || '-'}`);
    });

  program
    .command('sync')
    .description('sync the Tweede Kamer open data (SyncFeed): incremental, resumable, safe to interrupt')
    .option('--source <url>', `base URL of the open-data service (default $KAMERLENS_TK_URL or ${DEFAULT_TK_URL})`)
    .option('--from-dir <folder>', 'read saved feed pages from a folder instead of the network')
    .option('--categories <list>', 'comma-separated categories, e.g. Document,Zaak (default: all)')
    .option('--max-pages <n>', 'at most this many pages per category in this run', positiveInt('--max-pages'))
    .option('--no-files', 'do not download document files')
    .option('-v, --verbose', 'log every page')
    .option('--json', 'print the result as JSON')
    .action(async (o: { source?: string; fromDir?: string; categories?: string; maxPages?: number; files: boolean; verbose?: boolean; json?: boolean }) => {
      const r = await ctx.sync(
        {
          source: o.source ?? process.env.KAMERLENS_TK_URL ?? DEFAULT_TK_URL,
          ...(o.fromDir ? { fromDir: o.fromDir } : {}),
          ...(o.categories ? { categories: o.categories.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
          ...(o.maxPages ? { maxPages: o.maxPages } : {}),
          files: o.files,
        },
        createProgress('sync', 'items'),
        !!o.verbose,
      );
      if (o.json) json(r);
      else {
        out(`synced ${r.entities} entities in ${(r.elapsedMs / 1000).toFixed(1)} s; files: ${r.files.fetched} fetched, ${r.files.imported} imported, ${r.files.missing} missing, ${r.files.broken} broken`);
        for (const c of r.categories) if (c.error) out(`  ✗ ${c.category}: ${c.error}`);
        if (r.unknown.length) out(`  not in the XSDs (kept as sent): ${r.unknown.join(', ')}`);
      }
      if (!r.ok) process.exitCode = 1;
      // Monitors that run "immediately" do so after each sync as after each import.
      await runWatchesAfterImport(ctx, 'sync');
    });

  program
    .command('reparse')
    .description('run the current parser over every stored document again and re-index it')
    .action(async () => {
      const r = await ctx.reparse(createProgress('reparse', 'items'));
      out(`reparsed ${r.versions} versions of ${r.documents} documents`);
      if (r.retry && r.retry.retried + r.retry.unavailable > 0) {
        out(`failed imports retried: ${r.retry.retried} (${r.retry.imported} imported, ${r.retry.stillFailing} still failing), ${r.retry.unavailable} no longer found`);
      }
    });

  return program;
}

// ---------------------------------------------------------------- watch

/** Immediate monitors run after every import and sync; their report goes to stderr (stdout stays the command's). */
async function runWatchesAfterImport(ctx: CliContext, trigger: 'import' | 'sync' = 'import'): Promise<void> {
  if (!ctx.runWatches) return;
  const w = await ctx.runWatches(trigger);
  if (w.monitors > 0 || w.outbox.failed > 0) {
    process.stderr.write(`watch: ${w.monitors} monitors, ${w.newMatches} new matches, ${w.outbox.sent} sent, ${w.outbox.pending} pending\n`);
  }
}

function addWatchCommands(program: Command, ctx: CliContext): void {
  const svc = async (): Promise<WatchService> => {
    if (!ctx.watch) throw new InvalidArgumentError('watching is not configured');
    return ctx.watch();
  };
  const guard = <A extends unknown[]>(fn: (...a: A) => Promise<void>) => async (...a: A) => {
    try {
      await fn(...a);
    } catch (e) {
      if (!isWatchError(e)) throw e;
      process.stderr.write(`kamerlens: ${e.message} [${e.code}]\n`);
      process.exitCode = 2;
    }
  };
  const watch = program.command('watch').description('follow searches, parties, dossiers and commitments: add | list | remove | run');
  const PARAM: Record<MonitorKind, string> = { search: 'query', party: 'party', dossier: 'dossier', commitments: 'actor', person: 'person', committee: 'committee', zaak: 'zaak', meeting: 'meeting', answers: 'zaak' };

  watch
    .command('add')
    .description('follow something for a user (created if new): a search query, a party, a dossier or an actor\'s commitments')
    .argument('<what...>', 'the query, party, dossier number or actor')
    .requiredOption('--user <email>', 'the user (e-mail address)')
    .option('--kind <kind>', `one of ${MONITOR_KINDS.join(', ')}`, 'search')
    .option('--interval <interval>', `one of ${INTERVALS.join(', ')}`, 'immediate')
    .option('--no-mail', 'no e-mail (feed and webhook only)')
    .option('--webhook <url>', 'POST each match to this URL (HMAC-signed)')
    .option('--json', 'print JSON')
    .action(guard(async (what: string[], o: { user: string; kind: string; interval: string; mail: boolean; webhook?: string; json?: boolean }) => {
      const w = await svc();
      if (!(MONITOR_KINDS as readonly string[]).includes(o.kind)) throw new InvalidArgumentError(`--kind must be one of ${MONITOR_KINDS.join(', ')}`);
      const kind = o.kind as MonitorKind;
      const user = await w.userByEmail(o.user);
      const m = await w.createMonitor(user.id, {
        kind,
        params: { [PARAM[kind]]: what.join(' ') },
        interval: o.interval as 'immediate',
        email: o.mail,
        webhookUrl: o.webhook ?? null,
      });
      if (o.json) return json({ ok: true, monitor: m });
      out(`${m.id}  ${m.label}  (${m.interval}${m.email ? ', e-mail' : ''}${m.webhook ? ', webhook' : ''})`);
      out(`feed: ${m.feedPath}`);
      if (m.webhookSecret) out(`webhook secret (shown once): ${m.webhookSecret}`);
    }));

  watch
    .command('list')
    .description("a user's monitors with their last run")
    .requiredOption('--user <email>', 'the user (e-mail address)')
    .option('--json', 'print JSON')
    .action(guard(async (o: { user: string; json?: boolean }) => {
      const w = await svc();
      const user = await w.userByEmail(o.user);
      const monitors = await w.listMonitors(user.id);
      if (o.json) return json({ ok: true, monitors });
      if (monitors.length === 0) out('no monitors');
      for (const m of monitors) {
        out(`${m.id}  ${m.label}  ${m.interval}  ${m.matchCount} matches  last run ${m.lastRunAt ?? 'never'}${m.webhook?.disabled ? '  (webhook disabled)' : ''}`);
      }
    }));

  watch
    .command('remove')
    .description('stop following (only the owner\'s monitors can be removed)')
    .argument('<id>', 'monitor id')
    .requiredOption('--user <email>', 'the user (e-mail address)')
    .option('--json', 'print JSON')
    .action(guard(async (id: string, o: { user: string; json?: boolean }) => {
      const w = await svc();
      const user = await w.userByEmail(o.user);
      await w.deleteMonitor(user.id, id);
      if (o.json) return json({ ok: true });
      out(`removed ${id}`);
    }));

  watch
    .command('run')
    .description('run due monitors over what changed since their last run, and send what is due (digests, retries)')
    .option('--json', 'print JSON')
    .action(guard(async (o: { json?: boolean }) => {
      if (!ctx.runWatches) throw new InvalidArgumentError('watching is not configured');
      const r = await ctx.runWatches('cli');
      if (o.json) return json({ ok: true, ...r });
      out(`${r.monitors} monitors over ${r.changedDocuments} changed documents: ${r.newMatches} new matches; sent ${r.outbox.sent}, failed ${r.outbox.failed}, pending ${r.outbox.pending} (${r.durationMs} ms)`);
    }));
}

/** Runs the CLI; domain errors become a one-line message and exit code 2. */
export async function runCli(ctx: CliContext, argv: string[]): Promise<void> {
  const program = buildCli(ctx);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      process.exitCode = err.exitCode ?? 2;
    } else if (isKamerlensError(e)) {
      process.stderr.write(`kamerlens: ${e.message} [${e.code}]\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`kamerlens: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    }
  } finally {
    await ctx.close();
  }
}
