// Commitments: the government's promises of future action (informing parliament, sending, publishing, deciding).
import type { Commitment, Signatory } from '../domain/index.js';
import { findDue } from './due.js';
import { fastPaths } from './fastpath.js';
import { splitSentences } from './sentences.js';

// "gaan" only counts with an infinitive of informing ("gaan informeren"), not "het werk gaat door".
const FUTURE_RE = /\b(?:zal|zullen|zult)\b|\b(?:ga|gaat|gaan)\s(?:\S+\s){0,4}(?:informeren|sturen|publiceren|rapporteren)\b/u;
const DELIVERABLE_RE =
  /\b(?:informeren|geïnformeerd|informeer|informeert|inlichten|ingelicht|(?:toe|ver|mee|op)?sturen|(?:toe|ver|mee)?gestuurd|(?:toe|ver|mee)?zenden|(?:toe|ver|mee)?gezonden|aanbieden|aangeboden|publiceren|gepubliceerd|openbaar\s(?:maken|gemaakt)|rapporteren|gerapporteerd|berichten|terugkomen|terugkoppelen|teruggekoppeld|voorleggen|voorgelegd|delen|gedeeld|op\sde\shoogte\s(?:stellen|houden|gesteld|gehouden|brengen|gebracht)|besluiten|besluit\s(?:nemen|genomen)|presenteren|gepresenteerd|uitbrengen|uitgebracht|toelichten|agenderen|geagendeerd|aandacht\s(?:\S+\s){0,3}(?:vragen|gevraagd)|stuur|stuurt|zend|zendt|bied|biedt)\b/u;
const DOC_NOUN_RE =
  /\b(?:(?:Kamer)?brief|(?:kabinets)?reactie|BNC-fiche|fiche|nota|(?:voortgangs)?rapportage|(?:kabinets)?appreciatie|kabinetsvisie|visie|actieplan|wetsvoorstel|evaluatie|strategie|verzamelbrief|beleidsbrief|verslag)\b/iu;
const FOLLOWS_RE = /\b(?:volgt|volgen|verschijnt|verschijnen)\b/u;
const RECEIVES_RE = /\b(?:ontvangt|ontvangen)\s+(?:uw|de)\s+Kamer\b|\b(?:[Uu]w|[Dd]e)\s+Kamer\s+(?:ontvangt|krijgt)\b/u;
const INTENT_RE = /\b(?:verwacht(?:en)?|streef(?:t|en)?\s(?:ernaar|naar)|voornemens|van\splan|beoog(?:t|en)?)\b[^.;]{0,160}?\bte\s(?:\S+\s){0,2}(?:informeren|sturen|zenden|versturen|publiceren|delen|presenteren|rapporteren|aanbieden|toesturen|toezenden|nemen|kunnen\sinformeren)\b/u;
const KAMER_RE = /\b(?:[Uu]w|[Dd]e|[Bb]eide|[Dd]eze)\s+Kamers?\b|\b(?:Eerste|Tweede)\s+Kamer\b/u;
const GOV_SUBJECT_RE = /\b(?:[Ii]k|[Ww]ij|[Ww]e|[Hh]et\s+kabinet|[Dd]e\s+regering|[Mm]inister|[Ss]taatssecretaris|[Mm]inisterie|[Nn]ederland)\b/u;
const EXTERNAL_RE =
  /\b(?:(?:Europese\s+)?Commissie|[Vv]oorzitterschap|[Ll]idstaten|[Ee]urocommissaris|[Cc]ommissaris|[Vv]icepresident|Europees\s+Parlement|[Bb]edrijven|[Pp]latform(?:en|s)?|[Ff]abrikanten|[Tt]oezichthouders?|ENISA|ITU|NAVO|VN|Raad\s+van\s+State|[Gg]emeenten|[Pp]rovincies)\b/u;
const FUTURE_CUE_RE = /\b(?:nader|separaat|binnenkort|later|te\szijner\stijd|zodra|spoedig|voortaan|opnieuw|tijdig|nog)\b/u;
const PAST_RE = /\b(?:is|zijn|heeft|hebben|werd|werden|was|waren)\b/u;
const NEGATED_RE = /\b(?:zal|zullen)\s+(?:\S+\s+){0,3}(?:niet|geen)\b/u;
const MINISTER_RE =
  /\b(?:[Dd]e\s+)?((?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)(?:\s+(?:van|voor)\s+(?:\p{Lu}[\p{L}-]*|OCW|EZK|BZK|JenV|VWS|IenW|LNV|SZW|BZ|EZ)(?:\s+(?:en|\p{Lu}[\p{L}-]*))*)?)/u;

/**
 * One combined scan for the cues a sentence needs before it is analysed (DELIVERABLE_RE, FOLLOWS_RE,
 * RECEIVES_RE), on paragraph text: a sentence is its paragraph's text with runs of white space
 * collapsed, so the single spaces of DELIVERABLE_RE become runs here. A paragraph without a match
 * holds no sentence with one.
 */
const COMMITMENT_CUE_RE = new RegExp(`${DELIVERABLE_RE.source.replace(/\\s/g, '\\s+')}|${FOLLOWS_RE.source}|${RECEIVES_RE.source}`, 'u');

export interface CommitmentContext {
  docDate: string | null;
  signatories: Signatory[];
}

/** The actor who promises: a named minister, "ik" (the sole signatory), or null for the cabinet/passive. */
function actorOf(sentence: string, triggerAt: number, ctx: CommitmentContext): string | null {
  const before = sentence.slice(0, triggerAt + 40);
  const min = MINISTER_RE.exec(before);
  if (min && min[1] && /\s(?:van|voor)\s/.test(min[1])) {
    const name = min[1].replace(/\s+(?:en)$/, '');
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  if (/\b[Ii]k\b/.test(before) && ctx.signatories.length === 1) return ctx.signatories[0]?.role ?? null;
  return null;
}

/** Where the promise is made: the earliest trigger in the sentence, or -1 if it makes none. */
/** The first deliverable verb used as a verb: "het delen van" (a noun) does not promise anything. */
function deliverableIn(s: string): RegExpExecArray | null {
  const re = new RegExp(DELIVERABLE_RE.source, 'gu');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!/\b(?:het|een)\s$/i.test(s.slice(Math.max(0, m.index - 5), m.index))) return m;
  }
  return null;
}

function triggerIndex(s: string, due: boolean): number {
  const deliverable = deliverableIn(s);
  const fut = FUTURE_RE.exec(s);
  const candidates: number[] = [];
  if (fut && deliverable && !NEGATED_RE.test(s)) candidates.push(fut.index);
  const follows = FOLLOWS_RE.exec(s);
  if (follows && DOC_NOUN_RE.test(s) && (due || FUTURE_CUE_RE.test(s) || KAMER_RE.test(s))) candidates.push(follows.index);
  const receives = RECEIVES_RE.exec(s);
  if (receives && (due || FUTURE_CUE_RE.test(s) || DOC_NOUN_RE.test(s))) candidates.push(receives.index);
  const intent = INTENT_RE.exec(s);
  if (intent) candidates.push(intent.index);
  if (deliverable && !fut && (due || FUTURE_CUE_RE.test(s)) && !PAST_RE.test(s.slice(0, deliverable.index))) {
    if (KAMER_RE.test(s) || GOV_SUBJECT_RE.test(s) || /gepubliceerd|openbaar\sgemaakt/.test(s)) candidates.push(deliverable.index);
  }
  return candidates.length ? Math.min(...candidates) : -1;
}

/**
 * Commitments in the government's own text (question text excluded by the caller). A sentence is a
 * commitment when it promises, in the future tense or with a deadline, an action from the set
 * parliament tracks (informing, sending, publishing, deciding, raising a point), and the promise
 * is the government's: sentences whose subject is the Commission, the presidency, member states
 * or companies are not, nor is ongoing policy in the present tense.
 */
export function extractCommitments(paragraphs: string[], ctx: CommitmentContext): Commitment[] {
  const out: Commitment[] = [];
  const seen = new Set<string>();
  const fast = fastPaths();
  for (const para of paragraphs) {
    if (fast && !COMMITMENT_CUE_RE.test(para)) continue;
    for (const raw of splitSentences(para)) {
      const s = raw.replace(/\s+/g, ' ').trim();
      if (s.length < 20 || s.length > 1200 || /\?["'”’)]?$/.test(s)) continue;
      // Every kind of promise needs a deliverable verb, a document that "volgt" or a Kamer that "ontvangt";
      // most sentences have none, and skipping them early keeps the deadline search off the hot path.
      if (!DELIVERABLE_RE.test(s) && !FOLLOWS_RE.test(s) && !RECEIVES_RE.test(s)) continue;
      const due = findDue(s, ctx.docDate);
      const at = triggerIndex(s, due !== null);
      if (at < 0) continue;
      const before = s.slice(0, at);
      if (EXTERNAL_RE.test(before) && !GOV_SUBJECT_RE.test(before) && !KAMER_RE.test(before)) continue;
      if (due?.dueDate && ctx.docDate && due.dueDate < ctx.docDate) continue;
      if (seen.has(s)) continue;
      seen.add(s);
      out.push({ text: s, actor: actorOf(s, at, ctx), due: due?.due ?? null, dueDate: due?.dueDate ?? null });
    }
  }
  return out;
}
