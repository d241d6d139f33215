// Small letters of their own for benchmarks of writes: new content each, so every import stores, indexes and structures it.

/** The words the letters are made of (a search for two of them matches many letters). */
export const LETTER_WORDS = 'kabinet minister brief toezegging motie begroting informatie verslag overleg raad commissie digitale veiligheid'.split(' ');

/** A source of letters numbered from 0: each call gives the next, with a body no other has. */
export function smallLetters(): () => { source: string; fileName: string; bytes: Uint8Array } {
  let serial = 0;
  return () => {
    const n = serial++;
    const body = Array.from({ length: 120 }, (_, i) => LETTER_WORDS[(n * 7 + i * 13) % LETTER_WORDS.length]).join(' ');
    return { source: `bench:${n}`, fileName: `brief-${n}.txt`, bytes: new TextEncoder().encode(`Brief ${n}\n\nGeachte voorzitter, ${body} (${n}).`) };
  };
}
