/**
 * A watch world for tests: one in-memory SQLite database with the document store, the search
 * index and the watch store; a controllable clock; a local SMTP sink and a local webhook
 * receiver on loopback (both real servers, so the real nodemailer / fetch paths run).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { emptyStructure, type DocumentKind, type ParsedDocument } from '../../src/domain/index.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import type { Services } from '../../src/service/services.js';
import type { WatchService } from '../../src/service/watch-service.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { SqliteWatchStore } from '../../src/store/sqlite/sqlite-watch-store.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import type { Database } from '../../src/store/unit-of-work.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import type { Meeting } from '../../src/domain/index.js';
import { createHash } from 'node:crypto';
import { createSmtpMailer } from '../../src/watch/email.js';
import type { Mailer } from '../../src/watch/mailer.js';
import { createWatchService } from '../../src/watch/service.js';
import { webhookSender, verifySignature } from '../../src/watch/webhook.js';
import type { WatchDeps } from '../../src/watch/run.js';

export const BASE_URL = 'http://kamerlens.test';

export class Clock {
  t: number;
  constructor(iso = '2026-06-01T08:00:00.000Z') {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface World {
  db: ReturnType<typeof openDatabase>;
  /** Units of work on `db`, handing out the stores below. */
  units: Database;
  services: Pick<Services, 'store' | 'index' | 'structure'>;
  store: SqliteStore;
  structure: SqliteStructureIndex;
  tk: SqliteTkStore;
  watchStore: SqliteWatchStore;
  watch: WatchService;
  deps: WatchDeps;
  clock: Clock;
  close(): Promise<void>;
}

export function watchWorld(options: { mailer?: Mailer | null; maxWebhookFailures?: number; allowLoopbackWebhooks?: boolean; resolveHost?: (host: string) => Promise<string[]> } = {}): World {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const watchStore = new SqliteWatchStore(db);
  const structure = new SqliteStructureIndex(db);
  const tk = new SqliteTkStore(db);
  const clock = new Clock();
  const services = { store, index, structure };
  const deps: WatchDeps = {
    // The run's unit writes through these same objects (a test that swaps a method sees it called).
    units: sqliteDatabase(db, { store, index, structure, tk, watchStore }),
    store: watchStore,
    services,
    sources: { structure, tk },
    mailer: options.mailer ?? null,
    // The receivers of these tests listen on loopback.
    webhooks: webhookSender({ timeoutMs: 5000, allowLoopback: options.allowLoopbackWebhooks ?? true }),
    baseUrl: BASE_URL,
    now: clock.now,
    allowHttpWebhooks: true,
    ...(options.allowLoopbackWebhooks !== undefined ? { allowLoopbackWebhooks: options.allowLoopbackWebhooks } : {}),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    ...(options.maxWebhookFailures ? { maxWebhookFailures: options.maxWebhookFailures } : {}),
  };
  const watch = createWatchService(deps);
  return { db, units: deps.units, services, store, structure, tk, watchStore, watch, deps, clock, close: () => store.close() };
}

export interface DocInput {
  id: string;
  title: string;
  text: string;
  kind?: DocumentKind;
  date?: string | null;
  parties?: string[];
  dossiers?: string[];
  commitments?: { text: string; actor: string; dueDate?: string }[];
  meetings?: Meeting[];
  zaakNumbers?: string[];
  answers?: string[];
  /** The parser's structure to store as is (the fields above are then ignored). */
  parsed?: ParsedDocument;
}

/** Stores (a new version of) a document and indexes it, as an import would. */
export async function addDoc(w: Pick<World, 'units'>, d: DocInput): Promise<{ docId: string; version: number; status: string }> {
  const kind = d.kind ?? 'kamerbrief';
  const structure: ParsedDocument = { ...emptyStructure(kind), title: d.title, date: d.date ?? null };
  structure.questions = (d.parties ?? []).map((p, i) => ({ id: `q${i + 1}`, party: p, text: `Vraag ${i + 1}`, answerIds: [] }));
  structure.citations = (d.dossiers ?? []).map((x) => ({ kind: 'kamerstuk' as const, raw: `Kamerstuk ${x}`, dossier: x, number: null, year: null }));
  structure.commitments = (d.commitments ?? []).map((c) => ({ text: c.text, actor: c.actor, due: c.dueDate ?? null, dueDate: c.dueDate ?? null }));
  structure.meetings = d.meetings ?? [];
  structure.identifiers = { ...structure.identifiers, zaakNumbers: d.zaakNumbers ?? [] };
  structure.answers = (d.answers ?? []).map((text, i) => ({ id: `a${i + 1}`, number: i + 1, text, seeAlso: [] }));
  if (d.parsed) Object.assign(structure, d.parsed);
  const hash = createHash('sha256').update(d.title + '\n' + d.text).digest('hex');
  return w.units.transaction(async ({ store, index, structure: structureIndex }) => {
    const saved = await store.saveVersion(`test:${d.id}`, d.id, {
      contentHash: hash,
      format: 'text',
      fileName: `${d.id}.txt`,
      byteSize: d.text.length,
      mimeType: 'text/plain',
      text: d.text,
      pages: null,
      structure,
      original: null,
      title: d.title,
      kind,
      date: d.date ?? null,
    });
    if (saved.status !== 'unchanged') {
      await index.upsert([{ id: saved.docId, title: d.title, text: d.text, kind, date: d.date ?? null, parties: d.parties ?? [], dossiers: d.dossiers ?? [] }]);
      await structureIndex.put(saved.docId, { title: d.title, kind, date: d.date ?? null }, structure);
    }
    return saved;
  });
}

// ------------------------------------------------------------------ SMTP sink

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Raw with quoted-printable soft breaks and escapes undone (good enough for asserts). */
  text: string;
  subject: string;
  headers: string;
}

function decodeQp(s: string): string {
  const unfolded = s.replace(/=\r?\n/g, '');
  return Buffer.from(unfolded.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

function decodeSubject(h: string): string {
  const m = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(h);
  if (!m) return '';
  return m[1]!
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    )
    .trim();
}

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const split = raw.indexOf('\r\n\r\n');
          const headers = raw.slice(0, split);
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQp(raw), subject: decodeSubject(headers), headers });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  mailer(): Mailer & { close(): void } {
    // A fresh connection per message (no pool): "down" is seen at once, "up again" too.
    return createSmtpMailer(`smtp://127.0.0.1:${this.port}?ignoreTLS=true`, 'kamerlens <alerts@kamerlens.test>');
  }
}

// ------------------------------------------------------------------ webhook receiver

export interface ReceivedHook {
  body: string;
  json: any;
  signature: string | null;
  delivery: string | null;
  verified: boolean;
}

export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  /** Status to answer with; tests flip it to 500 for an outage. */
  status = 200;
  secret = '';
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = (req.headers['x-kamerlens-signature'] as string | undefined) ?? null;
        const delivery = (req.headers['x-kamerlens-delivery'] as string | undefined) ?? null;
        this.received.push({ body, json: JSON.parse(body), signature, delivery, verified: verifySignature(this.secret, body, signature) });
        res.writeHead(this.status, { 'content-type': 'text/plain' }).end(this.status === 200 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    this.server = server;
  }

  /** Deliveries that a receiver deduplicating on X-Kamerlens-Delivery would accept, 2xx only. */
  async stop(): Promise<void> {
    const s = this.server;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
