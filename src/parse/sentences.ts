// Sentence splitting for Dutch official prose, aware of abbreviations and initials.

const ABBREVIATIONS = new Set([
  'd.d', 'o.a', 'bijv', 'bv', 'nr', 'nrs', 'jl', 'a.s', 'e.d', 'm.b.t', 't.a.v', 'i.v.m', 'z.s.m', 'ca', 'resp', 'art', 'blz',
  'mr', 'dr', 'prof', 'drs', 'ir', 'ing', 'mw', 'dhr', 'vs', 'e.a', 'c.s', 'st', 'incl', 'excl', 'max', 'min', 'evt', 'etc',
  'p', 'pag', 'zgn', 'z.g.a', 'i.p.v', 'm.i.v', 'n.a.v', 't.b.v', 'o.b.v', 'm.n', 'd.w.z', 'b.v', 'e.v', 'jr', 'aanh', 'vgl', 'zie',
  'doc', 'lid', 'par', 'hfst', 'red', 'vert', 'no', 'ed', 'vol', 'afd', 'dir', 'cf', 'al', 'okt', 'nov', 'dec', 'jan', 'feb', 'mrt', 'apr', 'aug', 'sep', 'sept',
]);

/** Splits text into sentences; a full stop after an abbreviation or initial does not end one. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // One punctuation mark at a time (the last of a run matches): "[.!?]+" before a failing lookahead
  // would retry every suffix of a long run of dots.
  const re = /[.!?]["'”’)]{0,3}(?=\s+[\p{Lu}„"‘(\d•-])|\n\n/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    if (m[0].startsWith('.')) {
      const before = text.slice(Math.max(start, (m.index ?? 0) - 12), m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
