/**
 * Reports of sittings (VLOS) as pages read them: the report the sync derived (never the file),
 * with speakers' names, parties and person pages, minutes per speaker per debate item, and
 * per person what they said in which debates.
 */
import { documentDebateKey, documentOfDebateKey, type VlosBlock, type VlosSpeakerStats } from '../domain/vlos.js';
import type { StoredVlosReport, VlosStore } from '../store/vlos-store.js';
import { documentUrl } from './presenters.js';
import { activiteitUrl, personUrl, verslagUrl, type TkServices } from './tk.js';

/** A speaker as the page shows them. */
export interface VerslagSpreker {
  key: string;
  naam: string;
  fractie: string | null;
  functie: string | null;
  soort: string | null;
  /** The person page, when the sync could link the speaker to a person of the open data. */
  persoon: { id: string; url: string } | null;
}

/** Turns and speaking time of one speaker; `minuten` is `seconden` / 60, one decimal. */
export interface VerslagSprekerTijd {
  spreker: string;
  beurten: number;
  interrupties: number;
  alsVoorzitter: number;
  seconden: number;
  minuten: number;
  /** Contributions without readable time marks (not in the seconds). */
  zonderTijd: number;
}

export interface VerslagActiviteit {
  /** Anchor on the page (`#punt-1`). */
  anker: string;
  soort: string | null;
  titel: string;
  onderwerp: string | null;
  /** The activity's page when the report's objectid is an activity of the open data. */
  url: string | null;
  sprekers: VerslagSprekerTijd[];
  blocks: VlosBlock[];
}

export interface VerslagInhoud {
  titel: string | null;
  soort: string | null;
  status: string | null;
  datum: string | null;
  /** The report's text as a kamerlens document (kind `handelingen`), searchable. */
  documentUrl: string | null;
  /** Every speaker by key (blocks refer to them by `speaker`). */
  sprekers: Record<string, VerslagSpreker>;
  /** Over the whole sitting, most speaking time first. */
  totaal: VerslagSprekerTijd[];
  /** Whether the report marks times (the feed's VLOS does; a printed Handelingen does not). */
  spreektijd: boolean;
  activiteiten: VerslagActiviteit[];
}

const minutes = (seconds: number) => Math.round(seconds / 6) / 10;

function tijd(s: VlosSpeakerStats): VerslagSprekerTijd {
  return {
    spreker: s.speaker,
    beurten: s.turns,
    interrupties: s.interruptions,
    alsVoorzitter: s.chair,
    seconden: s.seconds,
    minuten: minutes(s.seconds),
    zonderTijd: s.untimed,
  };
}

type VlosServices = TkServices & { vlos?: VlosStore | undefined };

/** The stored report of a Verslag, ready for the page; null when it was not derived (yet). */
export async function verslagInhoud(s: VlosServices, verslagId: string): Promise<VerslagInhoud | null> {
  const stored = s.vlos ? await s.vlos.getReport(verslagId) : null;
  return stored ? inhoudOf(s, stored) : null;
}

/**
 * Who said what in an imported Handelingen (PDF, officielebekendmakingen XML), read from its
 * text at import: the same view as a report from the feed, without speaking times (the
 * printed record has none). Null for any other document.
 */
export async function documentDebat(s: Pick<VlosServices, 'store' | 'vlos'> & { tk?: TkServices['tk'] | undefined }, docId: string): Promise<VerslagInhoud | null> {
  const stored = s.vlos ? await s.vlos.getReport(documentDebateKey(docId)) : null;
  return stored ? inhoudOf(s, stored) : null;
}

async function inhoudOf(s: Pick<VlosServices, 'store'> & { tk?: TkServices['tk'] | undefined }, stored: StoredVlosReport): Promise<VerslagInhoud> {
  const r = stored.report;
  const sprekers: Record<string, VerslagSpreker> = {};
  for (const sp of r.speakers) {
    const pid = stored.persons[sp.key];
    sprekers[sp.key] = {
      key: sp.key,
      naam: sp.naam,
      fractie: sp.fractie,
      functie: sp.functie,
      soort: sp.soort,
      persoon: pid ? { id: pid, url: personUrl(pid) } : null,
    };
  }
  const activiteiten: VerslagActiviteit[] = [];
  for (const [i, a] of r.activiteiten.entries()) {
    const e = a.objectId && s.tk ? await s.tk.getEntity(a.objectId) : null;
    activiteiten.push({
      anker: `punt-${i + 1}`,
      soort: a.soort,
      titel: a.titel ?? a.onderwerp ?? a.soort ?? `Punt ${i + 1}`,
      onderwerp: a.onderwerp && a.onderwerp !== a.titel ? a.onderwerp : null,
      url: e?.category === 'Activiteit' ? activiteitUrl(e.id) : null,
      sprekers: a.speakers.map(tijd),
      blocks: a.blocks,
    });
  }
  const doc = stored.docId ? await s.store.getDocument(stored.docId) : null;
  return {
    titel: r.vergadering.titel,
    soort: r.soort,
    status: r.status,
    datum: r.vergadering.datum?.slice(0, 10) ?? null,
    documentUrl: doc ? documentUrl(doc.id) : null,
    sprekers,
    totaal: r.totals.map(tijd),
    spreektijd: r.totals.some((t) => t.seconds > 0),
    activiteiten,
  };
}

/** One debate item a person spoke in. */
export interface PersoonBijdrage {
  verslag: { id: string; titel: string | null; datum: string | null; url: string };
  activiteit: { titel: string | null; url: string };
  beurten: number;
  interrupties: number;
  alsVoorzitter: number;
  seconden: number;
  minuten: number;
  /** False for a debate read from a printed Handelingen: it has no time marks. */
  spreektijd: boolean;
}

/**
 * What a person said, per debate item, newest sitting first. Of several reports of one
 * sitting (an uncorrected one, then the corrected one), only the newest counts; reports
 * whose Verslag was withdrawn from the feed are left out.
 */
export async function bijdragenVan(s: VlosServices, persoonId: string): Promise<PersoonBijdrage[]> {
  if (!s.vlos) return [];
  const rows = await s.vlos.speechesOf(persoonId);
  const newestOf = new Map<string, { id: string; updated: string }>();
  for (const r of rows) {
    const key = r.vergaderingId ?? r.verslagId;
    const cur = newestOf.get(key);
    if (!cur || (r.verslagUpdated ?? '') > cur.updated) newestOf.set(key, { id: r.verslagId, updated: r.verslagUpdated ?? '' });
  }
  const alive = new Map<string, boolean>();
  // The open data's reports all at once (one store call, not one per sitting).
  const verslagen = await s.tk.getEntities([...new Set(rows.map((r) => r.verslagId).filter((id) => !documentOfDebateKey(id)))]);
  const out: PersoonBijdrage[] = [];
  for (const r of rows) {
    if (newestOf.get(r.vergaderingId ?? r.verslagId)?.id !== r.verslagId) continue;
    const docId = documentOfDebateKey(r.verslagId);
    if (!alive.has(r.verslagId)) {
      alive.set(r.verslagId, docId ? (await s.store.getDocument(docId)) !== null : verslagen.get(r.verslagId.toLowerCase())?.category === 'Verslag');
    }
    if (!alive.get(r.verslagId)) continue;
    const url = docId ? documentUrl(docId) : verslagUrl(r.verslagId);
    out.push({
      verslag: { id: r.verslagId, titel: r.vergaderingTitel, datum: r.datum, url },
      activiteit: { titel: r.activityTitel, url: `${url}#punt-${r.activity + 1}` },
      beurten: r.turns,
      interrupties: r.interruptions,
      alsVoorzitter: r.chair,
      seconden: r.seconds,
      minuten: minutes(r.seconds),
      spreektijd: !docId,
    });
  }
  return out;
}

/** On the page of the handelingen document: the report it came from, its sitting and debate items. */
export interface VerslagDocumentPanel {
  verslag: { id: string; url: string; soort: string | null; status: string | null };
  vergadering: { titel: string | null; datum: string | null };
  activiteiten: { titel: string; url: string; activiteitUrl: string | null }[];
}

/** The report a document was imported from (`source: tk:<Verslag id>`); null for any other document. */
export async function verslagDocumentPanel(s: VlosServices, doc: { source: string }): Promise<VerslagDocumentPanel | null> {
  const id = /^tk:([0-9a-f-]{36})$/i.exec(doc.source)?.[1];
  if (!id || !s.vlos) return null;
  const e = await s.tk.getEntity(id);
  if (e?.category !== 'Verslag') return null;
  const inhoud = await verslagInhoud(s, id);
  if (!inhoud) return null;
  const url = verslagUrl(id);
  return {
    verslag: { id, url, soort: inhoud.soort, status: inhoud.status },
    vergadering: { titel: inhoud.titel, datum: inhoud.datum },
    activiteiten: inhoud.activiteiten.map((a) => ({ titel: a.titel, url: `${url}#${a.anker}`, activiteitUrl: a.url })),
  };
}

/** On an activity's page: the debate items of reports about it (newest report first). */
export interface ActiviteitVerslag {
  url: string;
  titel: string | null;
  datum: string | null;
  sprekers: number;
}

export async function verslagenVanActiviteit(s: VlosServices, activiteitId: string): Promise<ActiviteitVerslag[]> {
  if (!s.vlos) return [];
  const out: ActiviteitVerslag[] = [];
  const reports = await s.vlos.reportsOfActivity(activiteitId);
  const verslagen = await s.tk.getEntities(reports.map((r) => r.verslagId));
  for (const r of reports) {
    // A report withdrawn from the feed is not offered.
    if (verslagen.get(r.verslagId.toLowerCase())?.category !== 'Verslag') continue;
    out.push({ url: `${verslagUrl(r.verslagId)}#punt-${r.activity + 1}`, titel: r.vergaderingTitel, datum: r.datum, sprekers: r.speakers });
  }
  return out;
}
