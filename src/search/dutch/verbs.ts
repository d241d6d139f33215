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

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const VOICELESS = new Set(['t', 'k', 'f', 's', 'p', 'x']);

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.has(c);
}

/** Infinitives a verb stem could belong to (unvalidated), most likely first. */
export function stemToInfinitives(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  if (n < 2) return out;
  const last = s[n - 1] as string;
  const prev = s[n - 2];
  const prev2 = s[n - 3];
  if (isVowel(last)) {
    out.push(s + 'n'); // doe → doen, zie → zien, gaa → gaan
    if (last === 'a' && !isVowel(prev)) out.push(s + 'an'); // ga → gaan
    return out;
  }
  const voiced = last === 'f' ? 'v' : last === 's' ? 'z' : last;
  if (isVowel(prev) && prev === prev2) {
    // informeer → informeren, leef → leven, lees → lezen
    const base = s.slice(0, -2);
    out.push(base + last + 'en');
    if (voiced !== last) out.push(base + voiced + 'en');
  } else if (isVowel(prev) && !isVowel(prev2) && last !== 'w' && last !== 'j') {
    // A single vowel in a closed syllable is short, so the consonant doubles: stel → stellen
    // (tried before `stelen`, which has a long vowel and belongs to the stem `steel`).
    out.push(s + last + 'en');
  }
  out.push(s + 'en'); // werk → werken, reken → rekenen, beveilig → beveiligen
  if (voiced !== last) out.push(s.slice(0, -1) + voiced + 'en'); // reis → reizen, verf → verven
  return out;
}

/** The consonant before `-en` in an infinitive: decides -de/-te and -d/-t ('t kofschip). */
function isVoicelessVerb(inf: string): boolean {
  const stem = inf.slice(0, -2);
  const c = stem[stem.length - 1];
  if (c === undefined) return false;
  if (stem.endsWith('ch')) return true;
  return VOICELESS.has(c);
}

type Voicing = 'voiced' | 'voiceless' | 'any';

function fits(inf: string, voicing: Voicing): boolean {
  if (voicing === 'any') return true;
  return isVoicelessVerb(inf) === (voicing === 'voiceless');
}

/**
 * The infinitive of a (weak, or regular-present) verb form, or null when none of the
 * candidates is a known infinitive. `w` is folded.
 */
export function weakVerbLemma(w: string, isInfinitive: (s: string) => boolean): string | null {
  const n = w.length;
  if (n < 3) return null;
  if (w.endsWith('en') && isInfinitive(w)) return w;

  const tryStem = (stem: string, voicing: Voicing): string | null => {
    for (const inf of stemToInfinitives(stem)) {
      if (isInfinitive(inf) && fits(inf, voicing)) return inf;
    }
    return null;
  };
  const tryParticipleCore = (core: string): string | null => {
    // core = participle without ge- (and without adjectival -e): `informeerd`, `werkt`, `praat`
    const last = core[core.length - 1];
    if (last === 'd' || last === 't') {
      const r = tryStem(core.slice(0, -1), last === 'd' ? 'voiced' : 'voiceless');
      if (r !== null) return r;
    }
    return last === 'd' || last === 't' ? tryStem(core, 'any') : null;
  };

  let r: string | null;
  // present participle: informerend(e) → informeren
  if (w.endsWith('end') && isInfinitive(w.slice(0, -1))) return w.slice(0, -1);
  if (w.endsWith('ende') && isInfinitive(w.slice(0, -2))) return w.slice(0, -2);
  // stem form and 2nd/3rd person
  if ((r = tryStem(w, 'any')) !== null) return r;
  if (w.endsWith('t') && (r = tryStem(w.slice(0, -1), 'any')) !== null) return r;
  // past tense
  if (w.endsWith('de') && (r = tryStem(w.slice(0, -2), 'voiced')) !== null) return r;
  if (w.endsWith('den') && (r = tryStem(w.slice(0, -3), 'voiced')) !== null) return r;
  if (w.endsWith('te') && (r = tryStem(w.slice(0, -2), 'voiceless')) !== null) return r;
  if (w.endsWith('ten') && (r = tryStem(w.slice(0, -3), 'voiceless')) !== null) return r;
  // participle without ge- (inseparable prefix: beveiligd, vertaald), with adjectival -e
  const body = w.endsWith('e') ? w.slice(0, -1) : w;
  if ((r = tryParticipleCore(body)) !== null) return r;
  // participle with ge-, possibly after a separable prefix: geïnformeerd, vastgesteld
  for (let k = 0; k + 4 <= body.length; k++) {
    if (k === 1) continue; // a one-letter separable prefix does not exist
    if (body.charCodeAt(k) !== 103 /* g */ || body.charCodeAt(k + 1) !== 101 /* e */) continue;
    const prefix = body.slice(0, k);
    const inf = tryParticipleCore(body.slice(k + 2));
    if (inf !== null && isInfinitive(prefix + inf)) return prefix + inf;
    // the core's own infinitive may need the prefix to be known: aan+gepast → aanpassen
    for (const cand of participleInfinitives(body.slice(k + 2))) {
      if (isInfinitive(prefix + cand)) return prefix + cand;
    }
  }
  return null;
}

/** Unvalidated infinitives of a participle core (for separable verbs whose base is unknown). */
function participleInfinitives(core: string): string[] {
  const last = core[core.length - 1];
  if (last !== 'd' && last !== 't') return [];
  return [...stemToInfinitives(core.slice(0, -1)), ...stemToInfinitives(core)];
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
