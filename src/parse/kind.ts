// Document kind and title: what sort of parliamentary or Council document this is, and its subject.
import type { DocumentKind } from '../domain/index.js';
import { fastPaths, lowerForCues } from './fastpath.js';
import { hasWrittenQuestionsCue, qaKindFromOpening } from './qa.js';

interface KindRule {
  kind: DocumentKind;
  re: RegExp;
  /** A necessary condition for `re` to match (on the text and its lower-cased form): a cheap prefilter. */
  cue: (text: string, lower: string) => boolean;
}

// Tried in order against the document head; the first match wins. More specific forms come first
// (a Kamerbrief that carries a Council report or annotated agenda is that report or agenda).
const KIND_RULES: KindRule[] = [
  { kind: 'verslag-schriftelijk-overleg', re: /\bVerslag van een schriftelijk overleg\b/i, cue: (_t, l) => l.includes('verslag van een schriftelijk overleg') },
  { kind: 'raadsconclusies', re: /^\s*(?:Betreft:?\s*)?(?:Ontwerp)?(?:[Cc]onclusies van de Raad|Raadsconclusies)\b|^\s*(?:Subject:\s*)?(?:Draft )?Council conclusions\b/m, cue: (t) => t.includes('onclusies van de Raad') || t.includes('Raadsconclusies') || t.includes('Council conclusions') },
  { kind: 'motie', re: /^\s*(?:Nr\.\s\d{1,5}\s+)?(?:Gewijzigde\s+|GEWIJZIGDE\s+)?(?:MOTIE|Motie)\s+(?:VAN|van)\s+(?:HET|DE|het|de)\s+(?:LID|LEDEN|lid|leden)\b/m, cue: (t) => t.includes('MOTIE') || t.includes('Motie') },
  { kind: 'amendement', re: /^\s*(?:Nr\.\s\d{1,5}\s+)?(?:Gewijzigd\s+|GEWIJZIGD\s+)?(?:AMENDEMENT|Amendement)\s+(?:VAN|van)\s+(?:HET|DE|het|de)\s+(?:LID|LEDEN|lid|leden)\b/m, cue: (t) => t.includes('AMENDEMENT') || t.includes('Amendement') },
  { kind: 'geannoteerde-agenda', re: /^\s*(?:Betreft:?\s+)?Geannoteerde agenda\b/im, cue: (_t, l) => l.includes('geannoteerde agenda') },
  { kind: 'verslag-raad', re: /^\s*(?:Betreft:?\s+)?Verslag\s+(?:van\s+de\s+)?(?:informele\s+|formele\s+)?(?:[\p{L}-]*[Rr]aad\b|Raad\s+[\p{Lu}])/imu, cue: (_t, l) => l.includes('verslag') && l.includes('raad') },
  { kind: 'besluitenlijst', re: /^\s*(?:Document:\s*)?Besluitenlijst\b/im, cue: (_t, l) => l.includes('besluitenlijst') },
  { kind: 'verslag', re: /^\s*Verslag\s+van\s+(?:een|het)\s+(?:commissiedebat|notaoverleg|wetgevingsoverleg|algemeen overleg|notaoverleg|rondetafelgesprek|werkbezoek)/im, cue: (_t, l) => l.includes('verslag') },
  { kind: 'nota', re: /^\s*(?:Betreft:?\s+)?Nota\s+(?:naar aanleiding van|van wijziging)\b|^\s*NOTA\b/im, cue: (_t, l) => l.includes('nota') },
];

const KAMERSTUK_LETTER_RE = /^\s*(?:Nr\.\s\d{1,5}\s+)?BRIEF VAN (?:DE|HET)\s+(?:MINISTER|STAATSSECRETARIS|MINISTERS|STAATSSECRETARISSEN|MINISTER-PRESIDENT)\b/m;
/** Written questions (with or without the answers). */
const WRITTEN_QUESTIONS_RE = /\bVragen\s+van\s+(?:het\s+lid|de\s+leden)\b[\s\S]{0,600}?\b(?:ingezonden|aan\s+de\s+(?:minister|staatssecretaris))/i;
const ANSWERED_RE = /^\s*(?:Antwoord(?:\s+\d{1,3})?\s*:?\s*$|Antwoord van\b|Antwoord op vragen\b|Beantwoording\b)/m;

/**
 * The document's kind from its title and head (first few thousand characters): explicit titles first, then
 * written questions (answered or not), then the marks of a letter to parliament.
 */
export function detectKind(title: string | null, head: string, full: string, fileName?: string): DocumentKind {
  // The title is the strongest evidence: a letter whose subject is a Council report is that report.
  if (title) for (const rule of KIND_RULES) if (rule.re.test(title)) return rule.kind;
  // Without a cover page, a Q&A document is known by how its text begins (before the head rules,
  // which would take a quoted "Geannoteerde agenda" line in a party's question for the kind).
  const qaKind = qaKindFromOpening(head);
  if (qaKind) return qaKind;
  // Fast path: each rule's regex runs only when the head holds the words it needs.
  const cueText = fastPaths() ? lowerForCues(head) : null;
  const fast = cueText !== null;
  const lower = cueText ?? '';
  for (const rule of KIND_RULES) if ((!fast || rule.cue(head, lower)) && rule.re.test(head)) return rule.kind;
  if ((!fast || hasWrittenQuestionsCue(lower)) && WRITTEN_QUESTIONS_RE.test(head)) {
    const answered = (!fast || full.includes('Antwoord') || full.includes('Beantwoording')) && ANSWERED_RE.test(full);
    return answered ? 'antwoord-kamervragen' : 'kamervragen';
  }
  if ((!fast || lower.includes('vragen')) && /^\s*(?:Betreft:?\s+)?(?:Antwoord(?:en)? op|Beantwoording(?: van)?) (?:de )?(?:Kamer)?vragen\b/im.test(head)) return 'antwoord-kamervragen';
  if (((!fast || head.includes('Betreft')) && /^\s*Betreft\b/m.test(head)) || /\bGeachte [Vv]oorzitter\b/.test(head)) return 'kamerbrief';
  // A government letter printed as a Kamerstuk: "BRIEF VAN DE STAATSSECRETARIS VAN …" (no Betreft in that template).
  if ((!fast || head.includes('BRIEF')) && KAMERSTUK_LETTER_RE.test(head)) return 'kamerbrief';
  if ((!fast || head.includes('Raad van de')) && /^\s*Raad van de\s*(?:\n\s*)?Europese Unie\b/m.test(head)) return 'overig';
  if (fileName && /kamerbrief/i.test(fileName)) return 'kamerbrief';
  return 'overig';
}

const TITLE_STARTERS_RE =
  /^(?:Nr\.\s\d{1,5}\s+)?(?:Verslag|VERSLAG|Geannoteerde agenda|GEANNOTEERDE AGENDA|Antwoord|Antwoorden|Beantwoording|Motie|MOTIE|Gewijzigde motie|GEWIJZIGDE MOTIE|Amendement|AMENDEMENT|Nota|NOTA|Conclusies|Ontwerpconclusies|Raadsconclusies|Vragen van|Besluitenlijst|Kamerbrief|Brief|BRIEF)\b/;
/** Lines in which the fallback title is looked for: the head of the document. */
const TITLE_HEAD_LINES = 120;

/**
 * The subject: the (possibly multi-line) "Betreft" field, else the first title-like heading
 * (a standalone short line starting with a document word such as "Verslag"), else null.
 */
export function detectTitle(lines: string[]): string | null {
  const own = besluitenlijstTitle(lines);
  if (own) return own;
  const limit = Math.min(lines.length, 400);
  for (let i = 0; i < limit; i++) {
    const m = /^\s*Betreft\s*:?\s*(.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    let title = (m[1] ?? '').trim();
    let j = i + 1;
    if (!title) {
      while (j < limit && !(lines[j] ?? '').trim()) j++;
      title = (lines[j] ?? '').trim();
      j++;
    }
    // Continuation lines: the subject runs on while it has not closed a sentence or the next line continues it.
    for (let extra = 0; extra < 4 && j < limit; extra++) {
      let k = j;
      while (k < limit && !(lines[k] ?? '').trim()) k++;
      const next = (lines[k] ?? '').trim();
      if (!next || k - j > 2) break;
      const closed = /[.)]$/.test(title);
      const continues = /^[\p{Ll}-]/u.test(next) || (!closed && !/^(?:Geachte|Voor de|Hierbij|Datum|Ons|Uw|Kenmerk|Bijlage)/.test(next) && k - j <= 1);
      if (!continues || next.length > 200) break;
      title = `${title} ${next}`;
      j = k + 1;
    }
    if (title) return title.replace(/\s{2,}/g, ' ').trim();
  }
  for (let i = 0; i < Math.min(limit, TITLE_HEAD_LINES); i++) {
    const t = (lines[i] ?? '').trim();
    // A closing full stop is allowed on capitalised headings ("MOTIE VAN HET LID X C.S.").
    // …but the subject line of written questions ends "(ingezonden 3 februari 2025)." when it is not wrapped.
    const sentence = /\.$/.test(t) && /\p{Ll}{3}/u.test(t) && !/\(ingezonden [^)]{6,30}\)\.$/.test(t);
    if (t.length < 8 || t.length > 260 || /[,;:]$/.test(t) || sentence || !TITLE_STARTERS_RE.test(t)) continue;
    if (/^Antwoord(?:en)?\s*(?:\d{1,3}(?:\s*(?:,|en|t\/m|-|–)\s*\d{1,3})*)?\s*:?$/.test(t)) continue;
    // A heading wrapped over lines: join while the text runs on without closing.
    let title = t.replace(/^Nr\.\s\d{1,5}\s+/, '');
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const next = (lines[j] ?? '').trim();
      if (!next || /[.)]$/.test(title) || !/^[\p{Ll}(\p{Lu}]/u.test(next) || next.length > 200) break;
      if (!/\s(?:van|aan|de|het|over|en|der|voor|bij|op|met|in)$/.test(title) && !/^[\p{Ll}(]/u.test(next)) break;
      title = `${title} ${next}`;
    }
    return headingTitle(title.replace(/\s{2,}/g, ' '), lines);
  }
  return null;
}

/**
 * A Kamerstuk's heading in capitals, as a reader would title it: a motion by its members
 * ("Motie van het lid Kathmann c.s."), anything else in normal case with its subject — a
 * written consultation by what was put to the minister ("Verslag van een schriftelijk overleg
 * over de geannoteerde agenda voor de Raad Algemene Zaken van 27 januari 2026"), a letter or
 * report by its dossier ("Brief van de staatssecretaris van Economische Zaken (Raad voor
 * Vervoer, Telecommunicatie en Energie)"). Headings with lower case are the author's own.
 */
export function headingTitle(title: string, lines: readonly string[]): string {
  if (/\p{Ll}/u.test(title)) return title;
  const motion = motionTitleCase(title);
  if (motion !== title) return motion;
  const plain = officeCase(title.toLowerCase().replace(/^\p{Ll}/u, (c) => c.toUpperCase()));
  const head = lines.slice(0, 60).join(' ').replace(/\s+/g, ' ');
  const consulted = /\bvoorgelegd\s+aan\s+de\s+[^.]{0,160}?\sover\s+((?:de|het)\s+[^.]{8,200}?)\s*(?:\((?:Kamerstuk|kst-)|\.(?:\s|$))/.exec(head);
  if (consulted && /^(?:Verslag|Lijst)\b/.test(plain)) return `${plain} over ${consulted[1]!.trim()}`;
  const dossier = dossierTitle(lines);
  return dossier ? `${plain} (${dossier})` : plain;
}

const SMALL_WORDS = new Set(['en', 'van', 'voor', 'de', 'het', 'der']);

/** "brief van de minister van onderwijs, cultuur en wetenschap" → "… minister van Onderwijs, Cultuur en Wetenschap". */
function officeCase(s: string): string {
  return s.replace(
    /\b(minister(?:-president)?s?|staatssecretaris(?:sen)?)((?:,\s*minister)?\s+(?:van|voor)\s+)(.+)$/u,
    (_all, office: string, link: string, rest: string) =>
      office + link + rest.replace(/[\p{L}-]+/gu, (w) => (SMALL_WORDS.has(w) ? w : w.replace(/(^|-)(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase()))),
  );
}

/** The dossier's name in a Kamerstuk's head: after its number ("21 501-02 Raad Algemene Zaken …") or on the next line. */
function dossierTitle(lines: readonly string[]): string | null {
  const head = lines.slice(0, 30).map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < Math.min(head.length, 12); i++) {
    const m = /^(\d{2}\s?\d{3}(?:\s?-\s?[0-9A-Z]{1,6})?)(?:\s+(.+))?$/.exec(head[i]!);
    if (!m) continue;
    const name = (m[2] ?? head[i + 1] ?? '').trim();
    if (name.length < 4 || name.length > 200 || /^Nr\.\s?\d/.test(name) || !/^\p{Lu}/u.test(name) || /^\P{Ll}+$/u.test(name)) return null;
    return name;
  }
  return null;
}

/**
 * A committee's decision list names itself after "Document:" ("Document: Besluitenlijst van
 * de procedurevergadering van woensdag 26 / oktober 2016"), or as a heading of its own
 * ("Besluitenlijst procedurevergadering …"); the list's first section, "Besluitenlijst vorige
 * vergadering(en)", is not its title.
 */
function besluitenlijstTitle(lines: string[]): string | null {
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    const m = /^\s*(?:Document:\s*)?(Besluitenlijst\b.*)$/.exec(lines[i] ?? '');
    if (!m || /^Besluitenlijst vorige vergadering/i.test(m[1]!)) continue;
    let title = m[1]!.trim();
    const next = (lines[i + 1] ?? '').trim();
    // The heading wraps: "… van woensdag 26" / "oktober 2016".
    if (next && /^\p{Ll}/u.test(next) && next.length < 80) title = `${title} ${next}`;
    return title.replace(/\s{2,}/g, ' ');
  }
  return null;
}

const NAME_PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', "'t", 'in', 'op']);

/**
 * A motion's or amendment's heading in capitals, in normal case: "MOTIE VAN HET LID KATHMANN
 * C.S." → "Motie van het lid Kathmann c.s.", "VAN DER WERF" → "Van der Werf". Other titles are
 * returned as they are.
 */
export function motionTitleCase(title: string): string {
  const m = /^(GEWIJZIGDE |GEWIJZIGD )?(MOTIE|AMENDEMENT) VAN (HET LID|DE LEDEN) (.+)$/.exec(title);
  if (!m || /\p{Ll}/u.test(title)) return title;
  const kind = m[2] === 'MOTIE' ? 'motie' : 'amendement';
  const head = m[1] ? `${m[1].trim().charAt(0)}${m[1].trim().slice(1).toLowerCase()} ${kind}` : `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
  const names = m[4]!
    .split(/(\s+EN\s+|,\s*)/)
    .map((part) => {
      if (/^\s+EN\s+$/.test(part)) return ' en ';
      if (/^,\s*$/.test(part)) return ', ';
      return part
        .split(/\s+/)
        .map((w, i) => {
          const lower = w.toLowerCase();
          if (lower === 'c.s.' || lower === 'c.s') return lower;
          if (i > 0 && NAME_PARTICLES.has(lower)) return lower;
          return lower.replace(/(^|[-'’])(\p{L})/gu, (_all, sep: string, c: string) => sep + c.toUpperCase());
        })
        .join(' ');
    })
    .join('');
  return `${head} van ${m[3]!.toLowerCase()} ${names}`;
}
