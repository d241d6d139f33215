/**
 * The promise pass: after documents are imported or the open data synced, works out once what
 * the pages then only read — which later document keeps each commitment, the Kamer's register
 * as rows, which register commitment is the same promise as one found in a document, and the
 * letter the register itself names (`kamerbriefNakoming`).
 *
 * Candidates for keeping a promise come from the search index (the commitment's topic as the
 * query, documents dated after the promise, ranked), so a letter far down an archive is found as
 * easily as yesterday's. Only documents whose structure changed since the last pass (marked by
 * the promise store) are looked at, and only the open commitments whose topic their titles name.
 */
import type { ParsedQuery, QueryNode, SearchIndex } from '../domain/search.js';
import { tkRef, tkText, type TkEntity } from '../domain/tk.js';
import {
  FULFILLING_KINDS,
  evidenceSentence,
  fold,
  judgeFulfilment,
  kamerbriefKeys,
  telling,
  matchRegisterPromise,
  topicTerms,
  type DocumentPromise,
} from '../parse/promise-match.js';
import type { Store } from '../store/store.js';
import type { DocMeta, OpenCommitment, PromiseStore, RegisterRow } from '../store/promise-store.js';
import { kamerstukKey, type StructureStore } from '../store/structure-index.js';
import type { TkStore } from '../store/tk-store.js';

export interface PromiseDeps {
  store: Store;
  index: SearchIndex;
  structure: StructureStore;
  promises: PromiseStore;
  tk?: TkStore | undefined;
}

export interface PromisePassResult {
  /** Documents whose structure changed and were looked at. */
  documents: number;
  /** Commitments whose keeping was (re)considered through the search index. */
  checked: number;
  /** Of those, kept by a later document. */
  kept: number;
  /** Register commitments updated from the open data. */
  register: number;
  /** Register commitments linked to a document commitment in this pass. */
  linked: number;
}

/** Candidates read from the search index per commitment: the ranking puts the letter on the topic first. */
const CANDIDATES = 30;
/** Dirty documents looked at per round of the pass. */
export const PROMISE_BATCH = 2_000;
const TK_CURSOR = 'tk-seq';

const addDays = (day: string, n: number) => new Date(Date.parse(day.slice(0, 10) + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

const termNode = (t: string): QueryNode | null => {
  const words = t.split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0) return null;
  return words.length === 1 ? { type: 'term', text: words[0]!, prefix: false } : { type: 'phrase', words };
};

/**
 * The search for documents that may keep a promise, after its date: what the rule can accept —
 * any telling term (a name of several words as a phrase, a code), or two ordinary terms together.
 * An ordinary word alone ("voortgang") would rank half the archive for nothing.
 */
export function fulfilmentQuery(terms: readonly string[], after: string): ParsedQuery | null {
  const children: QueryNode[] = [];
  for (const t of terms.filter(telling)) {
    const n = termNode(t);
    if (n) children.push(n);
  }
  const plain = terms.filter((t) => !telling(t)).slice(0, 5);
  for (let i = 0; i < plain.length; i++) {
    for (let j = i + 1; j < plain.length; j++) {
      const a = termNode(plain[i]!);
      const b = termNode(plain[j]!);
      if (a && b) children.push({ type: 'and', children: [a, b] });
    }
  }
  if (children.length === 0) return null;
  return {
    raw: terms.join(' OR '),
    root: children.length === 1 ? children[0]! : { type: 'or', children },
    filters: {
      kinds: [...FULFILLING_KINDS],
      dateFrom: addDays(after, 1),
      dateTo: null,
      years: [],
      parties: [],
      dossiers: [],
      persons: [],
      committees: [],
      types: [],
    },
    sort: 'relevance',
  };
}

/**
 * The later document that keeps a commitment, if any: the search index's best candidates that
 * pass the rule (judgeFulfilment), the earliest of them, with the sentence that shows it.
 */
export async function findKeeper(
  deps: Pick<PromiseDeps, 'index' | 'promises' | 'store'>,
  c: OpenCommitment,
  options: { latest?: string | null } = {},
): Promise<{ docId: string; evidence: string; sentence: string | null } | null> {
  if (!c.date || !c.dueDate) return null;
  const terms = topicTerms(c.topic);
  const query = fulfilmentQuery(terms, c.date);
  if (!query) return null;
  // `latest`, the latest date of a document of a fulfilling kind: when it is before the search's
  // first day the search cannot find anything. The common case of a daily sync: today's
  // documents are the newest, so their own promises cannot have been kept yet.
  if (options.latest !== undefined && (options.latest === null || options.latest.slice(0, 10) < query.filters.dateFrom!)) return null;
  // No time budget: a busy machine must not decide whether a promise was kept.
  const hits = (await deps.index.search({ query, offset: 0, limit: CANDIDATES, snippets: false, counts: false })).hits.filter((h) => h.type === 'document' && h.id !== c.docId);
  if (hits.length === 0) return null;
  const meta = await deps.promises.docMeta(hits.map((h) => h.id));
  return earliestKeeper(deps, c, hits.flatMap((h) => (meta.has(h.id) ? [[h.id, meta.get(h.id)!] as const] : [])));
}

/** Of the candidates the rule (judgeFulfilment) accepts, the earliest (then the smallest id), with the sentence that shows it. */
async function earliestKeeper(
  deps: Pick<PromiseDeps, 'store'>,
  c: OpenCommitment,
  candidates: readonly (readonly [string, DocMeta])[],
): Promise<{ docId: string; evidence: string; sentence: string | null } | null> {
  let best: { docId: string; date: string; evidence: string; shared: string[] } | null = null;
  for (const [id, m] of candidates) {
    const judged = judgeFulfilment(c, { title: m.title, date: m.date, signers: m.signers });
    if (!judged || !m.date) continue;
    if (!best || m.date < best.date || (m.date === best.date && id < best.docId)) best = { docId: id, date: m.date, evidence: judged.evidence, shared: judged.shared };
  }
  if (!best) return null;
  const version = await deps.store.getVersion(best.docId);
  return { docId: best.docId, evidence: best.evidence, sentence: version ? evidenceSentence(version.text, best.shared) : null };
}

/**
 * The earliest of `docs` that keeps an open commitment by the rule of findKeeper (a later
 * document of a fulfilling kind whose title names the topic, judgeFulfilment), or null.
 */
async function keeperAmong(
  deps: Pick<PromiseDeps, 'store'>,
  c: OpenCommitment,
  docs: readonly (readonly [string, DocMeta])[],
): Promise<{ docId: string; evidence: string; sentence: string | null } | null> {
  if (!c.date || !c.dueDate) return null;
  // What the search's filters would have kept: another document, of a fulfilling kind.
  return earliestKeeper(deps, c, docs.filter(([id, m]) => id !== c.docId && (FULFILLING_KINDS as readonly string[]).includes(m.kind)));
}

/** A Toezegging entity as a register row. */
export function registerRow(e: TkEntity): RegisterRow {
  const surname = tkText(e, 'naam') ?? tkText(e, 'achternaam');
  const name = [tkText(e, 'initialen'), tkText(e, 'tussenvoegsel'), surname].filter(Boolean).join(' ');
  const role = tkText(e, 'functie');
  const v = e.fields.kamerbriefNakoming;
  const kamerbrief = v === undefined || v === null ? [] : (typeof v === 'string' ? [v] : v).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return {
    id: e.id,
    nummer: tkText(e, 'nummer'),
    text: tkText(e, 'tekst') ?? '',
    actor: name ? `${name}${role ? ` (${role})` : ''}` : role,
    surname,
    role,
    ministry: tkText(e, 'ministerie'),
    status: tkText(e, 'status'),
    dueDate: tkText(e, 'datumNakoming')?.slice(0, 10) ?? null,
    created: tkText(e, 'aanmaakdatum')?.slice(0, 10) ?? null,
    activityId: tkRef(e, 'activiteit'),
    kamerbrief,
  };
}

/**
 * Brings the promise tables up to the store, the index and the open data. Idempotent: a rerun
 * with nothing changed reads two small tables and stops. `full` reconsiders everything.
 */
export async function refreshPromises(
  deps: PromiseDeps,
  options: { full?: boolean; onBatch?: (documents: number, total: number, checked: number) => void } = {},
): Promise<PromisePassResult> {
  const { promises } = deps;
  const result: PromisePassResult = { documents: 0, checked: 0, kept: 0, register: 0, linked: 0 };
  if (options.full) await promises.markAllDirty();
  // What the pass has before it, for progress: over a whole archive it takes long (a search per promise).
  const total = options.onBatch ? await promises.dirtyCount() : 0;
  const registerChanged = await syncRegister(deps, options.full ?? false, result);
  const changedDates: string[] = [];
  // Each promise is looked up once per pass (the index already holds every document, whichever batch marked it),
  // unless its keeper changes in a later batch.
  const done = new Set<string>();
  const relink: string[] = [];
  let latest: string | null | undefined;
  for (;;) {
    const dirty = await promises.dirtyDocuments(PROMISE_BATCH);
    if (dirty.length === 0) break;
    result.documents += dirty.length;
    // What was concluded about these documents is dropped; promises they kept are reconsidered.
    const { lost, unlinked } = await promises.forgetDocuments(dirty);
    relink.push(...unlinked);
    const own = await promises.commitmentsOf(dirty, true);
    const meta = await promises.docMeta(dirty);
    for (const m of meta.values()) if (m.date) changedDates.push(m.date);
    const reconsider = new Map<string, OpenCommitment>();
    for (const c of own) reconsider.set(`${c.docId}#${c.ordinal}`, c);
    // A promise whose keeper changed in this batch is looked up again, even if an earlier batch of this pass did.
    for (const l of lost) done.delete(`${l.docId}#${l.ordinal}`);
    if (lost.length) {
      for (const c of await promises.commitmentsOf([...new Set(lost.map((l) => l.docId))], true)) {
        if (lost.some((l) => l.docId === c.docId && l.ordinal === c.ordinal)) reconsider.set(`${c.docId}#${c.ordinal}`, c);
      }
    }
    // Open promises elsewhere that a changed document may keep: its title must name their topic.
    // Nothing stored before kept them, so only this batch's documents can: they are judged
    // directly, without a search per promise (that search grew with the archive: at 100,000
    // documents it was 15 ms for each of thousands of open promises per 10,000 new documents).
    const titles = new TitleIndex([...meta.values()].map((m) => ({ title: m.title, date: m.date })));
    const elsewhere: OpenCommitment[] = [];
    if (titles.size > 0) {
      for (const c of await promises.openCommitments()) {
        const key = `${c.docId}#${c.ordinal}`;
        if (!reconsider.has(key) && c.date && titles.mayName(topicTerms(c.topic), c.date)) elsewhere.push(c);
      }
    }
    const rows: Parameters<PromiseStore['setKept']>[0] = [];
    // Once per pass: the pass runs after the documents are stored, in one unit, so it does not change.
    if (latest === undefined && reconsider.size > 0) latest = await promises.latestDate(FULFILLING_KINDS);
    for (const [key, c] of reconsider) {
      if (done.has(key)) continue;
      done.add(key);
      result.checked++;
      const keeper = await findKeeper(deps, c, latest === undefined ? {} : { latest });
      if (keeper) result.kept++;
      rows.push({ docId: c.docId, ordinal: c.ordinal, keptBy: keeper ? { ...keeper, via: 'search' } : null });
    }
    const batchDocs = [...meta];
    for (const c of elsewhere) {
      if (done.has(`${c.docId}#${c.ordinal}`)) continue;
      result.checked++;
      const keeper = await keeperAmong(deps, c, batchDocs);
      if (!keeper) continue;
      result.kept++;
      rows.push({ docId: c.docId, ordinal: c.ordinal, keptBy: { ...keeper, via: 'search' } });
    }
    await promises.setKept(rows);
    await promises.clearDirty(dirty);
    options.onBatch?.(result.documents, total, result.checked);
  }
  // The register's links: rows that changed, and unlinked rows made near a changed document.
  const toLink = new Map<string, RegisterRow>();
  for (const r of await promises.register([...registerChanged, ...relink])) toLink.set(r.id, r);
  if (changedDates.length) {
    changedDates.sort();
    for (const r of await promises.unlinkedRegister(addDays(changedDates[0]!, -3), addDays(changedDates[changedDates.length - 1]!, 30))) toLink.set(r.id, r);
  }
  if (toLink.size) result.linked = await linkRegister(deps, [...toLink.values()]);
  // The letters the register names: resolved when they arrive.
  if (registerChanged.length || result.documents) await resolveKamerbrief(deps);
  return result;
}

/** Follows the open data's change log for Toezegging entities into the register rows. */
async function syncRegister(deps: PromiseDeps, full: boolean, result: PromisePassResult): Promise<string[]> {
  const { tk, promises } = deps;
  if (!tk) return [];
  const head = await tk.changeHead();
  const start = full ? 0 : Number((await promises.getMeta(TK_CURSOR)) ?? 0);
  if (head <= start) return [];
  const changed: string[] = [];
  const changes = await tk.changesSince(start, head, ['Toezegging']);
  const gone: string[] = [];
  const rows: RegisterRow[] = [];
  // The live ones read in batches, not a query per change.
  const live = new Map<string, TkEntity>();
  const ids = changes.filter((c) => !c.deleted).map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) for (const [id, e] of await tk.getEntities(ids.slice(i, i + 500))) live.set(id, e);
  for (const c of changes) {
    const e = c.deleted ? null : live.get(c.id.toLowerCase()) ?? null;
    if (!e || e.deleted || e.category !== 'Toezegging') gone.push(c.id);
    else {
      rows.push(registerRow(e));
      changed.push(e.id);
    }
  }
  await promises.removeRegister(gone);
  await promises.putRegister(rows);
  await promises.setMeta(TK_CURSOR, String(head));
  result.register = rows.length + gone.length;
  return changed;
}

/** Local documents the Kamer records as made in an activity (Document → activiteit). */
async function activityDocuments(deps: PromiseDeps, activityId: string | null, cache: Map<string, Set<string>>): Promise<Set<string>> {
  if (!activityId || !deps.tk) return new Set();
  let set = cache.get(activityId);
  if (set) return set;
  set = new Set();
  for (const ref of await deps.tk.refsTo(activityId, 'activiteit')) {
    if (ref.otherCategory !== null && ref.otherCategory !== 'Document') continue;
    const local = await deps.store.documentFromSource(`tk:${ref.fromId}`);
    if (local) set.add(local);
  }
  cache.set(activityId, set);
  return set;
}

/**
 * Links register commitments to the document commitment that is the same promise: candidates
 * are the commitments of documents made in the same activity or dated near the register's
 * entry; the best match wins, and a document commitment takes one register commitment.
 */
async function linkRegister(deps: PromiseDeps, rows: RegisterRow[]): Promise<number> {
  const { promises } = deps;
  const byActivity = new Map<string, Set<string>>();
  const signatories = new Map<string, { name: string; role: string | null }[]>();
  const sigs = async (docId: string) => {
    let s = signatories.get(docId);
    if (!s) signatories.set(docId, (s = (await deps.store.getVersion(docId))?.structure.signatories ?? []));
    return s;
  };
  let linked = 0;
  for (const r of rows) {
    const inActivity = await activityDocuments(deps, r.activityId, byActivity);
    const candidates: OpenCommitment[] = inActivity.size ? await promises.commitmentsOf([...inActivity], false) : [];
    if (r.created) candidates.push(...(await promises.commitmentsDated(addDays(r.created, -30), addDays(r.created, 3))));
    const taken = new Set((await promises.linksOf([...new Set(candidates.map((c) => c.docId))])).filter((l) => l.registerId !== r.id).map((l) => `${l.docId}#${l.ordinal}`));
    let best: { c: OpenCommitment; score: number; reasons: string[] } | null = null;
    const seen = new Set<string>();
    for (const c of candidates) {
      const key = `${c.docId}#${c.ordinal}`;
      if (seen.has(key) || taken.has(key)) continue;
      seen.add(key);
      const d: DocumentPromise = { text: c.text, topic: c.topic, actor: c.actor, dueDate: c.dueDate, date: c.date, signatories: await sigs(c.docId), sameActivity: inActivity.has(c.docId) };
      const m = matchRegisterPromise(
        { text: r.text, surname: r.surname, role: r.role, ministry: r.ministry, created: r.created, dueDate: r.dueDate },
        d,
      );
      if (m && (!best || m.score > best.score)) best = { c, ...m };
    }
    await promises.setRegisterLink(r.id, best ? { docId: best.c.docId, ordinal: best.c.ordinal, score: best.score, reasons: best.reasons } : null);
    if (best) linked++;
  }
  return linked;
}

/** The stored document each unresolved `kamerbriefNakoming` names: by document number, zaak or Kamerstuk. */
async function resolveKamerbrief(deps: PromiseDeps): Promise<void> {
  const { promises, structure, tk, store } = deps;
  for (const r of await promises.unresolvedKamerbrief()) {
    const found: { id: string; date: string | null }[] = [];
    for (const raw of r.kamerbrief) {
      for (const k of kamerbriefKeys(raw)) {
        const key = k.kind === 'kamerstuk' ? kamerstukKey(k.dossier!, k.number!) : `${k.kind}:${k.value}`;
        found.push(...(await structure.documentsWithKey(key)));
        if (!tk || k.kind === 'kamerstuk') continue;
        // The open data knows which of its documents carry the number or belong to the zaak.
        const field = k.kind === 'docnr' ? 'documentNummer' : 'nummer';
        const category = k.kind === 'docnr' ? 'Document' : 'Zaak';
        for (const e of (await tk.listEntities({ category, field, value: k.value, limit: 5 })).items) {
          const docs = k.kind === 'docnr' ? [e.id] : (await tk.refsTo(e.id, 'zaak')).filter((x) => x.otherCategory === 'Document').map((x) => x.fromId);
          for (const id of docs) {
            const local = await store.documentFromSource(`tk:${id}`);
            if (local) found.push({ id: local, date: (await promises.docMeta([local])).get(local)?.date ?? null });
          }
        }
      }
    }
    // The first letter on or after the promise is the one that kept it.
    const after = found.filter((f) => !r.created || !f.date || f.date >= r.created).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
    const first = after[0];
    if (first) await promises.setRegisterKept(r.id, { docId: first.id, evidence: `de Kamer noemt deze brief als nakoming (${r.kamerbrief.join(', ')})` });
  }
}

/**
 * The titles of a batch of changed documents, by the first four letters of each word: which
 * open promise one of them may keep is a few lookups per topic term, not a scan of the batch.
 */
class TitleIndex {
  private readonly byPrefix = new Map<string, { title: string; date: string | null }[]>();
  private readonly maxDate: string | null;
  constructor(docs: { title: string; date: string | null }[]) {
    let max: string | null = null;
    for (const d of docs) {
      const title = fold(d.title);
      if (d.date && (!max || d.date > max)) max = d.date;
      // One entry per title, under each of its words' prefixes (once per prefix): terms are counted per title.
      const entry = { title, date: d.date };
      for (const key of new Set(title.split(/[^a-z0-9]+/).filter((w) => w.length >= 4).map((w) => w.slice(0, 4)))) {
        let l = this.byPrefix.get(key);
        if (!l) this.byPrefix.set(key, (l = []));
        l.push(entry);
      }
    }
    this.maxDate = max;
  }
  get size(): number {
    return this.byPrefix.size;
  }
  /** Whether a title dated after `after` holds a telling term or two terms (a superset of what judgeFulfilment accepts). */
  mayName(terms: readonly string[], after: string): boolean {
    if (!this.maxDate || this.maxDate <= after) return false;
    const seen = new Map<{ title: string }, number>();
    for (const t of terms) {
      for (const d of this.byPrefix.get(t.slice(0, 4)) ?? []) {
        if (!d.date || d.date <= after || !d.title.includes(t)) continue;
        const n = (seen.get(d) ?? 0) + 1;
        if (telling(t) || n >= 2) return true;
        seen.set(d, n);
      }
    }
    return false;
  }
}
