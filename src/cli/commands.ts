/**
 * The `kamerlens` command line. Commands print the same presenters' data as the API
 * (`--json`) or a readable rendering of it. What needs storage or ingest comes through
 * the CliContext that the composition root (main.ts) provides.
 */
import { Command, Help, InvalidArgumentError } from 'commander';
import type { ParsedDocument } from '../domain/index.js';
import { isKamerlensError } from '../domain/index.js';
import { documentFileUrl, fileSizeText, formatLabel } from '../service/document-files.js';
import { presentDocument, presentHome, presentSearch } from '../service/presenters.js';
import { getDocument, getHome, search, type Services } from '../service/services.js';
import { createProgress, type ProgressSink } from './progress.js';
import { INTERVALS, MONITOR_KINDS, isWatchError, type MonitorKind, type RunReport, type WatchService } from '../service/watch-service.js';

export interface ImportResult {
  counts: Record<'new' | 'new-version' | 'new-file' | 'unchanged' | 'failed', number>;
  skipped: string[];
  failures: { source: string; code: string; message: string }[];
  /** Files that became another format of a stored document. */
  otherFormats: { source: string; docId: string; title: string }[];
}

export interface SyncSummary {
  ok: boolean;
  entities: number;
  elapsedMs: number;
  categories: { category: string; entities?: number; absent?: boolean; error?: string | null }[];
  files: { fetched: number; unchanged: number; missing: number; broken: number; refused: number; imported: number; importFailed: number };
  /** Categories and elements the XSDs do not know, reported once. */
  unknown: string[];
}

export const DEFAULT_TK_URL = 'https://gegevensmagazijn.tweedekamer.nl';

export interface WorkerOptions {
  /** Where the sync reads the open data; no sync job without one. */
  sync: { source: string; fromDir?: string } | null;
  syncEveryMs: number;
  watchEveryMs: number;
  /** Run each job once and stop (for cron, and tests). */
  once: boolean;
}

export interface CliContext {
  services(): Promise<Services>;
  /**
   * The background jobs of a deployment, on a schedule until SIGTERM (or once): the open-data
   * sync (with its projections and the promise pass) and the monitors' runs and deliveries.
   * Several workers on one database never run the same job at once (leases).
   */
  worker?(options: WorkerOptions, log: (line: string) => void): Promise<void>;
  /** Brings the configured database's schema up to this version (PostgreSQL: once, before nodes start). */
  migrate(): Promise<{ database: string; applied: number }>;
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
/** `1 document`, `2 documenten`: a count with the right form of the noun (the CLI speaks Dutch, like the site). */
const n = (count: number, one: string, many: string): string => `${count.toLocaleString('nl-NL')} ${count === 1 ? one : many}`;

const INTERVAL_WORD: Record<string, string> = { immediate: 'direct', daily: 'dagelijks', weekly: 'wekelijks' };

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} moet een heel getal van 1 of meer zijn`);
    return n;
  };
}

function portNumber(v: string) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('de poort moet 0–65535 zijn');
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
  out(`geïmporteerd: ${c.new} nieuw, ${n(c['new-version'], 'nieuwe versie', 'nieuwe versies')}, ` +
    (c['new-file'] ? `${n(c['new-file'], 'ander bestandsformaat', 'andere bestandsformaten')} van een bestaand document, ` : '') +
    `${c.unchanged} ongewijzigd, ${c.failed} mislukt` +
    (r.skipped.length ? `, ${r.skipped.length} overgeslagen (bestandssoort niet ondersteund)` : ''));
  for (const f of r.otherFormats.slice(0, 50)) out(`  + ${f.source}: toegevoegd als ander bestandsformaat van ${f.title} (${f.docId})`);
  if (r.otherFormats.length > 50) out(`  … en nog ${n(r.otherFormats.length - 50, 'ander bestandsformaat', 'andere bestandsformaten')}`);
  for (const f of r.failures.slice(0, 50)) out(`  ✗ ${f.source}: ${f.message} [${f.code}]`);
  if (r.failures.length > 50) out(`  … en nog ${n(r.failures.length - 50, 'mislukt bestand', 'mislukte bestanden')}`);
  // A file passed over is named too, so nothing in a folder goes unmentioned.
  for (const s of r.skipped.slice(0, 50)) out(`  – ${s}: overgeslagen, geen ondersteunde bestandssoort (noem het bestand zelf om het toch te proberen)`);
  if (r.skipped.length > 50) out(`  … en nog ${n(r.skipped.length - 50, 'overgeslagen bestand', 'overgeslagen bestanden')}`);
}

export function buildCli(ctx: CliContext): Command {
  const program = new Command('kamerlens')
    .description('Vind, lees en volg wat de Tweede Kamer en de Raad van de EU over een onderwerp doen.')
    .option('--data <dir>', 'gegevensmap (standaard: $KAMERLENS_DATA of ./kamerlens-data)')
    .showHelpAfterError('(kamerlens <opdracht> --help toont de mogelijkheden)')
    .helpOption('-h, --help', 'toon deze hulp')
    .helpCommand('help [opdracht]', 'toon de hulp bij een opdracht')
    // commander's own headings, in the language of the rest of the help.
    .configureHelp({
      formatHelp: (cmd, helper) =>
        new Help().formatHelp(cmd, helper)
          .replace(/^Usage:/m, 'Gebruik:')
          .replace(/^Arguments:/m, 'Argumenten:')
          .replace(/^Options:/m, 'Opties:')
          .replace(/^Commands:/m, 'Opdrachten:')
          .replace(/display help for command/g, 'toon deze hulp')
          .replace(/\(default:/g, '(standaard:')
          .replace(/\[options\]/g, '[opties]')
          .replace(/\[command\]/g, '[opdracht]'),
    });

  program
    .command('import')
    .description('importeer bestanden en mappen (PDF, DOCX, DOC, HTML, XML van officielebekendmakingen, tekst, NDJSON-bulkbestanden), met submappen; opnieuw importeren verandert niets')
    .argument('<paths...>', 'bestanden of mappen')
    .option('--max-size <MB>', 'grootste bestand dat wordt aangenomen, in MB', positiveInt('--max-size'), 100)
    .option('-v, --verbose', 'meld elk bestand')
    .option('--json', 'geef de samenvatting als JSON')
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
    .description('doorzoek het archief (dezelfde zoektaal als op de site: "zin", OR, -woord, woord*, kind:, date:, year:, sort:date)')
    .argument('<query...>', 'de zoekopdracht')
    .option('--page <n>', 'pagina met resultaten', positiveInt('--page'), 1)
    .option('--limit <n>', 'resultaten per pagina (hoogstens 100)', positiveInt('--limit'), 10)
    .option('--json', 'geef de JSON van de API')
    .action(async (words: string[], o: { page: number; limit: number; json?: boolean }) => {
      const data = await search(await ctx.services(), { q: words.join(' '), page: o.page, pageSize: o.limit });
      if (o.json) return json(presentSearch(data));
      const tty = !!process.stdout.isTTY;
      const entities = data.query?.filters.types.some((t) => t !== 'document');
      out(`${data.totalIsEstimate ? '≈' : ''}${entities ? n(data.total, 'resultaat', 'resultaten') : n(data.total, 'document', 'documenten')}${data.pageCount > 1 ? ` (pagina ${data.page} van ${data.pageCount})` : ''}`);
      data.results.forEach((h, i) => {
        out('');
        out(`${String((data.page - 1) * data.pageSize + i + 1).padStart(3)}  ${h.date ?? '          '}  ${(h.type === 'document' ? h.kind : h.type).padEnd(28)} ${h.id}`);
        out(`     ${h.title}`);
        out(`     ${mark(h.snippet, h.highlights, tty).replace(/\s+/g, ' ')}`);
      });
      if (data.facets.kind.length) {
        out('');
        out(`soort: ${data.facets.kind.map((b) => `${b.value} ${data.facetsAreEstimates ? '≈' : ''}${b.count}`).join(', ')}`);
        out(`jaar: ${data.facets.year.slice(0, 10).map((b) => `${b.value} ${data.facetsAreEstimates ? '≈' : ''}${b.count}`).join(', ')}`);
      }
    });

  program
    .command('show')
    .description('toon één document: gegevens, wat kamerlens erin herkende en de tekst')
    .argument('<id>', 'document-id')
    .option('--version <n>', 'een eerdere versie', positiveInt('--version'))
    .option('-q, --query <q>', 'markeer deze zoekopdracht in de tekst')
    .option('--json', 'geef de JSON van de API')
    .action(async (id: string, o: { version?: number; query?: string; json?: boolean }) => {
      const data = await getDocument(await ctx.services(), id, { ...(o.version ? { version: o.version } : {}), ...(o.query ? { q: o.query } : {}) });
      if (o.json) return json(presentDocument(data));
      const { document: d, version: v } = data;
      out(d.title);
      out(`${v.structure.kind} · ${v.structure.date ?? 'geen datum'} · versie ${v.version} van ${d.currentVersion} · ${v.format}${v.pages ? ` · ${n(v.pages.length, 'pagina', "pagina's")}` : ''}`);
      const s = v.structure;
      if (s.signatories.length) out(`ondertekend door: ${s.signatories.map((x) => x.name + (x.role ? ` (${x.role})` : '')).join('; ')}`);
      if (s.questions.length) out(`${n(s.questions.length, 'vraag', 'vragen')}, ${n(s.answers.length, 'antwoord', 'antwoorden')}`);
      if (s.commitments.length) out(n(s.commitments.length, 'toezegging', 'toezeggingen'));
      const files = data.files.filter((f) => f.version === v.version);
      if (files.length) {
        out(files.length === 1 ? 'bestand:' : `bestanden (${files.length} formaten):`);
        for (const f of files) out(`  ${formatLabel(f.format)} · ${fileSizeText(f.byteSize)} · ${f.fileName ?? '-'} · ${documentFileUrl(f.docId, f.id)}`);
      }
      out('');
      out(mark(v.text, data.highlights, !!process.stdout.isTTY));
    });

  program
    .command('parse')
    .description('ontleed één bestand en toon de structuur (het parsed-document-contract) zonder het op te slaan')
    .argument('<file>', 'een PDF-, DOCX-, HTML- of tekstbestand')
    .option('--json', 'geef de JSON van het contract (de standaard; voor de symmetrie)')
    .action(async (file: string) => {
      json(await ctx.parseFile(file));
    });

  program
    .command('serve')
    .description('start de website en de JSON-API')
    .option('-p, --port <port>', 'poort (standaard $PORT of 8080)', portNumber)
    .option('--host <host>', 'netwerkadres om op te luisteren', '127.0.0.1')
    .action(async (o: { port?: number; host: string }) => {
      await ctx.serve(o.port ?? Number(process.env.PORT ?? 8080), o.host);
    });

  program
    .command('start')
    .description('importeer de meegeleverde voorbeelddocumenten en start de website: wat `npm start` doet')
    .option('-p, --port <port>', 'poort (standaard $PORT of 8080)', portNumber)
    .option('--host <host>', 'netwerkadres om op te luisteren', '127.0.0.1')
    .action(async (o: { port?: number; host: string }) => {
      printImportSummary(await ctx.importSample(createProgress('sample', 'bytes')));
      const world = await ctx.syncSampleWorld(createProgress('open data', 'items'));
      out(`open data: ${n(world.entities, 'item', 'items')} gesynchroniseerd uit de meegeleverde wereld (${n(world.files.imported, 'bestand', 'bestanden')} geïmporteerd)`);
      await ctx.serve(o.port ?? Number(process.env.PORT ?? 8080), o.host);
    });

  program
    .command('worker')
    .description('achtergrondtaken op een schema: de open data synchroniseren en volgers controleren en bezorgen; meerdere workers op één database doen een taak nooit tegelijk')
    .option('--source <url>', 'synchroniseer de open data van dit adres (standaard $KAMERLENS_TK_URL; zonder: geen synchronisatie)')
    .option('--from-dir <folder>', 'synchroniseer uit bewaarde feedpagina’s in deze map')
    .option('--sync-every <minutes>', 'minuten tussen synchronisaties', positiveInt('--sync-every'), 15)
    .option('--watch-every <seconds>', 'seconden tussen controles van de volgers', positiveInt('--watch-every'), 60)
    .option('--once', 'voer elke taak één keer uit en stop')
    .action(async (o: { source?: string; fromDir?: string; syncEvery: number; watchEvery: number; once?: boolean }) => {
      if (!ctx.worker) throw new InvalidArgumentError('de worker is hier niet beschikbaar');
      const source = o.source ?? process.env.KAMERLENS_TK_URL ?? (o.fromDir ? o.fromDir : null);
      await ctx.worker(
        {
          sync: source ? { source, ...(o.fromDir ? { fromDir: o.fromDir } : {}) } : null,
          syncEveryMs: o.syncEvery * 60_000,
          watchEveryMs: o.watchEvery * 1000,
          once: !!o.once,
        },
        (line) => process.stderr.write(line + '\n'),
      );
    });

  program
    .command('migrate')
    .description('breng het schema van de database bij tot deze versie (PostgreSQL: eenmaal, vóór web- en werkprocessen starten)')
    .action(async () => {
      const r = await ctx.migrate();
      out(`${r.database}: ${r.applied === 0 ? 'schema was al bij' : `${r.applied} migratie${r.applied === 1 ? '' : 's'} toegepast`}`);
    });

  program
    .command('stats')
    .description('aantallen documenten, versies, soorten, jaren en mislukte imports')
    .option('--json', 'geef de JSON van de API')
    .action(async (o: { json?: boolean }) => {
      const data = await getHome(await ctx.services(), 5);
      if (o.json) return json(presentHome(data));
      const s = data.stats;
      out(`documenten: ${s.documents}\nversies: ${s.versions}\nmislukte imports: ${s.failedImports}`);
      for (const f of data.failures) out(`  ✗ ${f.source}: ${f.message ?? ''} [${f.errorCode ?? '?'}]`);
      out(`soorten: ${s.byKind.map((b) => `${b.value} ${b.count}`).join(', ') || '-'}`);
      out(`jaren: ${s.byYear.map((b) => `${b.value} ${b.count}`).join(', ') || '-'}`);
    });

  program
    .command('sync')
    .description('synchroniseer de open data van de Tweede Kamer (SyncFeed): alleen wat nieuw is, hervat waar hij stopte, veilig te onderbreken')
    .option('--source <url>', `adres van de open-datadienst (standaard $KAMERLENS_TK_URL of ${DEFAULT_TK_URL})`)
    .option('--from-dir <folder>', 'lees bewaarde feedpagina’s uit een map in plaats van van het netwerk')
    .option('--categories <list>', 'categorieën, gescheiden door komma’s, bijv. Document,Zaak (standaard: alle)')
    .option('--max-pages <n>', 'hoogstens zoveel pagina’s per categorie in deze run', positiveInt('--max-pages'))
    .option('--no-files', 'download geen documentbestanden')
    .option('-v, --verbose', 'meld elke pagina')
    .option('--json', 'geef het resultaat als JSON')
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
        out(`${n(r.entities, 'item', 'items')} gesynchroniseerd in ${(r.elapsedMs / 1000).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s; bestanden: ${r.files.fetched} opgehaald, ${r.files.imported} geïmporteerd, ${r.files.missing} ontbrekend, ${r.files.broken} beschadigd${r.files.refused ? `, ${r.files.refused} geweigerd (de feed wees naar een pad of host die niet mag)` : ''}`);
        for (const c of r.categories) if (c.error) out(`  ✗ ${c.category}: ${c.error}`);
        const absent = r.categories.filter((c) => c.absent && !c.error).map((c) => c.category);
        if (absent.length) out(`  niet aangeboden door de bron (overgeslagen): ${absent.join(', ')}`);
        if (r.unknown.length) out(`  niet in de XSD's (bewaard zoals ontvangen): ${r.unknown.join(', ')}`);
      }
      if (!r.ok) process.exitCode = 1;
      // Monitors that run "immediately" do so after each sync as after each import.
      await runWatchesAfterImport(ctx, 'sync');
    });

  program
    .command('reparse')
    .description('ontleed elk opgeslagen document opnieuw met de huidige parser en indexeer het opnieuw')
    .action(async () => {
      const r = await ctx.reparse(createProgress('reparse', 'items'));
      out(`${n(r.versions, 'versie', 'versies')} van ${n(r.documents, 'document', 'documenten')} opnieuw ontleed`);
      if (r.retry && r.retry.retried + r.retry.unavailable > 0) {
        out(`mislukte imports opnieuw geprobeerd: ${r.retry.retried} (${r.retry.imported} geïmporteerd, ${r.retry.stillFailing} mislukken nog), ${r.retry.unavailable} niet meer gevonden`);
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
    process.stderr.write(`volgen: ${n(w.monitors, 'volger', 'volgers')}, ${n(w.newMatches, 'nieuwe treffer', 'nieuwe treffers')}, ${w.outbox.sent} verstuurd, ${w.outbox.pending} in de wachtrij\n`);
  }
}

function addWatchCommands(program: Command, ctx: CliContext): void {
  const svc = async (): Promise<WatchService> => {
    if (!ctx.watch) throw new InvalidArgumentError('volgen is hier niet ingesteld');
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
  const watch = program.command('watch').description('volg zoekopdrachten, partijen, dossiers en toezeggingen: add | list | remove | run');
  const PARAM: Record<MonitorKind, string> = { search: 'query', party: 'party', dossier: 'dossier', commitments: 'actor', person: 'person', committee: 'committee', zaak: 'zaak', meeting: 'meeting', answers: 'zaak' };

  watch
    .command('add')
    .description('volg iets voor een gebruiker (die zo nodig wordt aangemaakt): een zoekopdracht, een partij, een dossier of de toezeggingen van een bewindspersoon')
    .argument('<what...>', 'de zoekopdracht, partij, het dossiernummer of de bewindspersoon')
    .requiredOption('--user <email>', 'de gebruiker (e-mailadres)')
    .option('--kind <kind>', `een van: ${MONITOR_KINDS.join(', ')}`, 'search')
    .option('--interval <interval>', `een van: ${INTERVALS.join(', ')}`, 'immediate')
    .option('--no-mail', 'geen e-mail (alleen feed en webhook)')
    .option('--webhook <url>', 'stuur elke treffer met POST naar dit adres (met HMAC ondertekend)')
    .option('--json', 'geef JSON')
    .action(guard(async (what: string[], o: { user: string; kind: string; interval: string; mail: boolean; webhook?: string; json?: boolean }) => {
      const w = await svc();
      if (!(MONITOR_KINDS as readonly string[]).includes(o.kind)) throw new InvalidArgumentError(`--kind moet een van deze zijn: ${MONITOR_KINDS.join(', ')}`);
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
      out(`${m.id}  ${m.label}  (${INTERVAL_WORD[m.interval] ?? m.interval}${m.email ? ', e-mail' : ''}${m.webhook ? ', webhook' : ''})${m.existed ? '  (volgde je al)' : ''}`);
      out(`feed: ${m.feedPath}`);
      if (m.webhookSecret) out(`webhook-geheim (wordt één keer getoond): ${m.webhookSecret}`);
    }));

  watch
    .command('list')
    .description('wat een gebruiker volgt, met de laatste controle')
    .requiredOption('--user <email>', 'de gebruiker (e-mailadres)')
    .option('--json', 'geef JSON')
    .action(guard(async (o: { user: string; json?: boolean }) => {
      const w = await svc();
      const user = await w.userByEmail(o.user);
      const monitors = await w.listMonitors(user.id);
      if (o.json) return json({ ok: true, monitors });
      if (monitors.length === 0) out('nog niets gevolgd');
      for (const m of monitors) {
        out(`${m.id}  ${m.label}  ${INTERVAL_WORD[m.interval] ?? m.interval}  ${n(m.matchCount, 'treffer', 'treffers')}  laatst gecontroleerd ${m.lastRunAt ?? 'nooit'}${m.webhook?.disabled ? '  (webhook uitgezet)' : ''}`);
      }
    }));

  watch
    .command('remove')
    .description('stop met volgen (alleen de eigenaar kan een volger verwijderen)')
    .argument('<id>', 'id van de volger')
    .requiredOption('--user <email>', 'de gebruiker (e-mailadres)')
    .option('--json', 'geef JSON')
    .action(guard(async (id: string, o: { user: string; json?: boolean }) => {
      const w = await svc();
      const user = await w.userByEmail(o.user);
      await w.deleteMonitor(user.id, id);
      if (o.json) return json({ ok: true });
      out(`${id} verwijderd`);
    }));

  watch
    .command('run')
    .description('controleer de volgers die aan de beurt zijn op wat er sinds hun vorige controle veranderde, en verstuur wat klaarstaat (overzichten, nieuwe pogingen)')
    .option('--json', 'geef JSON')
    .action(guard(async (o: { json?: boolean }) => {
      if (!ctx.runWatches) throw new InvalidArgumentError('volgen is hier niet ingesteld');
      const r = await ctx.runWatches('cli');
      if (o.json) return json({ ok: true, ...r });
      out(`${n(r.monitors, 'volger', 'volgers')} over ${n(r.changedDocuments, 'gewijzigd document', 'gewijzigde documenten')}: ${n(r.newMatches, 'nieuwe treffer', 'nieuwe treffers')}; ${r.outbox.sent} verstuurd, ${r.outbox.failed} mislukt, ${r.outbox.pending} in de wachtrij (${r.durationMs} ms)`);
    }));
}

/** Runs the CLI; domain errors become a one-line message and exit code 2. */
export async function runCli(ctx: CliContext, argv: string[]): Promise<void> {
  // Output piped into `head` (or any reader that stops early) closes stdout: that is the
  // reader's choice, not an error; without this the CLI died with an EPIPE stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw e;
  });
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
      process.stderr.write(`kamerlens: onverwachte fout: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    }
  } finally {
    await ctx.close();
  }
}
