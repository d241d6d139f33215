/**
 * Monitor kinds. A monitor is `kind` + `params` (JSON), so a new kind (person, committee,
 * zaak, Council thread — entity follows) is one more entry in MATCHERS, with no schema change.
 * Each matcher validates its params into a canonical form and finds, in the delta of changed
 * documents, the ones that are news for a monitor.
 */
import { isKamerlensError, type ParsedDocument, type ParsedQuery } from '../domain/index.js';
import { describeQuery, parseQuery } from '../search/query.js';
import { makeSnippet } from '../search/snippet.js';
import { WatchError } from '../service/watch-service.js';
import type { ChangedDocument, MonitorRow } from '../store/watch-store.js';
import { DeltaIndex, type DeltaDoc } from './delta-index.js';

/** The changed documents of one run, indexed once for all monitors. */
export class Delta {
  readonly index: DeltaIndex;
  constructor(readonly changes: readonly ChangedDocument[]) {
    this.index = new DeltaIndex(changes.map(toDeltaDoc));
  }
}

/** The same derivation as ingest's toIndexDocument, so `party:` and `dossier:` agree with search. */
export function toDeltaDoc(c: ChangedDocument): DeltaDoc {
  const parties = new Set<string>();
  for (const q of c.structure.questions) if (q.party) parties.add(q.party);
  const dossiers = new Set<string>();
  for (const x of c.structure.citations) if (x.kind === 'kamerstuk') dossiers.add(x.dossier);
  return { seq: c.seq, id: c.docId, version: c.version, title: c.title, text: c.text, kind: c.kind, date: c.date, parties: [...parties], dossiers: [...dossiers] };
}

export interface Found {
  /** Index into Delta.changes. */
  doc: number;
  reason: string;
  snippet: string;
}

export interface Normalized {
  params: Record<string, string>;
  label: string;
  /** The query-language form, for kinds that run as a search (also used for previews). */
  query: string | null;
}

export interface Matcher {
  kind: string;
  normalize(params: Record<string, string>): Normalized;
  match(delta: Delta, monitor: MonitorRow): Found[];
}

function required(params: Record<string, string>, key: string, max = 200, allowQuotes = false): string {
  const v = (params[key] ?? '').trim();
  if (!v) throw new WatchError('BAD_REQUEST', `"${key}" is required`, key);
  if (v.length > max) throw new WatchError('BAD_REQUEST', `"${key}" is longer than ${max} characters`, key);
  if ((allowQuotes ? /[\u0000-\u001f]/ : /["\u0000-\u001f]/).test(v)) throw new WatchError('BAD_REQUEST', `"${key}" contains characters that are not allowed`, key);
  return v;
}

function parse(q: string): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (e) {
    if (isKamerlensError(e)) throw new WatchError('BAD_REQUEST', e.message, 'query');
    throw e;
  }
}

const quoted = (v: string) => (/[\s,()|]/.test(v) ? `"${v}"` : v);

/** Parsed queries per canonical text: 10,000 monitors often share a few hundred queries. */
const parsedCache = new Map<string, ParsedQuery>();
function parsedFor(query: string): ParsedQuery {
  let p = parsedCache.get(query);
  if (!p) {
    p = parse(query);
    if (parsedCache.size > 50_000) parsedCache.clear();
    parsedCache.set(query, p);
  }
  return p;
}

/** A matcher whose monitors are one query each, evaluated against the delta index. */
function queryMatcher(kind: string, toQuery: (p: Record<string, string>) => Normalized, reason: (n: Normalized) => string): Matcher {
  const queries = new Map<string, string>();
  const queryOf = (params: Record<string, string>): string => {
    const key = JSON.stringify(params);
    let q = queries.get(key);
    if (q === undefined) {
      q = toQuery(params).query ?? '';
      if (queries.size > 50_000) queries.clear();
      queries.set(key, q);
    }
    return q;
  };
  return {
    kind,
    normalize: toQuery,
    match(delta, monitor) {
      const query = queryOf(monitor.params);
      const parsed = parsedFor(query);
      const docs = delta.index.match(parsed, monitor.watermark, query);
      if (docs.length === 0) return [];
      const { spec } = delta.index.analyze(parsed);
      const why = reason({ params: monitor.params, label: monitor.label, query });
      return docs.map((d) => {
        const c = delta.changes[d]!;
        return { doc: d, reason: why, snippet: makeSnippet(c.text, spec).snippet };
      });
    },
  };
}

const search = queryMatcher(
  'search',
  (p) => {
    const raw = required(p, 'query', 1000, true);
    const canonical = describeQuery(parse(raw));
    if (!canonical) throw new WatchError('BAD_REQUEST', 'The query is empty', 'query');
    return { params: { query: canonical }, label: `zoekopdracht “${canonical}”`, query: canonical };
  },
  (n) => `past bij de zoekopdracht “${n.query}”`,
);

const party = queryMatcher(
  'party',
  (p) => {
    const v = required(p, 'party', 100);
    const query = describeQuery(parse(`party:${quoted(v)}`));
    return { params: { party: v }, label: `partij ${v}`, query };
  },
  (n) => `Kamervragen van ${n.params.party}`,
);

const dossier = queryMatcher(
  'dossier',
  (p) => {
    const v = required(p, 'dossier', 40);
    if (!/^[0-9]+(?:-[0-9A-Za-z]+)*$/.test(v)) throw new WatchError('BAD_REQUEST', 'A dossier number looks like 21501-33', 'dossier');
    return { params: { dossier: v }, label: `dossier ${v}`, query: describeQuery(parse(`dossier:${v}`)) };
  },
  (n) => `noemt dossier ${n.params.dossier}`,
);

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * New commitments (toezeggingen) by an actor, from the parsed structure of changed documents.
 * Only the "new" event: "falling due", "overdue" and "fulfilled" need the structure store.
 */
const commitments: Matcher = {
  kind: 'commitments',
  normalize(p) {
    const actor = required(p, 'actor', 100);
    return { params: { actor }, label: `toezeggingen van ${actor}`, query: null };
  },
  match(delta, monitor) {
    const actor = fold(monitor.params.actor ?? '');
    if (!actor) return [];
    const out: Found[] = [];
    delta.changes.forEach((c, i) => {
      if (c.seq <= monitor.watermark) return;
      const hits = (c.structure as ParsedDocument).commitments.filter((k) => k.actor !== null && fold(k.actor).includes(actor));
      if (hits.length === 0) return;
      const first = hits[0]!;
      out.push({
        doc: i,
        reason: `${hits.length === 1 ? 'een nieuwe toezegging' : `${hits.length} nieuwe toezeggingen`} van ${first.actor}`,
        snippet: first.text.slice(0, 240) + (first.text.length > 240 ? '…' : ''),
      });
    });
    return out;
  },
};

export const MATCHERS: Record<string, Matcher> = { search, party, dossier, commitments };

export function matcherFor(kind: string): Matcher {
  const m = MATCHERS[kind];
  if (!m) throw new WatchError('BAD_REQUEST', `Unknown monitor kind "${kind}" (known: ${Object.keys(MATCHERS).join(', ')})`, 'kind');
  return m;
}
