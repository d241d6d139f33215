/**
 * Promises from both sources — the commitments kamerlens found in documents and the Kamer's own
 * register — in one list, a linked pair as one promise, each with whether it was kept. Everything
 * here is read from what the promise pass stored at import or sync time: a page view works out
 * nothing about fulfilment.
 */
import { KamerlensError } from '../domain/index.js';
import { DEADLINE_STATUSES, type ActorCount, type CommitmentRow, type DeadlineStatus, type StructureStore } from '../store/structure-index.js';
import { KEPT_STATES, PROMISE_SOURCES, type KeptState, type PromiseRow, type PromiseSource, type PromiseStore } from '../store/promise-store.js';

export { KEPT_STATES, PROMISE_SOURCES, type KeptState, type PromiseRow, type PromiseSource } from '../store/promise-store.js';

export interface PromiseServices {
  structure: StructureStore;
  /** Absent in test worlds without the promise tables: then there is nothing to list. */
  promises?: PromiseStore | undefined;
}

export const PROMISE_PAGE_SIZE = 50;
const MAX_PAGE = 200;

export interface PromisesInput {
  actor: string;
  status: DeadlineStatus | null;
  kept: KeptState | null;
  source: PromiseSource | null;
  q: string;
  page: number;
  today: string;
}

export interface PromisesData {
  filters: { actor: string; status: DeadlineStatus | null; kept: KeptState | null; source: PromiseSource | null; q: string };
  today: string;
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  promises: PromiseRow[];
  /** The actors of the document commitments, for the filter. */
  actors: ActorCount[];
  /** How many match the other filters in each deadline status. */
  statusCounts: Record<DeadlineStatus, number>;
  /** How many match the other filters kept, overdue and open. */
  keptCounts: Record<KeptState, number>;
}

function checkInput(page: number, today: string): void {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    throw new KamerlensError('BAD_REQUEST', `"page" moet een heel getal van 1 tot en met ${MAX_PAGE} zijn`, { field: 'page' });
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(today)) throw new KamerlensError('BAD_REQUEST', '"today" moet een datum JJJJ-MM-DD zijn', { field: 'today' });
}

/** A document commitment as a promise when no promise pass has run (test worlds without the promise tables): nothing known kept. */
export function promiseOfCommitment(c: CommitmentRow, today: string): PromiseRow {
  return {
    source: 'document',
    text: c.text,
    actor: c.actor,
    due: c.due,
    dueDate: c.dueDate,
    topic: c.topic,
    status: c.status,
    kept: c.dueDate !== null && c.dueDate < today ? 'overdue' : 'open',
    document: c.document,
    ordinal: c.ordinal,
    register: null,
    link: null,
    keptBy: null,
  };
}

const none = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Every promise, from documents and the register, filtered by actor, deadline, kept state, source and text. */
export async function listPromises(s: PromiseServices, input: PromisesInput): Promise<PromisesData> {
  checkInput(input.page, input.today);
  const actor = input.actor.trim();
  const q = input.q.trim();
  const filters = { actor, status: input.status, kept: input.kept, source: input.source, q };
  const base = { today: input.today, ...(actor ? { actor } : {}), ...(q ? { q } : {}), ...(input.source ? { source: input.source } : {}) };
  // The actors' list does not depend on the page: read beside it (on PostgreSQL each read is a round trip of its own).
  const actorsRead = s.structure.commitmentActors();
  actorsRead.catch(() => undefined);
  const p = s.promises;
  if (!p) {
    const r = await s.structure.commitments({ ...base, ...(input.status ? { status: input.status } : {}), offset: (input.page - 1) * PROMISE_PAGE_SIZE, limit: PROMISE_PAGE_SIZE });
    const actors = await actorsRead;
    return {
      filters, today: input.today, page: input.page, pageSize: PROMISE_PAGE_SIZE, pageCount: Math.ceil(r.total / PROMISE_PAGE_SIZE), total: r.total,
      promises: r.items.map((c) => promiseOfCommitment(c, input.today)), actors, statusCounts: none(DEADLINE_STATUSES), keptCounts: none(KEPT_STATES),
    };
  }
  // Counted once: the tabs' numbers and the page's total are the same cells, handed to the page's read
  // while they are counted (on PostgreSQL the page's rows are read beside them).
  const cellsRead = p.counts(base);
  cellsRead.catch(() => undefined);
  const page = await p.list(
    {
      ...base,
      ...(input.status ? { status: input.status } : {}),
      ...(input.kept ? { kept: input.kept } : {}),
      offset: (input.page - 1) * PROMISE_PAGE_SIZE,
      limit: PROMISE_PAGE_SIZE,
    },
    cellsRead,
  );
  const cells = await cellsRead;
  const actors = await actorsRead;
  // Each tab counts what the other filters leave: the deadline tabs follow the kept filter and the other way round.
  const statusCounts = none(DEADLINE_STATUSES);
  const keptCounts = none(KEPT_STATES);
  for (const c of cells) {
    if (!input.kept || c.kept === input.kept) statusCounts[c.status] += c.n;
    if (!input.status || c.status === input.status) keptCounts[c.kept] += c.n;
  }
  return {
    filters,
    today: input.today,
    page: input.page,
    pageSize: PROMISE_PAGE_SIZE,
    pageCount: Math.ceil(page.total / PROMISE_PAGE_SIZE),
    total: page.total,
    promises: page.items,
    actors,
    statusCounts,
    keptCounts,
  };
}

/** The promises made in these documents, in document and commitment order (a document page, a Council thread). */
export async function promisesOfDocuments(s: PromiseServices, docIds: string[], today: string): Promise<PromiseRow[]> {
  if (docIds.length === 0) return [];
  if (!s.promises) return (await s.structure.commitments({ today, docIds })).items.map((c) => promiseOfCommitment(c, today));
  const rows = (await s.promises.list({ today, docIds })).items;
  const order = new Map(docIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.document?.id ?? '') ?? 0) - (order.get(b.document?.id ?? '') ?? 0) || (a.ordinal ?? 0) - (b.ordinal ?? 0));
}

/** The register's commitments by id, each as the promise it is (with the document commitment linked to it). */
export async function promisesOfRegister(s: { promises?: PromiseStore | undefined }, ids: string[], today: string): Promise<Map<string, PromiseRow>> {
  const out = new Map<string, PromiseRow>();
  if (!s.promises || ids.length === 0) return out;
  for (const r of (await s.promises.list({ today, registerIds: ids })).items) if (r.register) out.set(r.register.id, r);
  return out;
}
