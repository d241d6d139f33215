/**
 * Was the promise kept, and is it the same promise? Pure comparisons of commitment texts,
 * actors, ministries, topics and dates (no IO): the rules the promise pass (ingest/promises.ts)
 * applies to candidates it found in the store and the search index.
 */

/** Lower case without diacritics. */
export const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Words that every promise shares and that therefore say nothing about which promise it is:
 * function words, the actors, the verbs of promising and the vague deadlines.
 */
const GENERIC = new Set(
  (
    'de het een en van in op te voor met over aan om door bij als dat die dit deze er is zijn wordt worden zal zullen ' +
    'zou kan nog ook niet wel dan of na tot uit naar hun haar zijn zich u uw ik we wij zij hij ze hem hen daar hier ' +
    'hierover daarover waarin waarbij welke wat wie waar hoe minister ministers staatssecretaris staatssecretarissen kabinet ' +
    'kamer kamerbrief brief brieven leden lid informeren informeert geinformeerd informatie sturen stuurt toesturen ' +
    'toegestuurd zenden stuur komen komt terug toezegging toezeggingen toe zeggen zegt voor zomer zomerreces najaar ' +
    'voorjaar eind begin jaar maand kwartaal einde dit uiterlijk spoedig binnenkort later nader nadere separate ' +
    'aparte gaan gaat ingaan ingegaan eerste tweede derde herfst winter reces kerstreces januari februari maart april ' +
    'mei juni juli augustus september oktober november december geachte voorzitter mede namens de ontvangt ontvangen ' +
    'zo snel mogelijk zoals gebruikelijk verder graag daarbij tevens alsmede waarover alle ieder elk ten aanzien inzake betreffende'
  ).split(/\s+/),
);

/**
 * The content words of a text, each cut to its first six letters (a crude stem that makes
 * `technologieën`/`technologie` and `uitfaseren`/`uitfasering` one word, without a dictionary).
 */
export function contentTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of fold(text).split(/[^a-z0-9]+/)) {
    if (w.length < 3 || GENERIC.has(w) || /^\d+$/.test(w)) continue;
    out.add(w.length > 6 ? w.slice(0, 6) : w);
  }
  return out;
}

/** Shared content words, and their share of the shorter text's (the overlap coefficient). */
export function tokenOverlap(a: string, b: string): { shared: string[]; ratio: number } {
  const ta = contentTokens(a);
  const tb = contentTokens(b);
  const shared = [...ta].filter((t) => tb.has(t));
  const min = Math.min(ta.size, tb.size);
  return { shared, ratio: min === 0 ? 0 : shared.length / min };
}

/**
 * The ministries a role, actor or signer line names, folded: `Minister van Economische Zaken`
 * → `economische zaken`; the register's bare `Economische Zaken` is one too (pass `bare`).
 */
export function ministriesOf(text: string, bare = false): string[] {
  const out: string[] = [];
  const f = fold(text);
  for (const m of f.matchAll(/\b(?:minister|staatssecretaris|ministerie)\s+(?:van|voor)\s+([a-z][a-z -]{2,80}?)(?=\s*(?:,|\||;|\(|\)|$|\ben\s+(?:minister|staatssecretaris)\b))/g)) {
    const name = (m[1] ?? '').trim();
    if (name && !out.includes(name)) out.push(name);
  }
  if (bare && out.length === 0 && f.trim()) out.push(f.trim());
  return out;
}

/**
 * Whether two ministry names are the same department: equal, or one the other's start
 * (`economische zaken` and `economische zaken en klimaat`, the name before and after a
 * reorganisation), or they share the first two content words.
 */
export function sameMinistry(a: string, b: string): boolean {
  if (a === b || a.startsWith(b + ' ') || b.startsWith(a + ' ')) return true;
  const wa = a.split(/\s+/).filter((w) => !GENERIC.has(w));
  const wb = b.split(/\s+/).filter((w) => !GENERIC.has(w));
  return wa.length >= 2 && wb.length >= 2 && wa[0] === wb[0] && wa[1] === wb[1];
}

const anyMinistry = (as: string[], bs: string[]) => as.some((a) => bs.some((b) => sameMinistry(a, b)));

/** Days from `a` to `b` (`YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10) + 'T00:00:00Z') - Date.parse(a.slice(0, 10) + 'T00:00:00Z')) / 86_400_000);
}

// ---------------------------------------------------------------- the register and the letters

/** A commitment of the Kamer's register, as the matcher needs it. */
export interface RegisterPromise {
  text: string;
  /** The bewindspersoon's surname (`naam`/`achternaam`), or null. */
  surname: string | null;
  /** `minister van Economische Zaken`, `staatssecretaris`, or null. */
  role: string | null;
  /** `Economische Zaken`, or null. */
  ministry: string | null;
  /** `YYYY-MM-DD`: when the register recorded it. */
  created: string | null;
  dueDate: string | null;
}

/** A commitment found in a document, with what the document says about who made it. */
export interface DocumentPromise {
  text: string;
  topic: string | null;
  actor: string | null;
  dueDate: string | null;
  /** The document's date. */
  date: string | null;
  /** The document's signatories (`name | role`). */
  signatories: { name: string; role: string | null }[];
  /** The document was made in the register commitment's debate (activity), as the open data records it. */
  sameActivity: boolean;
}

export interface PromiseLink {
  /** 0..1: how sure the link is. */
  score: number;
  /** Why the two are taken to be one promise, in Dutch. */
  reasons: string[];
}

/**
 * Whether a commitment of the register and one found in a document are the same promise.
 * Conservative: the same bewindspersoon or ministry, compatible deadlines, made close in time
 * (or in the same debate), and similar words — more words in common when the debate is not
 * known to be the same. Returns null when any of these fails.
 */
export function matchRegisterPromise(r: RegisterPromise, d: DocumentPromise): PromiseLink | null {
  const reasons: string[] = [];
  // Who: the surname among the signatories or in the actor, else the ministry.
  const surname = r.surname ? fold(r.surname).trim() : '';
  const people = [d.actor ?? '', ...d.signatories.map((s) => `${s.name} ${s.role ?? ''}`)].map(fold);
  const byName = surname.length >= 3 && people.some((p) => new RegExp(`(^|[^a-z])${surname.replace(/[^a-z0-9 -]/g, '')}($|[^a-z])`).test(p));
  const regMinistries = [...ministriesOf(r.ministry ?? '', true), ...ministriesOf(r.role ?? '')];
  // The actor names the office when the sentence does; else every signatory's office counts.
  const actorMinistries = ministriesOf(d.actor ?? '');
  const docMinistries = actorMinistries.length ? actorMinistries : d.signatories.flatMap((s) => ministriesOf(s.role ?? ''));
  const byMinistry = regMinistries.length > 0 && anyMinistry(regMinistries, docMinistries);
  if (!byName && !byMinistry) return null;
  // A different ministry named on both sides is another promise, whoever signed.
  if (!byMinistry && regMinistries.length && actorMinistries.length) return null;
  reasons.push(byName ? `zelfde bewindspersoon (${r.surname})` : `zelfde ministerie (${r.ministry ?? r.role})`);
  // When: deadlines within six weeks of each other, when both have one.
  if (r.dueDate && d.dueDate) {
    const gap = Math.abs(daysBetween(r.dueDate, d.dueDate));
    if (gap > 45) return null;
    reasons.push('termijn komt overeen');
  }
  if (!d.sameActivity) {
    // The register records a promise when it is made: a document far from that day made another one.
    if (!r.created || !d.date) return null;
    const gap = daysBetween(d.date, r.created);
    if (gap < -3 || gap > 30) return null;
  } else reasons.push('in hetzelfde debat');
  const overlap = tokenOverlap(r.text, d.topic ? `${d.text} ${d.topic}` : d.text);
  const enough = d.sameActivity ? overlap.shared.length >= 2 && overlap.ratio >= 0.3 : overlap.shared.length >= 3 && overlap.ratio >= 0.5;
  if (!enough) return null;
  reasons.push(`zelfde woorden (${overlap.shared.join(', ')})`);
  const score = Math.min(1, overlap.ratio * 0.6 + (byName ? 0.2 : 0.1) + (d.sameActivity ? 0.2 : 0.1));
  return { score: Math.round(score * 100) / 100, reasons };
}

// ---------------------------------------------------------------- fulfilment by a later document

/** Kinds of document that can keep a promise (a motion or a question cannot). */
export const FULFILLING_KINDS = [
  'kamerbrief',
  'verslag-schriftelijk-overleg',
  'verslag-raad',
  'geannoteerde-agenda',
  'nota',
  'antwoord-kamervragen',
  'verslag',
  'overig',
] as const;

/** The topic's search terms: its comma-separated parts, folded, at least four letters, at most eight. */
export function topicTerms(topic: string | null): string[] {
  if (!topic) return [];
  return [...new Set(topic.split(/,\s*/).map((t) => fold(t).trim()).filter((t) => t.length >= 4))].slice(0, 8);
}

/** A name of several words (`digital fairness act`), a code (`nis2`) or a short abbreviation (`cra`) is telling on its own. */
export const telling = (t: string) => /\d/.test(t) || t.includes(' ') || t.length <= 6;

/** Whether a folded title holds `term` at the start of a word (so `cyberbeveiliging` is in `cyberbeveiligingswet`). */
export function titleHasTerm(foldedTitle: string, term: string): boolean {
  let i = foldedTitle.indexOf(term);
  while (i >= 0) {
    if (i === 0 || !/[a-z0-9]/.test(foldedTitle[i - 1]!)) return true;
    i = foldedTitle.indexOf(term, i + 1);
  }
  return false;
}

export interface FulfilmentCandidate {
  title: string;
  date: string | null;
  /** The candidate's signatories' roles and names, as one line (`minister van economische zaken | …`). */
  signers: string | null;
}

/**
 * Whether a later document plausibly keeps the promise: dated after it, its title shares the
 * promise's topic (two terms, or one telling term), and where both name one, the same ministry.
 * Returns the evidence in words, or null.
 */
export function judgeFulfilment(
  p: { topic: string | null; actor: string | null; date: string | null },
  c: FulfilmentCandidate,
): { shared: string[]; ministries: string[]; evidence: string } | null {
  if (!p.date || !c.date || c.date <= p.date) return null;
  const terms = topicTerms(p.topic);
  const title = fold(c.title);
  const shared = terms.filter((t) => titleHasTerm(title, t));
  if (shared.length < 2 && !(shared.length === 1 && telling(shared[0]!))) return null;
  const mine = ministriesOf(p.actor ?? '');
  const theirs = ministriesOf(c.signers ?? '');
  const same = mine.filter((m) => theirs.some((t) => sameMinistry(m, t)));
  if (mine.length && theirs.length && same.length === 0) return null;
  const evidence = `zelfde onderwerp (${shared.join(', ')})` + (same.length ? `, zelfde ministerie (${same.join(', ')})` : '') + ', na de toezegging';
  return { shared, ministries: same, evidence };
}

/** Sentences that say a promise is being kept ("zoals toegezegd", "met deze brief informeer ik u"). */
const KEEPING = /\b(toegezegd|toezegging|zoals (?:beloofd|aangekondigd)|met deze brief|hierbij (?:informeer|ontvangt|stuur|zend)|informeer ik u|ga ik in op)/;

/**
 * The sentence of the later document that shows it keeps the promise: the one with most of the
 * topic's terms, preferring one that says it keeps a promise; at most 300 characters.
 */
export function evidenceSentence(text: string, terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  let best: { s: string; score: number } | null = null;
  // Only the head of a long document: the letter says what it is about at its start.
  const head = text.slice(0, 60_000);
  for (const raw of head.split(/(?<=[.!?])\s+|\n{2,}/)) {
    const s = raw.replace(/\s+/g, ' ').trim();
    if (s.length < 20) continue;
    const f = fold(s);
    const hits = terms.filter((t) => titleHasTerm(f, t)).length;
    if (hits === 0) continue;
    const score = hits * 2 + (KEEPING.test(f) ? 3 : 0);
    if (!best || score > best.score) best = { s, score };
  }
  if (!best) return null;
  return best.s.length > 300 ? best.s.slice(0, 297).replace(/\s+\S*$/, '') + '…' : best.s;
}

/**
 * The register's `kamerbriefNakoming` as keys a stored document can carry: a document
 * number (`2024D12345`), a zaak number (`2024Z00001`) or a Kamerstuk (`31 288, nr. 12`).
 */
export function kamerbriefKeys(value: string): { kind: 'docnr' | 'zaak' | 'kamerstuk'; value: string; dossier?: string; number?: string }[] {
  const out: { kind: 'docnr' | 'zaak' | 'kamerstuk'; value: string; dossier?: string; number?: string }[] = [];
  for (const m of value.matchAll(/\b(\d{4})\s*([DZ])\s*(\d{4,6})\b/gi)) {
    out.push({ kind: m[2]!.toUpperCase() === 'D' ? 'docnr' : 'zaak', value: `${m[1]}${m[2]!.toUpperCase()}${m[3]}` });
  }
  for (const m of value.matchAll(/\b(\d{2}\s?\d{3}(?:-[\dA-Z]+)?)\s*(?:,\s*nr\.?\s*|-)(\d{1,4})\b/g)) {
    out.push({ kind: 'kamerstuk', value: m[0], dossier: m[1]!, number: m[2]! });
  }
  return out;
}
