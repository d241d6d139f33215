/**
 * A report of a sitting (VLOS, `vlosCoreDocument`) as who said what: the sitting, its debate
 * items (activiteiten), each speaker's turns with interruptions nested under the turn they
 * interrupt, and speaking time per speaker. Plain data, stored as JSON per report.
 */

/** Bump when the parser's output changes: stored reports of an older version are re-derived. */
export const VLOS_PARSER_VERSION = 1;

/**
 * Reports read from an imported Handelingen's own text (PDF, officielebekendmakingen XML) are
 * stored beside those of the feed under this key; the feed's are keyed by the Verslag's GUID.
 */
export function documentDebateKey(docId: string): string {
  return `doc:${docId}`;
}

/** The document whose own text a stored report was read from, or null for a report of the feed. */
export function documentOfDebateKey(key: string): string | null {
  return key.startsWith('doc:') ? key.slice(4) : null;
}

/** A speaker as the report names them (`spreker`). */
export interface VlosSpeaker {
  /**
   * The key turns refer to: the report's `objectid` of the speaker, else `naam:<verslagnaam>`.
   * For Kamerleden the objectid is usually the open data's Persoon id, but not always.
   */
  key: string;
  /** The report's objectid, null when absent. */
  objectId: string | null;
  /** `Tweede Kamerlid`, `Minister`, `Staatssecretaris`, `Externe spreker`, … */
  soort: string | null;
  /** How the report prints the name (`Van Haersma Buma`). */
  verslagnaam: string | null;
  voornaam: string | null;
  /** As the report sends it: tussenvoegsel last (`Haersma Buma van`). */
  achternaam: string | null;
  aanhef: string | null;
  fractie: string | null;
  /** `Lid Tweede Kamer`, `minister-president, minister van Algemene Zaken`, … */
  functie: string | null;
  /** Display name: voornaam + verslagnaam (`Sybrand van Haersma Buma`), or what there is. */
  naam: string;
}

/** One contribution: a `woordvoerder` (a turn) or an `interrumpant` (an interruption). */
export interface VlosTurn {
  kind: 'woordvoerder' | 'interrumpant';
  /** VlosSpeaker.key. */
  speaker: string;
  /** Spoken from the chair (`isvoorzitter`). */
  voorzitter: boolean;
  /** `markeertijdbegin`/`-eind` as written (local time, no offset); null when absent. */
  begin: string | null;
  end: string | null;
  /** end − begin in seconds; null when a mark is missing, unreadable or end comes before begin. */
  seconds: number | null;
  /** The spoken text, one entry per paragraph, without the printed "De heer X (Partij):" line. */
  paragraphs: string[];
  /** Texts read into the record during the turn (a motion's text), by kind. */
  fragments: VlosFragment[];
  /** Interruptions of this turn, in order (only for `woordvoerder`). */
  interruptions: VlosTurn[];
}

/** Text of the record that is not a speech: chair's announcements, a motion's text, a suspension. */
export interface VlosFragment {
  /** `draadboekfragment` soort (`Motie indiening`, `Schorsing`, …) or `tekst`. */
  soort: string;
  paragraphs: string[];
}

/** One block of an activity in reading order. */
export type VlosBlock =
  | { kind: 'kop'; text: string }
  | { kind: 'fragment'; fragment: VlosFragment }
  | { kind: 'turn'; turn: VlosTurn };

/** Speaking time and contributions of one speaker in one activity (or the whole sitting). */
export interface VlosSpeakerStats {
  speaker: string;
  /** woordvoerder elements spoken (not from the chair). */
  turns: number;
  /** interrumpant elements spoken. */
  interruptions: number;
  /** Contributions from the chair. */
  chair: number;
  /** Seconds as woordvoerder, as interrumpant, from the chair; their sum is `seconds`. */
  turnSeconds: number;
  interruptionSeconds: number;
  chairSeconds: number;
  seconds: number;
  /** Contributions whose duration could not be read (left out of the seconds). */
  untimed: number;
}

/** A debate item of the sitting. */
export interface VlosActivity {
  /** The report's objectid; often the open data's Activiteit id. */
  objectId: string | null;
  soort: string | null;
  titel: string | null;
  onderwerp: string | null;
  aanvangstijd: string | null;
  eindtijd: string | null;
  blocks: VlosBlock[];
  /** Per speaker, most speaking time first. */
  speakers: VlosSpeakerStats[];
}

export interface VlosReport {
  parserVersion: number;
  /** `Tussenpublicatie`, `Eindpublicatie`, … */
  soort: string | null;
  /** `Ongecorrigeerd`, `Gecorrigeerd`, … */
  status: string | null;
  vergadering: {
    objectId: string | null;
    soort: string | null;
    titel: string | null;
    zaal: string | null;
    vergaderjaar: string | null;
    nummer: string | null;
    datum: string | null;
    aanvangstijd: string | null;
    sluiting: string | null;
  };
  /** Every speaker by key, in order of first appearance. */
  speakers: VlosSpeaker[];
  activiteiten: VlosActivity[];
  /** Per speaker over the whole sitting, most speaking time first. */
  totals: VlosSpeakerStats[];
}

/**
 * The anchor of a turn on the report's page and in its search entry: debate item and turn
 * by position from 1 (`punt-2-beurt-5`), an interruption under its turn (`punt-2-beurt-5-i1`).
 * One function for both, so a search result always lands on the turn it found.
 */
export function vlosTurnAnchor(activity: number, turn: number, interruption?: number): string {
  return `punt-${activity + 1}-beurt-${turn + 1}` + (interruption === undefined ? '' : `-i${interruption + 1}`);
}

/** Every turn and interruption of a report in reading order, with its anchor and debate item. */
export function vlosTurns(report: VlosReport): { anchor: string; activity: VlosActivity; turn: VlosTurn; activityIndex: number }[] {
  const out: { anchor: string; activity: VlosActivity; turn: VlosTurn; activityIndex: number }[] = [];
  report.activiteiten.forEach((activity, a) => {
    let t = 0;
    for (const b of activity.blocks) {
      if (b.kind !== 'turn') continue;
      out.push({ anchor: vlosTurnAnchor(a, t), activity, turn: b.turn, activityIndex: a });
      b.turn.interruptions.forEach((i, k) => out.push({ anchor: vlosTurnAnchor(a, t, k), activity, turn: i, activityIndex: a }));
      t++;
    }
  });
  return out;
}
