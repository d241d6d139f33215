// Case and diacritic folding of one word to the ASCII alphabet of index terms ([a-z0-9]).

/** Letters that Unicode compatibility decomposition (NFKD) leaves alone but that have an obvious ASCII spelling. */
const SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ĸ: 'k', ŉ: 'n',
};

const ASCII_TERM = /^[a-z0-9]+$/;
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;
const MARKS = /\p{M}/gu;

/**
 * Fold a surface word to ASCII `[a-z0-9]*`: lower case, diacritics removed (`Oekraïne` →
 * `oekraine`), compatibility forms expanded (`ĳ` → `ij`, `ﬁ` → `fi`, `CO₂` → `co2`).
 * Characters without a Latin spelling (Greek, Cyrillic, …) become `u` + 4–6 hex digits of
 * their code point, so such words stay findable while terms stay ASCII (the index's FTS
 * tokenizer must never split a term again). Anything else (punctuation) is dropped, so the
 * result may be empty for input that the tokenizer would not produce.
 */
export function foldWord(surface: string): string {
  // Fast paths: the overwhelming majority of Dutch tokens are plain ASCII.
  if (ASCII_TERM.test(surface)) return surface;
  if (ASCII_ALNUM.test(surface)) return surface.toLowerCase();
  const decomposed = surface.normalize('NFKD').replace(MARKS, '');
  let out = '';
  for (const ch of decomposed) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) out += ch;
      else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
      continue;
    }
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    if (/[\p{L}\p{N}]/u.test(ch)) {
      // Lower-case first so that `Ω` and `ω` fold alike.
      const lower = ch.toLowerCase().codePointAt(0) ?? c;
      out += 'u' + lower.toString(16).padStart(4, '0');
    }
  }
  return out;
}
