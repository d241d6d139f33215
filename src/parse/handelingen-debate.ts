// Who said what in a Handelingen (PDF, officielebekendmakingen XML, stenogram): the sitting's
// agenda items with each speaker's turns, in the shape of a VLOS report, so that one view shows
// both. The printed record has no time marks and does not mark interruptions, so turns carry no
// seconds and every contribution is a turn of its own.
import type { VlosActivity, VlosBlock, VlosReport, VlosSpeaker, VlosSpeakerStats, VlosTurn } from '../domain/vlos.js';
import type { Paragraph } from './cleanup.js';
import { parseSpeakerLine, type Speaker } from './handelingen.js';

/** The sitting as the masthead gives it. */
export interface SittingFacts {
  titel: string | null;
  nummer: string | null;
  datum: string | null;
}

const AGENDA_RE = /^Aan de orde (?:is|zijn)\b/;
/** "Voorzitter: Arib" at the head of a sitting or agenda item: who is in the chair. */
const CHAIR_RE = /^Voorzitter:\s*(\p{Lu}[\p{L}' -]{1,60})$/u;
/** A motion read into the record: from "De Kamer," to "en gaat over tot de orde van de dag." and its number. */
const MOTION_START_RE = /^(?:Motie|De Kamer,)$/;
const MOTION_END_RE = /\ben gaat over tot de orde van de dag\.?$|^Zij krijgt nr\.\s?\d+/;

/**
 * The debate in a Handelingen's paragraphs (as the parser cleans them: speaker lines are
 * paragraphs of their own). Agenda items start at their heading before "Aan de orde is …";
 * what comes before the first is the opening. Null when the text has no speaker at all.
 */
export function debateFromParagraphs(paragraphs: readonly Paragraph[], sitting: SittingFacts): VlosReport | null {
  const speakers = new Map<string, VlosSpeaker>();
  const activities: VlosActivity[] = [];
  let chairName: string | null = null;
  let activity: VlosActivity | null = null;
  let turn: VlosTurn | null = null;
  let motion: string[] | null = null;

  const startActivity = (titel: string | null) => {
    activity = { objectId: null, soort: null, titel, onderwerp: null, aanvangstijd: null, eindtijd: null, blocks: [], speakers: [] };
    activities.push(activity);
    turn = null;
  };
  const current = (): VlosActivity => {
    if (!activity) startActivity('Opening');
    return activity!;
  };
  const text = (p: string) => {
    if (turn) turn.paragraphs.push(p);
    else {
      const a = current();
      const last = a.blocks[a.blocks.length - 1];
      if (last?.kind === 'fragment' && last.fragment.soort === 'tekst') last.fragment.paragraphs.push(p);
      else a.blocks.push({ kind: 'fragment', fragment: { soort: 'tekst', paragraphs: [p] } });
    }
  };

  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!.text;
    const chair = CHAIR_RE.exec(p);
    if (chair) {
      chairName = chair[1]!.trim();
      continue;
    }
    // An agenda item: its heading is the short line right before "Aan de orde is …" (after its number).
    if (AGENDA_RE.test(p)) {
      const heading = agendaHeading(paragraphs, i);
      if (heading !== null || activities.length === 0) {
        if (activity && heading !== null) {
          const a = activity as VlosActivity;
          // The heading was already taken as text of the previous item: give it back.
          dropTrailing(a, heading.consumed);
        }
        startActivity(heading?.title ?? null);
      }
      text(p);
      continue;
    }
    const s = p.endsWith(':') ? parseSpeakerLine(p) : null;
    if (s) {
      motion = null;
      const sp = speakerOf(s, chairName);
      if (!speakers.has(sp.key)) speakers.set(sp.key, sp);
      turn = { kind: 'woordvoerder', speaker: sp.key, voorzitter: s.chair, begin: null, end: null, seconds: null, paragraphs: [], fragments: [], interruptions: [] };
      current().blocks.push({ kind: 'turn', turn });
      continue;
    }
    if (turn && MOTION_START_RE.test(p)) {
      motion = p === 'Motie' ? [] : [p];
      (turn as VlosTurn).fragments.push({ soort: 'Motie', paragraphs: motion });
      continue;
    }
    if (motion) {
      motion.push(p);
      if (MOTION_END_RE.test(p) && !/^Zij krijgt/.test(paragraphs[i + 1]?.text ?? '')) motion = null;
      continue;
    }
    text(p);
  }
  if (speakers.size === 0) return null;
  for (const a of activities) a.speakers = statsOf(a.blocks);
  const totals = mergeStats(activities.map((a) => a.speakers));
  return {
    parserVersion: 1,
    soort: null,
    status: null,
    vergadering: {
      objectId: null,
      soort: 'Plenair',
      titel: sitting.titel,
      zaal: null,
      vergaderjaar: null,
      nummer: sitting.nummer,
      datum: sitting.datum,
      aanvangstijd: null,
      sluiting: null,
    },
    speakers: [...speakers.values()],
    // The masthead before the first agenda item is no debate unless someone speaks in it.
    activiteiten: activities.filter((a) => a.blocks.some((b) => b.kind === 'turn')),
    totals,
  };
}

/**
 * The agenda item heading before paragraph `at`: the short lines without closing punctuation
 * right above "Aan de orde is …" (its number, and the heading the PDF prints twice: in the
 * margin and above the text), the nearest being the title. Null when there is none.
 */
function agendaHeading(paragraphs: readonly Paragraph[], at: number): { title: string; consumed: string[] } | null {
  const consumed: string[] = [];
  let title: string | null = null;
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) {
    const t = paragraphs[i]!.text;
    const number = /^\d{1,3}$/.test(t);
    if (!number && (t.length < 4 || t.length > 200 || /[.:;,]$/.test(t))) break;
    consumed.unshift(t);
    if (!number) title ??= t;
    if (number) break;
  }
  return title ? { title, consumed } : null;
}

/** Removes the paragraphs of the next item's heading from the end of the previous item's text. */
function dropTrailing(a: VlosActivity, consumed: readonly string[]): void {
  const wanted = new Set(consumed);
  for (let guard = 0; guard < consumed.length; guard++) {
    const last = a.blocks[a.blocks.length - 1];
    if (!last) return;
    const ps = last.kind === 'turn' ? last.turn.paragraphs : last.kind === 'fragment' ? last.fragment.paragraphs : null;
    if (!ps || !ps.length || !wanted.has(ps[ps.length - 1]!)) return;
    ps.pop();
    if (!ps.length && last.kind === 'fragment') a.blocks.pop();
  }
}

/** A printed speaker as a report speaker: "Mevrouw Van der Plas (BBB)", "Minister Adema", the chair. */
function speakerOf(s: Speaker, chairName: string | null): VlosSpeaker {
  if (s.chair) {
    return {
      key: 'voorzitter',
      objectId: null,
      soort: 'Voorzitter',
      verslagnaam: chairName,
      voornaam: null,
      achternaam: chairName,
      aanhef: null,
      fractie: null,
      functie: null,
      naam: chairName ?? 'De voorzitter',
    };
  }
  const government = s.government;
  const functie = government ? (s.title ?? '').toLowerCase() : null;
  return {
    key: `naam:${s.label.replace(/\s+/g, ' ')}`,
    objectId: null,
    soort: government ? s.title : s.party ? 'Tweede Kamerlid' : null,
    verslagnaam: s.name,
    voornaam: null,
    achternaam: s.name,
    aanhef: s.title === 'De heer' || s.title === 'Mevrouw' ? s.title : null,
    fractie: s.party,
    functie,
    naam: s.name,
  };
}

function statsOf(blocks: readonly VlosBlock[]): VlosSpeakerStats[] {
  const by = new Map<string, VlosSpeakerStats>();
  for (const b of blocks) {
    if (b.kind !== 'turn') continue;
    const t = b.turn;
    const s = by.get(t.speaker) ?? emptyStats(t.speaker);
    if (t.voorzitter) s.chair++;
    else s.turns++;
    s.untimed++;
    by.set(t.speaker, s);
  }
  return [...by.values()].sort((a, b) => b.turns + b.chair - (a.turns + a.chair));
}

function mergeStats(lists: readonly VlosSpeakerStats[][]): VlosSpeakerStats[] {
  const by = new Map<string, VlosSpeakerStats>();
  for (const list of lists) {
    for (const s of list) {
      const t = by.get(s.speaker) ?? emptyStats(s.speaker);
      t.turns += s.turns;
      t.chair += s.chair;
      t.untimed += s.untimed;
      by.set(s.speaker, t);
    }
  }
  return [...by.values()].sort((a, b) => b.turns + b.chair - (a.turns + a.chair));
}

const emptyStats = (speaker: string): VlosSpeakerStats => ({
  speaker,
  turns: 0,
  interruptions: 0,
  chair: 0,
  turnSeconds: 0,
  interruptionSeconds: 0,
  chairSeconds: 0,
  seconds: 0,
  untimed: 0,
});
