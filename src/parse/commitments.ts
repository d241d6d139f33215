// Commitments: the government's promises of future action (informing parliament, sending, publishing, deciding).
import type { Commitment, Signatory } from '../domain/index.js';
import { findDue, type Due } from './due.js';
import { fastPaths } from './fastpath.js';
import { normaliseParty } from './parties.js';
import { splitSentences } from './sentences.js';

// "gaan" only counts with an infinitive of informing ("gaan informeren"), not "het werk gaat door".
const FUTURE_RE = /\b(?:zal|zullen|zult)\b|\b(?:ga|gaat|gaan)\s(?:\S+\s){0,4}(?:informeren|sturen|publiceren|rapporteren)\b/u;
const DELIVERABLE_RE =
  /\b(?:informeren|geïnformeerd|informeer|informeert|inlichten|ingelicht|(?:toe|ver|mee|op)?sturen|(?:toe|ver|mee)?gestuurd|(?:toe|ver|mee)?zenden|(?:toe|ver|mee)?gezonden|aanbieden|aangeboden|publiceren|gepubliceerd|openbaar\s(?:maken|gemaakt)|rapporteren|gerapporteerd|berichten|terugkomen|terugkoppelen|teruggekoppeld|voorleggen|voorgelegd|delen|gedeeld|op\sde\shoogte\s(?:stellen|houden|gesteld|gehouden|brengen|gebracht)|besluiten|besluit\s(?:nemen|genomen)|presenteren|gepresenteerd|uitbrengen|uitgebracht|toelichten|agenderen|geagendeerd|aandacht\s(?:\S+\s){0,3}(?:vragen|gevraagd)|stuur|stuurt|zend|zendt|bied|biedt|ingaan|in\ste\sgaan|(?:doen\s)?toekomen)\b/u;
const DOC_NOUN_RE =
  /\b(?:(?:Kamer)?brief|(?:kabinets)?reactie|BNC-fiche|fiche|nota|(?:voortgangs)?rapportage|(?:kabinets)?appreciatie|kabinetsvisie|visie|actieplan|wetsvoorstel|evaluatie|strategie|verzamelbrief|beleidsbrief|verslag)\b/iu;
const FOLLOWS_RE = /\b(?:volgt|volgen|verschijnt|verschijnen)\b/u;
const RECEIVES_RE = /\b(?:ontvangt|ontvangen)\s+(?:uw|de)\s+Kamer\b|\b(?:[Uu]w|[Dd]e)\s+Kamer\s+(?:ontvangt|krijgt)\b/u;
const INTENT_RE = /\b(?:verwacht(?:en)?|streef(?:t|en)?\s(?:ernaar|naar)|voornemens|van\splan|beoog(?:t|en)?)\b[^.;]{0,160}?\bte\s(?:\S+\s){0,2}(?:informeren|sturen|zenden|versturen|publiceren|delen|presenteren|rapporteren|aanbieden|toesturen|toezenden|nemen|kunnen\sinformeren)\b/u;
const KAMER_RE = /\b(?:[Uu]w|[Dd]e|[Bb]eide|[Dd]eze)\s+Kamers?\b|\b(?:Eerste|Tweede)\s+Kamer\b/u;
const GOV_SUBJECT_RE = /\b(?:[Ii]k|[Ww]ij|[Ww]e|[Hh]et\s+kabinet|[Dd]e\s+regering|[Mm]inister|[Ss]taatssecretaris|[Mm]inisterie|[Nn]ederland)\b/u;
const EXTERNAL_RE =
  /\b(?:(?:Europese\s+)?Commissie|[Vv]oorzitterschap|[Ll]idstaten|[Ee]urocommissaris|[Cc]ommissaris|[Vv]icepresident|Europees\s+Parlement|[Bb]edrijven|[Pp]latform(?:en|s)?|[Ff]abrikanten|[Tt]oezichthouders?|ENISA|ITU|NAVO|VN|Raad\s+van\s+State|[Gg]emeenten|[Pp]rovincies)\b/u;
const FUTURE_CUE_RE = /\b(?:nader|separaat|binnenkort|later|te\szijner\stijd|zodra|spoedig|voortaan|opnieuw|tijdig|nog|volgende|eerstvolgende|komende)\b/u;
const PAST_RE = /\b(?:is|zijn|ben|bent|heeft|heb|hebt|hebben|had|hadden|werd|werden|was|waren)\b/u;
/** "Ik zal hieronder toelichten", "zoals in deze brief beschreven": the promise is kept in the document itself. */
const IN_DOCUMENT_RE = /\b(?:hieronder|hierna|hierboven|onderstaande?|in\s(?:deze|dit)\s(?:brief|antwoord|beantwoording|verslag|nota|bijlage)|in\shet\svervolg\svan\s(?:deze|dit))\b/u;
/**
 * "Daar kom ik straks op terug", "in het blokje vissers kom ik nog terug": in a debate (or a
 * letter), coming back to it later in the same debate or text is no promise to the Kamer.
 */
const LATER_HERE_RE = /\b(?:straks|zo\smeteen|zometeen|dadelijk|in\sde\s(?:beantwoording|(?:eerste|tweede)\stermijn)|in\shet\sblokje|in\smijn\s(?:\S+\s)?termijn)\b/u;
/** "ik kom hierop terug", "kom ik voor de zomer op terug", "het kabinet komt hier later op terug". */
const COMES_BACK_RE =
  /\b(?:[Ii]k|[Ww]ij|[Ww]e|[Hh]et\skabinet|[Dd]e\sminister|[Dd]e\sstaatssecretaris)\s(?:kom|komen|komt)\s(?:\S+\s){0,8}?terug\b|\b(?:[Kk]om|[Kk]omen|[Kk]omt)\s(?:ik|wij|we|het\skabinet)\s(?:\S+\s){0,8}?terug\b/u;
const NEGATED_RE = /\b(?:zal|zullen)\s+(?:\S+\s+){0,3}(?:niet|geen)\b/u;
const MINISTER_RE =
  /\b(?:[Dd]e\s+)?((?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)(?:\s+(?:van|voor)\s+(?:\p{Lu}[\p{L}-]*|OCW|EZK|BZK|JenV|VWS|IenW|LNV|SZW|BZ|EZ)(?:\s+(?:en|\p{Lu}[\p{L}-]*))*)?)/u;

/**
 * One combined scan for the cues a sentence needs before it is analysed (DELIVERABLE_RE, FOLLOWS_RE,
 * RECEIVES_RE), on paragraph text: a sentence is its paragraph's text with runs of white space
 * collapsed, so the single spaces of DELIVERABLE_RE become runs here. A paragraph without a match
 * holds no sentence with one.
 */
const COMMITMENT_CUE_RE = new RegExp(`${DELIVERABLE_RE.source.replace(/\\s/g, '\\s+')}|${FOLLOWS_RE.source}|${RECEIVES_RE.source}|\\bterug\\b`, 'u');

export interface CommitmentContext {
  docDate: string | null;
  signatories: Signatory[];
  /** The bewindspersoon the questions were put to ("voorgelegd aan de Minister van Buitenlandse Zaken"), when the document says. */
  addressee?: string | null;
  /** Per paragraph (parallel to the paragraphs given): the question it answers, or null. */
  asked?: (string | null)[];
}

/** The committee's chair and clerk sign a consultation's report; they promise nothing. */
const NOT_GOVERNMENT_RE = /\b(?:voorzitter|griffier|commissie|fractie|lid)\b/i;

/** Who signed, as their offices ("Minister van Economische Zaken, Minister van Justitie en Veiligheid en Staatssecretaris …"). */
export function signersActor(signatories: Signatory[]): string | null {
  const names = [...new Set(signatories.filter((s) => !NOT_GOVERNMENT_RE.test(s.role ?? '')).map((s) => s.role ?? s.name).filter((x) => x.trim() !== ''))];
  if (names.length === 0) return null;
  if (names.length === 1) return names[0] ?? null;
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * The actor who promises: the minister the sentence names ("De Minister van Economische Zaken zal …"),
 * the one signatory of that office ("de staatssecretaris zal …"), the sole signatory ("ik"), else the
 * signatories together; null (the cabinet in general) only when the document names no signatory.
 */
export function actorOf(sentence: string, triggerAt: number, ctx: CommitmentContext): string | null {
  const before = sentence.slice(0, triggerAt + 40);
  const min = MINISTER_RE.exec(before);
  if (min && min[1] && /\s(?:van|voor)\s/.test(min[1])) {
    const name = min[1].replace(/\s+(?:en)$/, '');
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  const bare = /\b[Dd]e\s(minister|staatssecretaris)\b/.exec(before);
  if (bare) {
    const office = (bare[1] ?? '').toLowerCase();
    const holders = ctx.signatories.filter((s) => (s.role ?? '').toLowerCase().startsWith(office));
    if (holders.length === 1) return holders[0]?.role ?? null;
  }
  if (/\b[Ii]k\b/.test(before) && ctx.signatories.length === 1) return ctx.signatories[0]?.role ?? ctx.signatories[0]?.name ?? null;
  return signersActor(ctx.signatories) ?? ctx.addressee ?? null;
}

/** DELIVERABLE_RE, global: one instance for every sentence (deliverableIn resets it) instead of one compiled per call. */
const DELIVERABLE_ALL_RE = new RegExp(DELIVERABLE_RE.source, 'gu');

/** The first deliverable verb used as a verb: "het delen van" (a noun) does not promise anything. */
function deliverableIn(s: string): RegExpExecArray | null {
  const re = DELIVERABLE_ALL_RE;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (/\b(?:het|een)\s$/i.test(s.slice(Math.max(0, m.index - 5), m.index))) continue;
    // "ingaan" promises something only where a letter or the Kamer is named ("in een separate brief op deze vraag ingaan").
    if ((m[0] === 'ingaan' || m[0] === 'in te gaan') && !DOC_NOUN_RE.test(s) && !KAMER_RE.test(s)) continue;
    return m;
  }
  return null;
}

/**
 * Where the promise is made: the earliest trigger in the sentence, or -1 if it makes none.
 * `due` says whether the sentence names a deadline; it is asked last in each condition (every
 * test here is pure, so the order does not change the answer): the deadline search runs
 * sixteen patterns over the sentence, and most sentences are settled without it.
 */
function triggerIndex(s: string, due: () => boolean): number {
  const deliverable = deliverableIn(s);
  const fut = FUTURE_RE.exec(s);
  const candidates: number[] = [];
  if (fut && deliverable && !NEGATED_RE.test(s)) candidates.push(fut.index);
  const follows = FOLLOWS_RE.exec(s);
  if (follows && DOC_NOUN_RE.test(s) && (FUTURE_CUE_RE.test(s) || KAMER_RE.test(s) || due())) candidates.push(follows.index);
  const receives = RECEIVES_RE.exec(s);
  if (receives && (FUTURE_CUE_RE.test(s) || DOC_NOUN_RE.test(s) || due())) candidates.push(receives.index);
  const intent = INTENT_RE.exec(s);
  if (intent) candidates.push(intent.index);
  const back = s.includes('terug') ? COMES_BACK_RE.exec(s) : null;
  if (back) candidates.push(back.index);
  if (deliverable && !fut && !PAST_RE.test(s.slice(0, deliverable.index))) {
    if ((KAMER_RE.test(s) || GOV_SUBJECT_RE.test(s) || /gepubliceerd|openbaar\sgemaakt/.test(s)) && (FUTURE_CUE_RE.test(s) || due())) candidates.push(deliverable.index);
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
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi] ?? '';
    if (fast && !COMMITMENT_CUE_RE.test(para)) continue;
    const sentences = splitSentences(para);
    for (let si = 0; si < sentences.length; si++) {
      const raw = sentences[si] ?? '';
      const s = raw.replace(/\s+/g, ' ').trim();
      if (s.length < 20 || s.length > 1200 || /\?["'”’)]?$/.test(s)) continue;
      // Every kind of promise needs a deliverable verb, a document that "volgt" or a Kamer that "ontvangt";
      // most sentences have none, and skipping them early keeps the deadline search off the hot path.
      if (!DELIVERABLE_RE.test(s) && !FOLLOWS_RE.test(s) && !RECEIVES_RE.test(s) && !(s.includes('terug') && COMES_BACK_RE.test(s))) continue;
      // The deadline is looked for once, and only when a trigger needs it or the sentence is a promise.
      let found: Due | null | undefined;
      const dueOf = (): Due | null => (found === undefined ? (found = findDue(s, ctx.docDate)) : found);
      const at = triggerIndex(s, () => dueOf() !== null);
      if (at < 0) continue;
      const due = dueOf();
      // Past ("In de brief van 13 april bent u geïnformeerd") and in-document ("Ik zal hieronder toelichten") are no promises.
      if (due === null && (IN_DOCUMENT_RE.test(s) || LATER_HERE_RE.test(s))) continue;
      if (/^(?:[Ii]n|[Mm]et|[Bb]ij)\s(?:de|het|mijn|onze)\s(?:\S+\s){0,2}(?:brief|antwoord|beantwoording)\s(?:van|d\.d\.)\s\d/.test(s) && PAST_RE.test(s.slice(0, at + 20)) && !FUTURE_RE.test(s)) continue;
      const before = s.slice(0, at);
      if (EXTERNAL_RE.test(before) && !GOV_SUBJECT_RE.test(before) && !KAMER_RE.test(before)) continue;
      if (due?.dueDate && ctx.docDate && due.dueDate < ctx.docDate) continue;
      if (seen.has(s)) continue;
      seen.add(s);
      // What "hierover" points at: the sentence before (in this paragraph, else the last of the one before).
      const prev = (): string => (si > 0 ? sentences[si - 1] : splitSentences(paragraphs[pi - 1] ?? '').pop()) ?? '';
      const referential = REFERENTIAL_RE.test(s);
      const topic = topicOf(s, referential ? prev() : '', ctx.asked?.[pi] ?? '');
      out.push({ text: s, actor: actorOf(s, at, ctx), due: due?.due ?? null, dueDate: due?.dueDate ?? null, topic });
    }
  }
  return out;
}

/** A sentence that points back at its subject ("volgt hierover een Kamerbrief", "De Kamer zal hierover … geïnformeerd worden"). */
const REFERENTIAL_RE = /\b(?:[Hh]ier|[Dd]aar)(?:over|op|omtrent|van|mee|bij|in|aan)\b|\b(?:[Dd]eze|[Dd]it|[Dd]at|[Dd]ie)\s(?:\p{Ll}+\s)?(?:voorstellen|voorstel|onderwerp|punt|kwestie|overeenkomst|onderzoek|rapport|resultaten|uitkomsten|vraag|vragen)\b|^(?:[Dd]eze|[Dd]it)\b/u;

/** Names, abbreviations and codes (NIS2-richtlijn, BNC-fiche, Cyber Resilience Act, Blueprint), and long compounds. */
const TERM_RE =
  /(?:\p{Lu}[\p{L}\d]*(?:[-\s](?:\p{Lu}[\p{L}\d]*|\d[\p{L}\d]*))*(?:-\p{Ll}{2,})?)|\b\p{L}*\d[\p{L}\d]*(?:-\p{L}+)?|\b\p{Ll}{12,}\b/gu;
const TOPIC_STOP = new Set(
  `kamer kamerbrief kamerbrieven uw de het een in op later zodra daarbij deze dit dat die ik wij we zij minister staatssecretaris ministers kabinet regering nederland nederlandse
  economische zaken justitie veiligheid binnenlandse koninkrijksrelaties buitenlandse defensie digitalisering financiën volksgezondheid welzijn sport onderwijs cultuur wetenschap
  infrastructuur waterstaat landbouw natuur voedselkwaliteit sociale werkgelegenheid klimaat groene groei asiel migratie langdurige zorg medische
  voor na ook zoals graag tot met van verder tevens daarnaast bovendien tenslotte voorts eveneens gezamenlijk geïnformeerd informeren gebruikelijk
  januari februari maart april mei juni juli augustus september oktober november december voorjaar najaar zomer zomerreces kerstreces herfstreces`.split(/\s+/),
);

/**
 * What a commitment is about, as search words: the names, codes and long compounds of the
 * sentence, and of `context` (the sentence "hierover" points at); when these give fewer than two,
 * also of `question` (the question the promise answers). Null when there are none.
 */
export function topicOf(sentence: string, context: string, question = ''): string | null {
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const text of [sentence, context, question]) {
    // The question only fills in: a promise that names its subject keeps it.
    if (text === question && (terms.length >= 2 || !question)) break;
    for (const m of text.matchAll(TERM_RE)) {
      const t = m[0].trim();
      // A capitalised word that only opens a sentence is no name; a party is who asks, not what about.
      const at = m.index ?? 0;
      if (/^\p{Lu}\p{Ll}+$/u.test(t) && (at === 0 || /[.?!:]["'”’)]?\s+$/u.test(text.slice(Math.max(0, at - 4), at)))) continue;
      if (/-fracties?$/i.test(t) || normaliseParty(t) !== null) continue;
      const words = t.split(/\s+/).filter((w) => !TOPIC_STOP.has(w.toLowerCase()));
      const term = words.join(' ');
      // Long lower-case words that are adjectives or participles say nothing of the subject.
      if (/^\p{Ll}+$/u.test(term) && (/(?:lijke?|ste|ende|baar|bare|ische?|ele|heden)$/u.test(term) || /^ge\p{Ll}+[dt]$/u.test(term))) continue;
      if (term.length < 3 || /^\d+$/.test(term) || /^\d{4}$/.test(term)) continue;
      const key = term.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(term);
      if (terms.length >= 8) break;
    }
  }
  return terms.length ? terms.join(', ') : null;
}
