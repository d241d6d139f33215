// Questions and answers: party sections, question blocks, numbered and bare answer headings, cross-references.
import type { Answer, Question } from '../domain/index.js';
import type { Paragraph } from './cleanup.js';
import { fastPaths, lowerForCues } from './fastpath.js';
import { normaliseParty, partyInParentheses, partyInText } from './parties.js';

/** Whether a character code is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface AnswerHeading {
  number: number | null;
  /** Every number the heading answers ("Antwoord 4 en 5" → 4, 5); empty when unnumbered. */
  numbers: number[];
  /** Text printed on the heading line after the heading itself ("Antwoord 1: Ja."). */
  rest: string;
}

// "Antwoord", "12. Antwoord van het kabinet", "Antwoord 3", "Antwoord op vraag 3", "Antwoord:",
// "Reactie van de minister", optionally followed by ":" and the answer text on the same line.
const ANSWER_HEADING_RE =
  /^(?:(\d{1,3})\s{0,2}[.)]?\s{1,3})?(?:Antwoord|ANTWOORD|Reactie|REACTIE)(?:\s{1,3}(?:(?:op\s{1,3})?(?:de\s{1,3})?(?:vraag|vragen)\s{1,3})?(\d{1,3}(?:(?:\s{0,2},\s{0,2}|\s{1,3}en\s{1,3}|\s{0,2}t\/m\s{0,2}|\s{1,3}tot\s{1,3}en\s{1,3}met\s{1,3})\d{1,3}){0,12}))?(?:\s{1,3}(?:van\s{1,3}(?:het\s{1,3}kabinet|de\s{1,3}regering|de\s{1,3}(?:minister|staatssecretaris|bewindspersonen|bewindspersoon)[\p{L} ,-]{0,80}?)|kabinet|regering))?\s{0,3}(?:[:.]\s{0,3}(.*))?$/u;

/** Parses an answer heading line; null when the line is not one. */
export function parseAnswerHeading(line: string): AnswerHeading | null {
  const t = line.trim();
  // ANSWER_HEADING_RE starts with a number or with "Antwoord"/"Reactie" in capitals.
  const c = t.charCodeAt(0);
  if (!isDigit(c) && c !== 65 /* A */ && c !== 82 /* R */) return null;
  if (t.length > 400 && !/^(?:\d{1,3}[.)]?\s+)?Antwoord(?:\s+\d{1,3})?\s*:/.test(t)) return null;
  if (/\bontvangen\b/.test(t)) return null;
  const m = ANSWER_HEADING_RE.exec(t);
  if (!m) return null;
  const numbers = m[2] ? numberList(m[2]) : m[1] ? [Number(m[1])] : [];
  const number = m[1] ? Number(m[1]) : (numbers[0] ?? null);
  const rest = (m[3] ?? '').trim();
  // "Antwoord." closing a sentence fragment is no heading; a rest after "." must look like text.
  if (rest && !/^[\p{Lu}\d„"‘(]/u.test(rest)) return null;
  return { number, numbers, rest };
}

export interface QuestionHeading {
  number: number | null;
  /** Every number of a combined heading ("Vraag 4 en 5", "Vragen 2, 3 en 4"); empty when unnumbered. */
  numbers: number[];
  rest: string;
}

const QUESTION_HEADING_RE =
  /^(?:Vraag|VRAAG)(?:\s{1,3}(\d{1,3}(?:(?:\s{0,2},\s{0,2}|\s{1,3}en\s{1,3}|\s{0,2}t\/m\s{0,2}|\s{1,3}tot\s{1,3}en\s{1,3}met\s{1,3})\d{1,3}){0,12}))?\s{0,3}(?:[:.)]\s{0,3}(.*))?$|^(?:Vragen|VRAGEN)\s{1,3}(\d{1,3}(?:(?:\s{0,2},\s{0,2}|\s{1,3}en\s{1,3}|\s{0,2}t\/m\s{0,2}|\s{1,3}tot\s{1,3}en\s{1,3}met\s{1,3})\d{1,3}){1,12})\s{0,3}(?:[:.)]\s{0,3}(.*))?$/u;

/** The numbers of a list as printed: "4 en 5" → [4, 5]; "2, 3 en 4"; "3 t/m 5" and "3 tot en met 5" → [3, 4, 5]. */
export function numberList(list: string): number[] {
  const out: number[] = [];
  const re = /(\d{1,3})|(t\/m|tot\s+en\s+met)/g;
  let range = false;
  for (let m = re.exec(list); m; m = re.exec(list)) {
    if (m[2]) {
      range = true;
      continue;
    }
    const n = Number(m[1]);
    const prev = out[out.length - 1];
    if (range && prev !== undefined && n > prev && n - prev <= 50) for (let k = prev + 1; k < n; k++) out.push(k);
    if (!out.includes(n)) out.push(n);
    range = false;
  }
  return out;
}

/** Parses a "Vraag 1" / "Vraag 1: …" / "Vraag 4 en 5" / "Vragen 2, 3 en 4" heading; null when the line is not one. */
export function parseQuestionHeading(line: string): QuestionHeading | null {
  // QUESTION_HEADING_RE starts with "V" (after any leading white space).
  if (line.charCodeAt(0) !== 86 /* V */ && line.trimStart().charCodeAt(0) !== 86) return null;
  const m = QUESTION_HEADING_RE.exec(line.trim());
  if (!m) return null;
  const list = m[1] ?? m[3];
  const rest = (m[2] ?? m[4] ?? '').trim();
  if (!list && !rest && !/^(?:Vraag|VRAAG)\s*:?$/.test(line.trim())) return null;
  if (rest && !/^[\p{Lu}\d„"‘(]/u.test(rest)) return null;
  const numbers = list ? numberList(list) : [];
  return { number: numbers[0] ?? null, numbers, rest };
}

const PARTY_HEADING_RE = /^(?:[IVX]{1,4}[.)]?\s{1,3}|\d{1,2}(?:\.\d{1,2})?[.)]?\s{1,3})?(?:Vragen|Inbreng|Opmerkingen|Reactie)\b[^?]{0,60}\b(?:leden|lid|fracties?)\b/iu;

const PARTY_FIRST = new Set([...'0123456789IiVvXxOoRr'].map((ch) => ch.charCodeAt(0)));

/** The party of a section heading ("Vragen en opmerkingen van de leden van de PVV-fractie"), or null. */
export function parsePartyHeading(line: string): string | null {
  const t = line.trim();
  if (t.length > 160 || /[?]$/.test(t)) return null;
  // PARTY_HEADING_RE (case-insensitive) starts with a digit or one of I V X O R; a bare group heading ends in "-fractie".
  if (!PARTY_FIRST.has(t.charCodeAt(0)) && !t.endsWith('-fractie')) return null;
  if (!PARTY_HEADING_RE.test(t)) {
    // A bare group heading: "PVV-fractie", "De leden van de VVD-fractie" standing alone.
    const bare = /^(?:De\s+leden\s+van\s+de\s+)?([\p{L}\d/–-]{2,30})-fractie$/u.exec(t);
    return bare ? normaliseParty(bare[1] ?? '') : null;
  }
  return partyInText(t);
}

/** Whether a line is a Q&A heading that cleanup must keep as its own paragraph. */
export function isQaStructural(line: string): boolean {
  return parseAnswerHeading(line) !== null || parseQuestionHeading(line) !== null || parsePartyHeading(line) !== null;
}

const MEMBERS_RE =
  /\b(?:[Dd]e|[Dd]eze|[Dd]ie)\s+leden\b|\b[Hh]et\s+lid\b|\b[Dd]it\s+lid\b|-fracties?\b|^(?:\S+\s+){0,3}[Zz]ij\s+(?:vragen|lezen|willen|merken|constateren|vinden|zijn|hebben|begrijpen|wijzen|verzoeken)\b/u;
const FIRST_PERSON_RE =
  /\b(?:[Ii]k|[Ww]ij|[Ww]e)\s+(?:ben|heb|hebben|zijn|zal|zullen|verwijs|verwijzen|kan|kunnen|wil|willen|zie|zien|acht|achten|vind|vinden|deel|delen|wacht|wachten|zoeken|doen|onderzoeken|refereren|verwacht|verwachten|merk|merken|hecht|hechten|neem|nemen)\b/u;

/** The first sentence of a paragraph (up to the first full stop, question or exclamation mark followed by a space). */
function firstSentence(text: string): string {
  const m = /^.*?[.?!](?=\s+[\p{Lu}„"‘(]|$)/su.exec(text);
  return m ? m[0] : text;
}

/**
 * Whether a paragraph after an answer starts a new question block: it asks something (ends with
 * a question mark) or its first sentence speaks of the members ("Voorts lezen de leden…",
 * "Zij vragen…") without the government's first-person voice.
 */
export function isQuestionStart(text: string): boolean {
  // A printed question number ("7. De leden …") is not the first sentence.
  const t = text.trim().replace(/^\d{1,3}[.)]\s+/, '');
  if (/\?["'”’)\]]?$/.test(t)) return true;
  const first = firstSentence(t);
  return MEMBERS_RE.test(first) && !FIRST_PERSON_RE.test(first);
}

/** Where a paragraph signs the letter off: the end of the Q&A part. */
function isClosing(p: Paragraph): boolean {
  return (
    /^(?:Hoogachtend|Met (?:vriendelijke|hoogachtende) groet)/i.test(p.text) ||
    /^De\s+(?:minister|staatssecretaris|minister-president)\b[^.?!]{0,120},$/i.test(p.text)
  );
}

const SEE_ALSO_RE =
  /\b(?:antwoord(?:en)?|beantwoording)\s{1,3}(?:op|van|bij)\s{1,3}(?:de\s{1,3})?(?:vra(?:ag|gen))\s{1,3}(\d{1,3}(?:\s{0,2}(?:,|en|t\/m|tot en met|-|–)\s{0,2}\d{1,3}){0,12})|\b(?:[Zz]ie|verwijs\s\S{1,6}\s\S{1,6}\s{1,3}naar|verwijzen\s\S{1,6}\s{1,3}naar)\s{1,3}(?:ook\s{1,3})?(?:het\s{1,3})?(?:antwoord(?:en)?|vra(?:ag|gen))\s{1,3}(\d{1,3}(?:\s{0,2}(?:,|en|t\/m|tot en met|-|–)\s{0,2}\d{1,3}){0,12})|\b(?:[Zz]oals|[Aa]ls)\s{1,3}(?:ook\s{1,3})?(?:bij|in)\s{1,3}vra(?:ag|gen)\s{1,3}(\d{1,3}(?:\s{0,2}(?:,|en|t\/m|tot en met|-|–)\s{0,2}\d{1,3}){0,12})/gu;

/**
 * Numbers of the other answers an answer refers to: "zie het antwoord op vraag 8",
 * "Zie ook het antwoord op vraag 18 en 43", "antwoorden op de vragen 3 tot en met 5", "zie antwoord 12".
 */
export function seeAlsoNumbers(text: string, self: number | null = null): number[] {
  // Every reference names a question or an answer: "vraag"/"vragen" or "antwoord".
  if (!text.includes('vra') && !text.includes('ntwoord')) return [];
  const out = new Set<number>();
  for (const m of text.matchAll(SEE_ALSO_RE)) {
    const list = m[1] ?? m[2] ?? m[3] ?? '';
    const parts = list.split(/\s{0,2}(,|en|t\/m|tot en met|-|–)\s{0,2}/).map((s) => s.trim());
    let prev: number | null = null;
    let range = false;
    for (const part of parts) {
      if (/^\d+$/.test(part)) {
        const n = Number(part);
        if (range && prev !== null && n > prev && n - prev <= 50) for (let k = prev + 1; k <= n; k++) out.add(k);
        out.add(n);
        prev = n;
        range = false;
      } else if (part === 't/m' || part === 'tot en met' || part === '-' || part === '–') range = true;
    }
  }
  if (self !== null) out.delete(self);
  return [...out].sort((a, b) => a - b);
}

/** "meegenomen in de beantwoording van de vraag van de leden van de PVV-fractie", "zie het antwoord op de vragen van de VVD-fractie". */
const PARTY_REFERRAL_RE =
  /\b(?:beantwoording|antwoord(?:en)?)\s{1,3}(?:op|van|bij|aan)\s{1,3}(?:de\s{1,3})?vra(?:ag|gen)\s{1,3}(?:[\p{L}\d-]{1,30}\s{1,3}){0,6}?(?:van|door)\s{1,3}(?:de\s{1,3}leden\s{1,3}van\s{1,3})?de\s{1,3}([\p{L}\d/–-]{2,30})-fractie/gu;

const REFERRAL_STOP = new Set(
  'antwoord antwoorden beantwoording vraag vragen meegenomen leden fractie aangaande betreffende over inzake deze die dat het een van met voor wordt worden zijn naar verwijs verwijzen ook zie hierbij daarbij reeds eerder gestelde gesteld'.split(' '),
);
const words = (text: string): Set<string> => {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\d]{3,}/gu)) if (!REFERRAL_STOP.has(m[0])) out.add(m[0]);
  return out;
};

/**
 * Answers that refer to the answer given to another party ("Het antwoord op de vraag aangaande de
 * NIS2-richtlijn is meegenomen in de beantwoording van de vraag van de leden van de PVV-fractie")
 * get that answer in `seeAlsoIds` (and its number in `seeAlso`). Of that party's questions, the one
 * sharing most words with the referring sentence wins; an answer that names the referring party
 * ("De leden van de PVV en NSC vragen …") breaks a tie.
 */
function linkPartyReferrals(questions: Question[], answers: Answer[]): void {
  const questionOf = new Map<string, Question>();
  for (const q of questions) for (const id of q.answerIds) questionOf.set(id, q);
  const byId = new Map(answers.map((a) => [a.id, a]));
  for (const a of answers) {
    if (!a.text.includes('fractie')) continue;
    const own = questionOf.get(a.id);
    const ids: string[] = [];
    for (const m of a.text.matchAll(PARTY_REFERRAL_RE)) {
      const party = normaliseParty(m[1] ?? '');
      if (!party) continue;
      const at = m.index ?? 0;
      const start = Math.max(a.text.lastIndexOf('. ', at) + 1, 0);
      const endDot = a.text.indexOf('. ', at + m[0].length);
      const sentence = a.text.slice(start, endDot < 0 ? a.text.length : endDot);
      const cue = words(sentence.replace(m[0], ' '));
      let best: { q: Question; score: number } | null = null;
      for (const q of questions) {
        if (q.party !== party || q === own || q.answerIds.length === 0) continue;
        const answerText = q.answerIds.map((id) => byId.get(id)?.text ?? '').join(' ');
        const hay = `${q.text} ${answerText}`.toLowerCase();
        let score = 0;
        for (const w of cue) if (hay.includes(w)) score += 2;
        if (own?.party && new RegExp(`\\b${own.party.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(answerText)) score += 1;
        if (!best || score > best.score) best = { q, score };
      }
      if (best) for (const id of best.q.answerIds) if (id !== a.id && !ids.includes(id)) ids.push(id);
    }
    if (ids.length === 0) continue;
    a.seeAlsoIds = ids;
    for (const id of ids) {
      const n = byId.get(id)?.number;
      if (n != null && !a.seeAlso.includes(n)) a.seeAlso.push(n);
    }
    a.seeAlso.sort((x, y) => x - y);
  }
}

const QA_HEADING_CUE_RE = /Antwoord|ANTWOORD|Reactie|REACTIE|Vraag|VRAAG/;

/**
 * Fast path: whether the text may hold any question or answer. Every answer heading needs
 * "Antwoord"/"Reactie", every question heading "Vraag", every party heading one of "vragen",
 * "inbreng", "opmerkingen", "reactie" with "lid"/"leden"/"fractie" (any case) or ends in "-fractie",
 * and a block opened by the members' voice names a "fractie". Text with none of these gives no Q&A.
 */
function mayHoldQa(text: string): boolean {
  if (QA_HEADING_CUE_RE.test(text)) return true;
  const lower = lowerForCues(text);
  if (lower === null) return true;
  if (lower.includes('fractie')) return true;
  const lead = lower.includes('vragen') || lower.includes('inbreng') || lower.includes('opmerkingen') || lower.includes('reactie');
  return lead && (lower.includes('lid') || lower.includes('leden'));
}

export interface QaResult {
  questions: Question[];
  answers: Answer[];
  /** Indices of paragraphs that are question text (not the government's voice). */
  questionParagraphs: Set<number>;
  /** Paragraphs of answer text (by index), with the answer they belong to. */
  answerParagraphs: Map<number, Answer>;
}

interface OpenQuestion {
  party: string | null;
  numbers: number[];
  parts: string[];
  paras: number[];
}

/**
 * A block in which the members say they have no (further) questions ("De leden van de VVD-fractie
 * … hebben op dit moment geen verdere vragen", "… hebben geen aanvullende vragen en sluiten zich aan
 * bij …"): no question is put, so no answer is due.
 */
export function isNoQuestion(text: string): boolean {
  if (text.length > 600 || text.includes('?')) return false;
  if (!/\bgeen\s+(?:(?:verdere|aanvullende|nadere|andere|overige|verdere\s+of\s+aanvullende)\s+)?(?:vragen|opmerkingen)\b/u.test(text)) return false;
  // A question in the members' voice elsewhere in the block ("Zij vragen de minister …") still asks something.
  return !/\b(?:vragen|verzoeken)\s+(?:de|het|of|naar|hoe|wat|waarom|wanneer|welke)\b/u.test(text);
}

/**
 * Finds question blocks and answers in document order and links each answer to the question
 * block before it (or to the question with the answer's number when questions are numbered).
 * `docParty` is the party of written questions ("Vragen van het lid X (VVD)"), used when the
 * document has no party sections.
 */
export function extractQa(paras: Paragraph[], docParty: string | null, vsoLike: boolean, joined?: string): QaResult {
  const questions: Question[] = [];
  const answers: Answer[] = [];
  const questionParagraphs = new Set<number>();
  const answerParagraphs = new Map<number, Answer>();
  if (fastPaths() && !mayHoldQa(joined ?? paras.map((p) => p.text).join('\n'))) return { questions, answers, questionParagraphs, answerParagraphs };
  // Questions by printed number, in document order, with their position (index in `questions`).
  const numbered = new Map<number, Array<{ q: Question; at: number }>>();
  let mode: 'none' | 'question' | 'answer' = 'none';
  let sectionParty: string | null = docParty;
  let sawSection = false;
  let q: OpenQuestion | null = null;
  let a: { number: number | null; parts: string[] } | null = null;
  let lastQuestion: Question | null = null;
  const pending: Array<{ answer: Answer; numbers: number[]; positional: Question | null; before: number }> = [];
  const questionNumbers = new Map<Question, number[]>();

  const closeQuestion = (): void => {
    if (q && q.parts.length > 0 && !(q.numbers.length === 0 && isNoQuestion(q.parts.join('\n\n')))) {
      const text = q.parts.join('\n\n');
      const lead = /^(\d{1,3})[.)]\s/.exec(text);
      const numbers = q.numbers.length ? q.numbers : lead ? [Number(lead[1])] : [];
      const question: Question = { id: `q${questions.length + 1}`, party: q.party, text, answerIds: [] };
      questions.push(question);
      if (numbers.length) questionNumbers.set(question, numbers);
      for (const number of numbers) {
        const list = numbered.get(number) ?? [];
        list.push({ q: question, at: questions.length - 1 });
        numbered.set(number, list);
      }
      for (const i of q.paras) questionParagraphs.add(i);
      lastQuestion = question;
    }
    q = null;
  };
  const closeAnswer = (): void => {
    if (a) {
      const last = answers[answers.length - 1];
      if (last) {
        last.text = a.parts.join('\n\n');
        last.seeAlso = seeAlsoNumbers(last.text, last.number);
      }
    }
    a = null;
  };
  const openQuestion = (party: string | null, numbers: number[]): void => {
    closeAnswer();
    closeQuestion();
    q = { party, numbers, parts: [], paras: [] };
    mode = 'question';
  };

  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (!p) continue;
    const party = parsePartyHeading(p.text);
    if (party !== null) {
      sectionParty = party;
      sawSection = true;
      openQuestion(party, []);
      continue;
    }
    const vh = parseQuestionHeading(p.text);
    if (vh) {
      openQuestion(sectionParty, vh.numbers);
      if (vh.rest) {
        q!.parts.push(vh.rest);
        q!.paras.push(i);
      }
      continue;
    }
    const ah = parseAnswerHeading(p.text);
    if (ah) {
      closeAnswer();
      const openQ = q as OpenQuestion | null;
      const hadText = openQ !== null && openQ.parts.length > 0;
      closeQuestion();
      const answer: Answer = { id: `a${answers.length + 1}`, number: ah.number, text: '', seeAlso: [] };
      if (ah.numbers.length > 1) answer.numbers = ah.numbers;
      answers.push(answer);
      pending.push({ answer, numbers: ah.numbers, positional: hadText || mode === 'answer' ? lastQuestion : null, before: questions.length });
      a = { number: ah.number, parts: ah.rest ? [ah.rest] : [] };
      mode = 'answer';
      continue;
    }
    if (isClosing(p)) {
      closeAnswer();
      closeQuestion();
      mode = 'none';
      continue;
    }
    if (mode === 'answer' && a) {
      const open: { number: number | null; parts: string[] } = a;
      const startsQuestion =
        open.parts.length > 0 &&
        (isQuestionStart(p.text) || (p.heading && paras[i + 1] !== undefined && isQuestionStart(paras[i + 1]!.text)));
      if (!startsQuestion) {
        open.parts.push(p.text);
        const current = answers[answers.length - 1];
        if (current) answerParagraphs.set(i, current);
        continue;
      }
      const named = sawSection ? null : partyInText(p.text);
      if (named) sectionParty = named;
      openQuestion(partyInText(p.text) ?? sectionParty, []);
      // A subheading that introduces the next block is not part of the question.
      if (p.heading) continue;
    } else if (mode === 'none') {
      if (!(vsoLike && MEMBERS_RE.test(firstSentence(p.text)) && partyInText(p.text))) continue;
      const named = partyInText(p.text);
      if (!sawSection) sectionParty = named;
      openQuestion(named, []);
    }
    if (q) {
      const open: OpenQuestion = q;
      // Subheadings inside a party's section (the title of the document discussed) are not question text.
      if (p.heading) continue;
      if (open.parts.length === 0 && !sawSection && open.party === null) open.party = partyInText(p.text) ?? sectionParty;
      open.parts.push(p.text);
      open.paras.push(i);
    }
  }
  closeAnswer();
  closeQuestion();
  // Link after the pass, so an answer printed before its question still finds it. A numbered
  // answer goes to the question with its number; when the questions are numbered and none has
  // it, the answer stays unlinked rather than being pinned to whatever came before it.
  // With repeated numbers, the nearest question with the number before the answer wins (else the
  // first after it).
  let numberedCount = 0;
  for (const list of numbered.values()) numberedCount += list.length;
  const questionsNumbered = numberedCount > 0 && numberedCount * 2 >= questions.length;
  const nearest = (number: number, before: number): Question | undefined => {
    const list = numbered.get(number);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.at ?? 0) < before) lo = mid + 1;
      else hi = mid;
    }
    return (list[lo - 1] ?? list[lo])?.q;
  };
  for (const { answer, numbers, positional, before } of pending) {
    // "Antwoord 4 en 5" answers question 4 and question 5 (or the one block "Vraag 4 en 5").
    const targets: Question[] = [];
    for (const n of numbers) {
      const t = nearest(n, before);
      if (t && !targets.includes(t)) targets.push(t);
    }
    if (targets.length === 0) {
      // A numbered answer whose question lost its heading (at a page break) still follows that
      // question's text: an unnumbered block just before it is that question.
      const unnumbered = positional !== null && !questionNumbers.has(positional);
      const target = numbers.length && questionsNumbered && !unnumbered ? null : positional;
      if (target) targets.push(target);
    }
    for (const target of targets) if (target.answerIds[target.answerIds.length - 1] !== answer.id) target.answerIds.push(answer.id);
  }
  linkPartyReferrals(questions, answers);
  return { questions, answers, questionParagraphs, answerParagraphs };
}

/** The case-sensitive core of the regex below, tried on lower-cased text: a cheap prefilter. */
export const WRITTEN_QUESTIONS_CUE_RE = /vragen\s+van\s+(?:het\s+lid|de\s+leden)/;

let cueText: string | null = null;
let cueFound = false;

/**
 * WRITTEN_QUESTIONS_CUE_RE.test(lower), the last answer kept: the kind and the party of written
 * questions both ask it of the same lower-cased head (lowerForCues hands out the same string).
 */
export function hasWrittenQuestionsCue(lower: string): boolean {
  if (lower !== cueText) {
    cueText = lower;
    cueFound = WRITTEN_QUESTIONS_CUE_RE.test(lower);
  }
  return cueFound;
}

/** The party of written questions from the document head ("Vragen van het lid Kathmann (GroenLinks-PvdA)"). */
export function writtenQuestionsParty(head: string): string | null {
  const lower = fastPaths() ? lowerForCues(head) : null;
  if (lower !== null && !hasWrittenQuestionsCue(lower)) return null;
  const m = /\bVragen\s+van\s+(?:het\s+lid|de\s+leden)\s+([^\n]{0,300})/iu.exec(head);
  if (!m) return null;
  return partyInParentheses(m[1] ?? '') ?? partyInText(m[0]);
}

/**
 * The Q&A genre of a document whose cover page is missing, from how its text begins: a party's
 * section ("Vragen en opmerkingen van de leden van de PVV-fractie") opens a written consultation's
 * report, "Vraag 1" followed later by "Antwoord 1" opens answers to written questions. Null otherwise.
 */
export function qaKindFromOpening(head: string): 'verslag-schriftelijk-overleg' | 'antwoord-kamervragen' | null {
  let seen = 0;
  let start = 0;
  while (seen < 6 && start < head.length) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    const line = head.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    seen++;
    if (/^(?:[IVX]{1,4}\.?\s+)?Vragen en opmerkingen (?:vanuit|van) de fracties\b/u.test(line) || parsePartyHeading(line) !== null) {
      return 'verslag-schriftelijk-overleg';
    }
    const vh = parseQuestionHeading(line);
    if (vh && vh.numbers[0] === 1 && /^Antwoord 1\b/m.test(head)) return 'antwoord-kamervragen';
  }
  return null;
}
