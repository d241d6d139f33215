/** Times as people in the Netherlands read them: Dutch words, Amsterdam's clock. */

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026-12-02T01:15:00.146Z` → `2 december 2026 om 02:15`; the input itself when unreadable. */
export function formatDateTime(iso: string | null | undefined, none = 'nooit'): string {
  if (!iso) return none;
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : DATE_TIME.format(t);
}

/** Hours as words: `40 minuten`, `5 uur`, `3 dagen`. */
export function durationText(hours: number): string {
  if (hours < 1) {
    const m = Math.max(1, Math.round(hours * 60));
    return `${m} ${m === 1 ? 'minuut' : 'minuten'}`;
  }
  if (hours < 48) {
    const h = Math.round(hours);
    return `${h} uur`;
  }
  const d = Math.round(hours / 24);
  return `${d} dagen`;
}
