/**
 * JSON shapes of the Kamer pages (`/kamer.json`, `/personen/<id>.json`, `/api/persons/<id>`, …),
 * built from the data functions in tk.ts. Those already carry every link, so the JSON twin
 * is the page's data plus `ok`: what the HTML shows, a client can read.
 */
import type {
  ActiviteitData,
  AgendaData,
  BesluitenData,
  CommissieData,
  CommissiesData,
  DossierData,
  DossiersData,
  FractieData,
  FractiesData,
  GeschenkenData,
  KamerOverviewData,
  KamerToezeggingenData,
  OpenVragenData,
  Paged,
  PersoonData,
  PersonenData,
  StemmingData,
  StemmingenData,
  TkBesluitRef,
  TkDocumentPanel,
  UnplannedData,
  VerslagData,
  VerslagenData,
  ZaakData,
} from './tk.js';

const ok = <T extends object>(data: T) => ({ ok: true as const, ...data });

export const presentKamerOverview = (d: KamerOverviewData) => ok(d);
export const presentAgenda = (d: AgendaData) => ok({ ...d, ongeplandUrl: '/activiteiten/ongepland' });
export const presentUnplanned = (d: UnplannedData) => ok(d);
export const presentActiviteit = (d: ActiviteitData) => ok(d);
export const presentBesluiten = (d: BesluitenData) => ok(d);
export const presentStemmingen = (d: StemmingenData) => ok(d);
export const presentStemming = (d: StemmingData) => ok(d);
export const presentCommissies = (d: CommissiesData) => ok(d);
export const presentCommissie = (d: CommissieData) => ok(d);
export const presentPersonen = (d: PersonenData) => ok(d);
export const presentPersoon = (d: PersoonData) => ok(d);
export const presentFracties = (d: FractiesData) => ok(d);
export const presentFractie = (d: FractieData) => ok(d);
export const presentDossiers = (d: DossiersData) => ok(d);
export const presentDossier = (d: DossierData) => ok(d);
export const presentZaak = (d: ZaakData) => ok(d);
/** The Kamer's register, pointing at the commitments kamerlens found in the letters themselves. */
export const presentKamerToezeggingen = (d: KamerToezeggingenData) => ok({ ...d, gevondenInBrievenUrl: '/toezeggingen' });
export const presentOpenVragen = (d: OpenVragenData) => ok(d);
export const presentVerslagen = (d: VerslagenData) => ok(d);
export const presentVerslag = (d: VerslagData) => ok(d);
export const presentGeschenken = (d: GeschenkenData) => ok(d);
export const presentDocumentPanel = (d: TkDocumentPanel) => ok(d);
