/** Readable, URL-safe document ids derived from a file name or a record id. */

/** `2025-03-03 Verslag (informeel).pdf` → `2025-03-03-verslag-informeel`. */
export function slugify(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.(pdf|docx?|html?|xml|txt|md|ndjson|jsonl)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/, '');
}
