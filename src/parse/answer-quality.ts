// Answer quality: whether a government answer answers its question, points elsewhere, defers, leaves
// parts open or says nothing — with the phrase or observation that shows it.
import type { Answer, AnswerQuality, Question } from '../domain/index.js';

export interface Assessment {
  quality: AnswerQuality;
  reason: string;
}

/** "Zie het antwoord op vraag 8", "Hiervoor verwijs ik naar de brief van …", "… is meegenomen in de beantwoording van …". */
const REFERRAL_RE =
  /\b(?:[Zz]ie\s(?:ook\s)?(?:het\s|mijn\s|de\s)?(?:antwoord(?:en)?|beantwoording|brief|reactie)\b[^.]{0,160}|(?:verwijs|verwijzen|verwijst)\s(?:\S+\s){0,4}?naar\s[^.]{0,160}|(?:is|zijn|wordt|worden)\s(?:reeds\s|al\s)?meegenomen\sin\sde\sbeantwoording\s[^.]{0,160}|[Vv]oor\shet\santwoord\s(?:op\s(?:deze|die)\svraag\s)?verwijs\s[^.]{0,160})/;

/** "Ik kom hierop terug", "Het kabinet zal in een separate brief op deze vraag ingaan", "informeer ik u voor de zomer", an uitstelbericht. */
const POSTPONE_RE =
  /\b(?:(?:[Ii]k|[Ww]ij|[Ww]e|[Hh]et\skabinet)\s(?:kom|komen|komt)\s(?:\S+\s){0,8}?terug|(?:[Kk]om|[Kk]omen|[Kk]omt)\s(?:ik|wij|we|het\skabinet)\s(?:\S+\s){0,8}?terug|zal\s(?:\S+\s){0,6}?in\seen\s(?:separate|aparte|afzonderlijke|nadere|volgende|latere)\sbrief\s(?:\S+\s){0,6}?(?:ingaan|terugkomen|informeren)|(?:informeer|bericht)\s(?:ik|wij|het\skabinet)\su(?:w\sKamer)?\s(?:\S+\s){0,3}?(?:voor|na|in|zodra|bij|later)\b|uitstelbericht|(?:kan|kunnen)\s(?:\S+\s){0,4}?(?:nog\s)?niet\s(?:binnen\sde\s(?:gebruikelijke\s|gestelde\s)?termijn|worden\sbeantwoord)|[Gg]raag\swacht(?:en)?\s(?:ik|wij|we|het\skabinet)\s(?:\S+\s){0,4}?(?:resultaten|uitkomsten|uitkomst|rapport|evaluatie)\s(?:\S+\s){0,6}?af)[^.]{0,160}/;

/** Words one of which every postponement holds: a cheap test before POSTPONE_RE. */
const POSTPONE_CUES = ['terug', 'brief', 'informeer', 'bericht', 'uitstel', 'termijn', 'beantwoord', 'wacht'];

/** No position and no fact: taking note, following developments, "geen aanleiding" alone. */
const NON_ANSWER_RE =
  /^(?:(?:Het\skabinet|Ik|Wij)\s(?:heeft|heb|hebben)\s(?:\S+\s){0,2}?kennis\s?genomen\s(?:van\s)?[^.]{0,160}\.?|(?:Het\skabinet|Ik|Wij)\s(?:volgt|volg|volgen)\s(?:de\s)?(?:\S+\s)?ontwikkelingen\s[^.]{0,120}\.?)$/u;

const QUESTION_STOP = new Set(
  `kunt kan wilt wil bent heeft hebt zijn wordt worden welke wat waarom wanneer hoe hoeveel waar wie of dat deze die dit het een de van voor met naar aan op over bij uit door tot als ook nog
  minister staatssecretaris kabinet regering nederland nederlandse leden fractie vragen vraag vraagt graag verder tevens daarnaast bereid aangeven toelichten zo ja nee niet geen
  kamer uw u zij hun hij ze er al meer andere mate reeds eerder komende periode onder welk welken zou zouden moeten kunnen zich dan toe wel deze betreft ten aanzien
  bekend mening opvatting deelt visie reactie reflecteren uitgebreid hier hierop daarop hierover daarover
  tegen hebben door onder tussen tijdens binnen zonder sinds indien omdat zodat waarbij echter alsnog welke
  maatregelen gevolgen redenen oorzaken mogelijkheden neemt nemen genomen gehad ziet zien gaat gaan doen doet treft treffen`.split(/\s+/),
);

/**
 * The content words of a (short) question part, as 5-letter stems so that "gebeurtenis" meets
 * "gebeurtenissen"; an answer holds a stem when its lower-cased text contains it (also inside a compound).
 */
function keyStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[\s.,;:!?()[\]«»"'“”‘’/–-]+/)) {
    if (w.length < 4 || QUESTION_STOP.has(w)) continue;
    // With the space before it: a stem is looked for at the start of a word.
    out.add(` ${w.slice(0, 5)}`);
  }
  return out;
}

/** The parts of a multi-part question: split at question marks and at ", en welke/wat/hoe …" inside one. */
function subQuestions(question: string): string[] {
  const parts: string[] = [];
  for (const sentence of question.split(/(?<=\?)/u)) {
    if (!sentence.includes('?')) continue;
    for (const p of sentence.split(/,?\s(?=en\s(?:welke|wat|hoe|waarom|wanneer|hoeveel|in\shoeverre)\b)/u)) {
      // "Zo ja, …" and "Zo nee, waarom niet?" follow up on the part before; a follow-up without content words is no part.
      const t = p.replace(/^\s*(?:En|en)\s/u, '').trim();
      if (t) parts.push(t);
    }
  }
  return parts;
}

const clip = (s: string, n = 120): string => {
  // Reasons are shown on one line.
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** The assessment of one answer to its question (null when the answer is linked to no question). */
export function assessAnswer(answer: string, question: string | null): Assessment {
  const text = answer.trim();
  if (!text) return { quality: 'non-answer', reason: 'geen antwoordtekst' };
  // Word counts are only compared with small limits: count no further than needed.
  const atMost = (s: string, limit: number): boolean => {
    let n = 0;
    for (const _ of s.matchAll(/\S+/g)) if (++n > limit) return false;
    return true;
  };
  const firstSentence = /^.*?[.?!](?=\s|$)/su.exec(text)?.[0] ?? text;

  // A referral: the answer opens by pointing elsewhere and adds little of its own.
  const referral = text.includes('Zie ') || text.includes('zie ') || text.includes('verwij') || text.includes('meegenomen') ? REFERRAL_RE.exec(text) : null;
  if (referral && (referral.index ?? 0) < firstSentence.length && atMost(text.slice(firstSentence.length), 25)) {
    return { quality: 'referral', reason: clip(referral[0]) };
  }
  const postponed = POSTPONE_CUES.some((cue) => text.includes(cue)) ? POSTPONE_RE.exec(text) : null;
  if (postponed && (atMost(text, 80) || /\b(?:deze|die|de)\svraag\b|\b(?:hier|daar)(?:op|over)\b/u.test(postponed[0]))) {
    return { quality: 'postponed', reason: clip(postponed[0]) };
  }
  // "Het kabinet bestudeert de uitspraak." and little else: no position yet.
  const studying = text.includes('bestude') || text.includes('beraad') ? /\b(?:bestudeert|bestuderen|bestudeer|beraadt\szich|beraden\szich)\b[^.]{0,120}/u.exec(text) : null;
  if (studying && atMost(text, 40)) return { quality: 'postponed', reason: clip(studying[0]) };
  if (text.length < 400 && NON_ANSWER_RE.test(text.replace(/\s+/g, ' '))) return { quality: 'non-answer', reason: clip(firstSentence) };
  if (/^(?:Ja|Nee|Neen)\b/u.test(text) && question !== null && subQuestions(question).length <= 1) {
    return { quality: 'answered', reason: `begint met «${/^(\p{L}+)/u.exec(text)?.[1] ?? ''}»` };
  }
  if (question) {
    // Stems match at the start of a word (or of a hyphenated part): "tegen" is not in "vertegenwoordiger".
    const lower = ` ${text.toLowerCase().replace(/[^a-z0-9\u00c0-\u024f]+/g, ' ')}`;
    const parts = subQuestions(question).map((p) => ({ p, stems: keyStems(p) })).filter((x) => x.stems.size >= 2);
    const covered = parts.filter((x) => [...x.stems].some((s) => lower.includes(s)));
    // The first part is the question's core: left aside while most parts are, the answer does not answer.
    // Few content words are too weak a signal ("Welke maatregelen neemt u om herhaling te voorkomen?" is
    // answered by measures that need not repeat its words): only parts with three or more can be found open.
    const strong = (x: { stems: Set<string> }) => x.stems.size >= 3;
    const coreOpen = parts.length > 0 && !covered.includes(parts[0]!) && strong(parts[0]!);
    if (coreOpen && covered.length * 2 <= parts.length) {
      return { quality: 'non-answer', reason: `het antwoord gaat niet in op de kern van de vraag («${clip(parts[0]?.p ?? '', 90)}»)` };
    }
    const open = parts.filter((x) => !covered.includes(x) && strong(x));
    if (parts.length >= 2 && open.length > 0) {
      return { quality: 'partial', reason: `deelvraag niet behandeld: «${clip(open[0]?.p ?? '', 100)}»${open.length > 1 ? ` (en ${open.length - 1} meer)` : ''}` };
    }
  }
  // A referral or postponement inside a longer answer leaves the rest an answer.
  return { quality: 'answered', reason: question ? 'gaat in op de vraag' : 'inhoudelijk antwoord' };
}

/** Sets `quality` and `qualityReason` on every answer, judged against the question(s) it answers. */
export function assessAnswers(questions: Question[], answers: Answer[]): void {
  const asked = new Map<string, string[]>();
  for (const q of questions) for (const id of q.answerIds) asked.set(id, [...(asked.get(id) ?? []), q.text]);
  for (const a of answers) {
    const qs = asked.get(a.id);
    const r = assessAnswer(a.text, qs ? qs.join('\n\n') : null);
    a.quality = r.quality;
    a.qualityReason = r.reason;
  }
}
