// Dutch verb morphology: candidate infinitives for an inflected form, validated by a lexicon.

/*
 * Technique: generate the infinitives a form could belong to by regular (weak) Dutch verb
 * morphology, and accept the first candidate that the OpenTaal dictionary knows as an
 * infinitive. Rules covered:
 *   - stem forms `informeer`, 2nd/3rd person `informeert`, `wordt`
 *   - past tense `-de/-den` (voiced) and `-te/-ten` (voiceless, 't kofschip), checked
 *     against the infinitive's last consonant so that `-te` never maps to a voiced verb
 *   - past participles `ge…d/t` (`geïnformeerd`), with an adjectival `-e`, without `ge-` for
 *     inseparable prefixes (`beveiligd`), and with a separable prefix before `ge`
 *     (`vastgesteld` → `vaststellen`, `aangepast` → `aanpassen`)
 *   - present participles `informerend(e)`
 *   - stem → infinitive: vowel doubling (`informeer` → `informeren`), consonant doubling
 *     (`stel` → `stellen`), f/v and s/z alternation (`leef` → `leven`, `reis` → `reizen`),
 *     vowel stems (`doe` → `doen`, `ga` → `gaan`).
 * Strong (ablaut) verbs cannot be derived by rule; lexicon.ts adds them from a table.
 * Generation is cheap (a few string ops and Set probes) and unaffected by unknown words:
 * a candidate must be a dictionary infinitive, so nonsense candidates fall away.
 */

import { RangeTable, tableOf } from './range-table.js';

/*
 * Implementation: candidates are written as UTF-16 units into a reused buffer and probed
 * in a RangeTable of the infinitives (range-table.ts), so the ~10–30 candidates tried per
 * word allocate no strings; only a found infinitive becomes a string. Why: building each
 * candidate with slices and concatenations for a Set lookup made verb conflation the
 * largest cost of a cold normalizeWord. A caller that passes a predicate instead of the
 * Set (the lexicon build script, tests) gets each candidate as a string, in the same order.
 */

const a = 97, e = 101, f = 102, g = 103, d = 100, h = 104, c = 99, j = 106, n = 110;
const s = 115, t = 116, v = 118, w = 119, z = 122;

/** a e i o u y */
function isVowel(ch: number): boolean {
  return ch === a || ch === e || ch === 105 || ch === 111 || ch === 117 || ch === 121;
}
/** t k f s p x: the stem consonants that take -te/-t ('t kofschip, with ch below). */
function isVoiceless(ch: number): boolean {
  return ch === t || ch === 107 || ch === f || ch === s || ch === 112 || ch === 120;
}

// Per-call state (module-level: no closures on the hot path).
/** The word being analysed; stems and cores are ranges of it. */
let src = '';
let table: RangeTable | null = null;
let predicate: ((s: string) => boolean) | null = null;
/** The candidate being probed: cand[0, clen). */
let cand = new Uint16Array(64);
let clen = 0;

/*
 * Candidate infinitives of the stem src[s0, s1), in stemToInfinitives order: candidate i is
 * src[s0, candCut[i]) followed by candExtra[3i .. 3i + candExtraLen[i]).
 */
let candCount = 0;
const candCut = new Int32Array(4);
const candExtra = new Int32Array(12);
const candExtraLen = new Int32Array(4);

function addCandidate(cut: number, x0: number, x1: number, x2: number): void {
  const i = candCount++;
  candCut[i] = cut;
  candExtra[i * 3] = x0;
  candExtra[i * 3 + 1] = x1;
  candExtra[i * 3 + 2] = x2;
  candExtraLen[i] = x2 >= 0 ? 3 : x1 >= 0 ? 2 : 1;
}

/** Fill the candidate list for the stem src[s0, s1) (the rules documented at stemToInfinitives). */
function listCandidates(s0: number, s1: number): void {
  candCount = 0;
  const len = s1 - s0;
  if (len < 2) return;
  const last = src.charCodeAt(s1 - 1);
  const prev = src.charCodeAt(s1 - 2);
  const prev2 = len >= 3 ? src.charCodeAt(s1 - 3) : -1;
  if (isVowel(last)) {
    addCandidate(s1, n, -1, -1); // doe → doen, zie → zien, gaa → gaan
    if (last === a && !isVowel(prev)) addCandidate(s1, a, n, -1); // ga → gaan
    return;
  }
  const voiced = last === f ? v : last === s ? z : last;
  if (isVowel(prev) && prev === prev2) {
    // informeer → informeren, leef → leven, lees → lezen
    addCandidate(s1 - 2, last, e, n);
    if (voiced !== last) addCandidate(s1 - 2, voiced, e, n);
  } else if (isVowel(prev) && !isVowel(prev2) && last !== w && last !== j) {
    // A single vowel in a closed syllable is short, so the consonant doubles: stel → stellen
    // (tried before `stelen`, which has a long vowel and belongs to the stem `steel`).
    addCandidate(s1, last, e, n);
  }
  addCandidate(s1, e, n, -1); // werk → werken, reken → rekenen, beveilig → beveiligen
  if (voiced !== last) addCandidate(s1 - 1, voiced, e, n); // reis → reizen, verf → verven
}

/** cand := src[0, prefixEnd) + candidate i of the stem starting at s0. */
function writeCandidate(prefixEnd: number, s0: number, i: number): void {
  const cut = candCut[i] ?? s0;
  const extra = candExtraLen[i] ?? 0;
  const need = prefixEnd + (cut - s0) + extra;
  if (cand.length < need) cand = new Uint16Array(need * 2);
  let k = 0;
  for (let p = 0; p < prefixEnd; p++) cand[k++] = src.charCodeAt(p);
  for (let p = s0; p < cut; p++) cand[k++] = src.charCodeAt(p);
  for (let x = 0; x < extra; x++) cand[k++] = candExtra[i * 3 + x] ?? 0;
  clen = k;
}

/** cand := src[0, end). */
function writeRange(end: number): void {
  if (cand.length < end) cand = new Uint16Array(end * 2);
  for (let p = 0; p < end; p++) cand[p] = src.charCodeAt(p);
  clen = end;
}

function candidateString(): string {
  let out = '';
  for (let p = 0; p < clen; p++) out += String.fromCharCode(cand[p] ?? 0);
  return out;
}

function candidateIsInfinitive(): boolean {
  if (table !== null) return table.get(cand, 0, clen) >= 0;
  return predicate !== null && predicate(candidateString());
}

const ANY = 0;
const VOICED = 1;
const VOICELESS = 2;

/** Does the candidate's stem consonant (before -en) agree with a -de/-d (voiced) or -te/-t ending? */
function candidateFits(voicing: number): boolean {
  if (voicing === ANY) return true;
  // the consonant before `-en` decides -de/-te and -d/-t ('t kofschip)
  const end = clen - 2;
  const last = end >= 1 ? (cand[end - 1] ?? 0) : -1;
  const voiceless = last < 0 ? false : end >= 2 && cand[end - 2] === c && last === h ? true : isVoiceless(last);
  return voiceless === (voicing === VOICELESS);
}

/** The first candidate of the stem src[s0, s1) that is an infinitive and fits the voicing. */
function tryStem(s0: number, s1: number, voicing: number): string | null {
  listCandidates(s0, s1);
  for (let i = 0; i < candCount; i++) {
    writeCandidate(0, s0, i);
    if (candidateIsInfinitive() && candidateFits(voicing)) return candidateString();
  }
  return null;
}

/** core = src[c0, c1), a participle without ge- (and without adjectival -e): `informeerd`, `werkt`, `praat`. */
function tryParticipleCore(c0: number, c1: number): string | null {
  if (c1 <= c0) return null;
  const last = src.charCodeAt(c1 - 1);
  if (last !== d && last !== t) return null;
  return tryStem(c0, c1 - 1, last === d ? VOICED : VOICELESS) ?? tryStem(c0, c1, ANY);
}

/** Infinitives a verb stem could belong to (unvalidated), most likely first. */
export function stemToInfinitives(stem: string): string[] {
  src = stem;
  listCandidates(0, stem.length);
  const out: string[] = [];
  for (let i = 0; i < candCount; i++) {
    writeCandidate(0, 0, i);
    out.push(candidateString());
  }
  return out;
}

function endsWith2(len: number, c1: number, c2: number): boolean {
  return len >= 2 && src.charCodeAt(len - 2) === c1 && src.charCodeAt(len - 1) === c2;
}

/**
 * The infinitive of a (weak, or regular-present) verb form, or null when none of the
 * candidates is a known infinitive. `word` is folded. `infinitives` is the lexicon's Set
 * (fast path) or any predicate.
 */
export function weakVerbLemma(word: string, infinitives: ReadonlySet<string> | ((s: string) => boolean)): string | null {
  const len = word.length;
  if (len < 3) return null;
  src = word;
  if (typeof infinitives === 'function') {
    table = null;
    predicate = infinitives;
  } else {
    table = tableOf(infinitives);
    predicate = null;
  }
  const last = word.charCodeAt(len - 1);
  if (endsWith2(len, e, n)) {
    writeRange(len);
    if (candidateIsInfinitive()) return word;
  }
  let r: string | null;
  // present participle: informerend(e) → informeren
  if (last === d && endsWith2(len - 1, e, n)) {
    writeRange(len - 1);
    if (candidateIsInfinitive()) return word.slice(0, -1);
  }
  if (last === e && word.charCodeAt(len - 2) === d && endsWith2(len - 2, e, n)) {
    writeRange(len - 2);
    if (candidateIsInfinitive()) return word.slice(0, -2);
  }
  // stem form and 2nd/3rd person
  if ((r = tryStem(0, len, ANY)) !== null) return r;
  if (last === t && (r = tryStem(0, len - 1, ANY)) !== null) return r;
  // past tense
  if (endsWith2(len, d, e) && (r = tryStem(0, len - 2, VOICED)) !== null) return r;
  if (last === n && endsWith2(len - 1, d, e) && (r = tryStem(0, len - 3, VOICED)) !== null) return r;
  if (endsWith2(len, t, e) && (r = tryStem(0, len - 2, VOICELESS)) !== null) return r;
  if (last === n && endsWith2(len - 1, t, e) && (r = tryStem(0, len - 3, VOICELESS)) !== null) return r;
  // participle without ge- (inseparable prefix: beveiligd, vertaald), with adjectival -e
  const body = last === e ? len - 1 : len;
  if ((r = tryParticipleCore(0, body)) !== null) return r;
  // participle with ge-, possibly after a separable prefix: geïnformeerd, vastgesteld
  for (let k = 0; k + 4 <= body; k++) {
    if (k === 1) continue; // a one-letter separable prefix does not exist
    if (word.charCodeAt(k) !== g || word.charCodeAt(k + 1) !== e) continue;
    const inf = tryParticipleCore(k + 2, body);
    if (inf !== null) {
      // prefix + inf must itself be an infinitive
      const prefixed = k === 0 ? inf : word.slice(0, k) + inf;
      if (k === 0 || isInfinitiveString(prefixed)) return prefixed;
    }
    // the core's own infinitive may need the prefix to be known: aan+gepast → aanpassen
    // (the unvalidated infinitives of the core: those of its stem, then of itself)
    const coreLast = word.charCodeAt(body - 1);
    if (coreLast !== d && coreLast !== t) continue;
    for (const stemEnd of [body - 1, body]) {
      listCandidates(k + 2, stemEnd);
      for (let i = 0; i < candCount; i++) {
        writeCandidate(k, k + 2, i);
        if (candidateIsInfinitive()) return candidateString();
      }
    }
  }
  return null;
}

/** Probe a ready-made string (rare: a prefixed participle whose core is a verb). */
function isInfinitiveString(str: string): boolean {
  if (cand.length < str.length) cand = new Uint16Array(str.length * 2);
  for (let p = 0; p < str.length; p++) cand[p] = str.charCodeAt(p);
  clen = str.length;
  return candidateIsInfinitive();
}

/**
 * Strong and irregular verbs: `infinitive pastSingular pastPlural participleWithoutGe`.
 * Prefixed verbs (bespreken, aannemen, overlijden) are derived from these in lexicon
 * building, and every derived form is kept only if the dictionary knows it.
 * `zijn` is left out on purpose: it is also the possessive pronoun, and its forms (is,
 * was, waren) are too ambiguous (`was` = laundry/wax) to be worth conflating.
 */
export const STRONG_VERBS = `
bakken bakte bakten bakken|bannen bande banden bannen|barsten barstte barstten borsten
bederven bedierf bedierven bedorven|bedriegen bedroog bedrogen bedrogen|beginnen begon begonnen begonnen
bergen borg borgen borgen|bevelen beval bevalen bevolen|bewegen bewoog bewogen bewogen
bidden bad baden beden|bieden bood boden boden|bijten beet beten beten|binden bond bonden bonden
blazen blies bliezen blazen|blijken bleek bleken bleken|blijven bleef bleven bleven|blinken blonk blonken blonken
breken brak braken broken|brengen bracht brachten bracht|brouwen brouwde brouwden brouwen
buigen boog bogen bogen|denken dacht dachten dacht|dingen dong dongen dongen|doen deed deden daan
dragen droeg droegen dragen|drijven dreef dreven dreven|dringen drong drongen drongen|drinken dronk dronken dronken
druipen droop dropen dropen|duiken dook doken doken|dwingen dwong dwongen dwongen|eten at aten geten
fluiten floot floten floten|gaan ging gingen gaan|gelden gold golden golden|genezen genas genazen genezen
genieten genoot genoten genoten|geven gaf gaven geven|gieten goot goten goten|glijden gleed gleden gleden
glimmen glom glommen glommen|graven groef groeven graven|grijpen greep grepen grepen|hangen hing hingen hangen
hebben had hadden had|heffen hief hieven heven|helpen hielp hielpen holpen|heten heette heetten heten
houden hield hielden houden|jagen joeg joegen jaagd|kiezen koos kozen kozen|kijken keek keken keken
klimmen klom klommen klommen|klinken klonk klonken klonken|knijpen kneep knepen knepen|komen kwam kwamen komen
kopen kocht kochten kocht|krijgen kreeg kregen kregen|krimpen kromp krompen krompen|kruipen kroop kropen kropen
kunnen kon konden kund|lachen lachte lachten lachen|laden laadde laadden laden|laten liet lieten laten
lezen las lazen lezen|liegen loog logen logen|liggen lag lagen legen|lijden leed leden leden
lijken leek leken leken|lopen liep liepen lopen|meten mat maten meten|mijden meed meden meden
mogen mocht mochten mogen|moeten moest moesten moeten|nemen nam namen nomen|prijzen prees prezen prezen
raden ried rieden raden|rijden reed reden reden|rijzen rees rezen rezen|roepen riep riepen roepen
ruiken rook roken roken|scheiden scheidde scheidden scheiden|schelden schold scholden scholden|schenden schond schonden schonden
schenken schonk schonken schonken|scheppen schiep schiepen schapen|schieten schoot schoten schoten|schijnen scheen schenen schenen
schrijden schreed schreden schreden|schrijven schreef schreven schreven|schrikken schrok schrokken schrokken|schuiven schoof schoven schoven
slaan sloeg sloegen slagen|slapen sliep sliepen slapen|slijpen sleep slepen slepen|sluiten sloot sloten sloten
smelten smolt smolten smolten|smijten smeet smeten smeten|snijden sneed sneden sneden|spijten speet speten speten
spreken sprak spraken sproken|springen sprong sprongen sprongen|staan stond stonden staan|steken stak staken stoken
stelen stal stalen stolen|sterven stierf stierven storven|stijgen steeg stegen stegen|strijden streed streden streden
strijken streek streken streken|treden trad traden treden|treffen trof troffen troffen|trekken trok trokken trokken
vallen viel vielen vallen|vangen ving vingen vangen|varen voer voeren varen|vechten vocht vochten vochten
verdwijnen verdween verdwenen verdwenen|vergeten vergat vergaten vergeten|verliezen verloor verloren verloren|vinden vond vonden vonden
vliegen vloog vlogen vlogen|vragen vroeg vroegen vraagd|vriezen vroor vroren vroren|wassen waste wasten wassen
wegen woog wogen wogen|werpen wierp wierpen worpen|werven wierf wierven worven|weten wist wisten weten
wijken week weken weken|wijten weet weten weten|wijzen wees wezen wezen|willen wilde wilden wild
winden wond wonden wonden|winnen won wonnen wonnen|worden werd werden worden|zeggen zei zeiden zegd
zenden zond zonden zonden|zien zag zagen zien|zingen zong zongen zongen|zinken zonk zonken zonken
zitten zat zaten zeten|zoeken zocht zochten zocht|zouten zoutte zoutten zouten|zuigen zoog zogen zogen
zullen zou zouden zuld|zwemmen zwom zwommen zwommen|zweren zwoer zwoeren zworen|zwijgen zweeg zwegen zwegen
`;

/** Irregular present forms that the weak rules cannot derive: `form infinitive`. */
export const IRREGULAR_PRESENT = `heeft hebben|kan kunnen|kunt kunnen|mag mogen|wil willen|zal zullen|zult zullen|gaat gaan|staat staan|slaat slaan|doet doen|ziet zien`;
