/**
 * "Wat ontbreekt": one list of what the archive knows it lacks — documents its documents cite
 * that it does not hold, Council meetings whose paper trail stops after the annotated agenda,
 * Kamer files that could not be fetched or read — each with where to get it, and what users
 * reported missing. One data function for `/ontbrekend` and `/api/missing`.
 */
import { KamerlensError } from '../domain/index.js';
import type { MissingReport, MissingStore } from '../store/missing-store.js';
import type { DocRef } from '../store/structure-index.js';
import { councilOfficialUrl, kamerstukOfficialUrl } from './official.js';
import type { StatusServices } from './status.js';
import { resolveDocument } from './references.js';
import { getDossier, kamerSiteUrl } from './tk.js';

export interface MissingServices extends StatusServices {
  missing?: MissingStore | undefined;
}

export interface Official {
  url: string;
  label: string;
}

export interface MissingCitation {
  key: string;
  label: string;
  /** How the citing documents wrote it. */
  raws: string[];
  /** The kamerlens page about it (with what is known), when there is one. */
  href: string | null;
  official: Official | null;
  citedBy: DocRef[];
}

export interface MissingStep {
  meeting: string;
  body: string;
  date: string | null;
  href: string;
  /** What the thread lacks, in Dutch. */
  lacks: string;
  has: DocRef[];
}

export interface MissingFile {
  /** What failed: an open-data file (`file`) or an import (`import`). */
  kind: 'file' | 'import';
  label: string;
  reason: string;
  official: Official | null;
}

export interface MissingData {
  citations: MissingCitation[];
  steps: MissingStep[];
  files: MissingFile[];
  reports: MissingReport[];
}

const LIMIT = 200;
/** A stalled thread's documents shown (its page has them all); a real thread has a handful. */
const THREAD_SHOWN = 8;

/** What a cited key is and where its official publication lives. */
export function describeKey(key: string): Pick<MissingCitation, 'label' | 'href' | 'official'> | null {
  let m = /^kamerstuk:([^/]+)\/(\d+)$/.exec(key);
  if (m) {
    return {
      label: `Kamerstuk ${m[1]} nr. ${m[2]}`,
      href: `/stukken/kamerstuk/${encodeURIComponent(m[1]!)}/${m[2]}`,
      official: { url: kamerstukOfficialUrl(m[1]!, m[2]!), label: 'officielebekendmakingen.nl' },
    };
  }
  m = /^council:(\d+)\/(\d{2})$/.exec(key);
  if (m) {
    const url = councilOfficialUrl(`${m[1]}/${m[2]}`);
    return { label: `Raadsdocument ${m[1]}/${m[2]}`, href: `/stukken/raad/${m[1]}-${m[2]}`, official: url ? { url, label: 'het register van de Raad van de EU' } : null };
  }
  m = /^docnr:(\d{4}D\d{5})$/.exec(key);
  if (m) return { label: `Document ${m[1]}`, href: `/stukken/document/${m[1]}`, official: { url: kamerSiteUrl(m[1]!, null), label: 'tweedekamer.nl' } };
  return null;
}

/**
 * Whether the Kamer's open data holds a key no imported document carries: the links that
 * never die lead there (a dossier's page, a Kamer document), so it is not missing. Each
 * dossier is read once per call (many citations name the same big dossier).
 */
function openDataHolds(s: MissingServices): (key: string) => Promise<boolean> {
  const dossiers = new Map<string, Promise<Set<number>>>();
  const numbersIn = (dossier: string) => {
    let p = dossiers.get(dossier);
    if (!p) {
      p = getDossier({ tk: s.tk!, store: s.store, structure: s.structure }, dossier).then(
        (d) => new Set(d.documenten.flatMap((x) => (x.volgnummer === null || x.volgnummer === undefined ? [] : [x.volgnummer]))),
        (e: unknown) => {
          if (e instanceof KamerlensError && e.code === 'NOT_FOUND') return new Set<number>();
          throw e;
        },
      );
      dossiers.set(dossier, p);
    }
    return p;
  };
  return async (key) => {
    if (!s.tk) return false;
    const k = /^kamerstuk:([^/]+)\/(\d+)$/.exec(key);
    if (k) return (await numbersIn(k[1]!)).has(Number(k[2]));
    const d = /^docnr:(\d{4}D\d{5})$/.exec(key);
    if (d) return (await resolveDocument(s, d[1]!)).found;
    return false;
  };
}

export async function getMissing(s: MissingServices, now: Date = new Date()): Promise<MissingData> {
  const today = now.toISOString().slice(0, 10);
  const [unresolved, stalled, fileFailures, importFailures, reports] = await Promise.all([
    s.missing ? s.missing.unresolvedCitations(LIMIT) : [],
    // A verslag follows the meeting: before the meeting is over nothing is missing yet. The
    // store picks them (at 600,000 documents reading every thread here took ~10 s a view).
    s.structure.meetingList({ stalledBefore: today, limit: LIMIT, documentsPerThread: THREAD_SHOWN }),
    s.status ? s.status.fileFailures(LIMIT) : [],
    s.status ? s.status.importFailures(LIMIT) : [],
    s.missing ? s.missing.reports(LIMIT) : [],
  ]);
  const citations: MissingCitation[] = [];
  const inOpenData = openDataHolds(s);
  for (const u of unresolved) {
    const d = describeKey(u.key);
    if (d && !(await inOpenData(u.key))) citations.push({ key: u.key, raws: u.raws, citedBy: u.citedBy, ...d });
  }
  const steps: MissingStep[] = stalled.items.map((t) => ({
    meeting: t.key, body: t.body, date: t.startDate, href: `/raad/${encodeURIComponent(t.key)}`, lacks: 'verslag van de Raad', has: t.documents,
  }));
  const files: MissingFile[] = [
    ...fileFailures.map((f): MissingFile => ({
      kind: 'file',
      label: `${f.category} ${f.entityId}`,
      reason: `${f.status === 'missing' ? 'ontbreekt bij de bron (404)' : f.status === 'refused' ? 'niet opgehaald' : 'beschadigd of onvolledig'}${f.error ? `: ${f.error}` : ''}`,
      official: { url: f.href, label: 'de open data van de Tweede Kamer' },
    })),
    // An imported file is the importer's own: there is no official place to point to.
    ...importFailures.map((f): MissingFile => ({ kind: 'import', label: f.source, reason: `${f.message ?? 'onbekende fout'} (${f.errorCode ?? 'ONBEKEND'})`, official: null })),
  ];
  return { citations, steps, files, reports };
}

/** Stores a user's report of a missing document. */
export async function reportMissing(s: MissingServices, userId: string, whatRaw: string, whereRaw: string, now: Date = new Date()): Promise<MissingReport> {
  if (!s.missing) throw new KamerlensError('NOT_FOUND', 'Melden is hier niet beschikbaar', { field: 'what' });
  const what = whatRaw.trim();
  const where = whereRaw.trim();
  if (what.length < 3) throw new KamerlensError('BAD_REQUEST', 'Beschrijf welk document ontbreekt (een nummer of titel, minstens 3 tekens)', { field: 'what' });
  if (what.length > 500) throw new KamerlensError('BAD_REQUEST', 'De beschrijving is te lang (hoogstens 500 tekens)', { field: 'what' });
  if (where.length > 1000) throw new KamerlensError('BAD_REQUEST', 'De vindplaats is te lang (hoogstens 1000 tekens)', { field: 'where' });
  return s.missing.addReport({ what, where: where || null, userId, at: now.toISOString() });
}
