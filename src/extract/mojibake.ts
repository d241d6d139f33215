// Double-encoded UTF-8: text that was UTF-8, read as Latin-1 and saved as UTF-8 again
// ("KrÃ¶ger", "cliÃ«nten", "â\u0080\u0094" for "—"), as saved copies of officielebekendmakingen
// often are.

/** A lead byte of a 2-4 byte UTF-8 sequence (as a Latin-1 character) and its continuation bytes. */
const SEQUENCE_RE = /[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g;
const CUE_RE = /[\u00c2-\u00f4][\u0080-\u00bf]/;

/**
 * Repairs double-encoded UTF-8: each sequence of characters that, taken as Latin-1 bytes,
 * is one valid UTF-8 character is decoded again. Text without such sequences is returned as
 * it is; a sequence that is not valid UTF-8 is kept.
 */
export function repairDoubleEncoding(text: string): string {
  if (!CUE_RE.test(text)) return text;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return text.replace(SEQUENCE_RE, (run) => {
    try {
      return decoder.decode(Uint8Array.from(run, (c) => c.charCodeAt(0)));
    } catch {
      return run;
    }
  });
}

/** Whether text still looks double-encoded (for warnings). */
export function looksDoubleEncoded(text: string): boolean {
  return CUE_RE.test(text);
}
