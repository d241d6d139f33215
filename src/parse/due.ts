// Deadlines of commitments: find the deadline as written and resolve it against the document's date (never the clock).
import { MONTH_SRC, addDays, daysInMonth, isoDate, monthNumber, splitIso, weekday } from './dates.js';

/**
 * First day of the Tweede Kamer summer recess (the Friday it starts), by year, from the Kamer's
 * published recess schedules. Years not listed fall back to `summerRecessRule`.
 */
const SUMMER_RECESS: Record<number, string> = {
  2017: '2017-07-07',
  2018: '2018-07-06',
  2019: '2019-07-05',
  2020: '2020-07-03',
  2021: '2021-07-09',
  2022: '2022-07-08',
  2023: '2023-07-07',
  2024: '2024-07-05',
  2025: '2025-07-04',
  2026: '2026-07-03',
};

/** Fallback: the recess starts on the first Friday on or after 3 July (true of every listed year). */
function summerRecessRule(y: number): string {
  let d = 3;
  while (weekday(y, 7, d) !== 5) d++;
  return isoDate(y, 7, d) ?? `${y}-07-03`;
}

/** Start of the summer recess in year y. */
export function summerRecessStart(y: number): string {
  return SUMMER_RECESS[y] ?? summerRecessRule(y);
}

/** Christmas recess: starts on the last Friday on or before 23 December (2022: 23rd, 2023: 22nd, 2024: 20th, 2025: 19th). */
export function christmasRecessStart(y: number): string {
  let d = 23;
  while (weekday(y, 12, d) !== 5) d--;
  return isoDate(y, 12, d) ?? `${y}-12-19`;
}

/** Autumn recess: starts on the Friday of ISO week 42 (2024: 18 October, 2025: 17 October). */
export function autumnRecessStart(y: number): string {
  // ISO week 1 contains 4 January; its Monday plus 41 weeks and 4 days is the Friday of week 42.
  const jan4 = weekday(y, 1, 4);
  const mondayWeek1 = addDays(isoDate(y, 1, 4) ?? `${y}-01-04`, -((jan4 + 6) % 7));
  return addDays(mondayWeek1, 41 * 7 + 4);
}

// Seasons end on their astronomical end (about the 20th-22nd): "in het voorjaar" means by 20 June,
// "in het najaar" by 20 December, "in de zomer" by 22 September. These are the latest dates the
// words allow, which is what dueDate promises.
const SEASON_END: Record<string, [number, number]> = {
  voorjaar: [6, 20],
  lente: [6, 20],
  zomer: [9, 22],
  najaar: [12, 20],
  herfst: [12, 20],
};
const QUARTER_END: Record<string, [number, number]> = { eerste: [3, 31], tweede: [6, 30], derde: [9, 30], vierde: [12, 31] };

const YEAR_SRC = '(?:\\s(?:van\\s)?(\\d{4}))?';
const DUE_PATTERNS: Array<{ re: RegExp; resolve: (m: RegExpExecArray, ref: Ref | null) => string | null }> = [
  {
    re: /\b(?:(?:uiterlijk|ruim|nog)\s)?(?:vóór|voor)\s(?:het|de)\s(zomerreces|zomerperiode|kerstreces|herfstreces)(?:\s(?:van\s)?(\d{4}))?/i,
    resolve: (m, ref) => {
      const kind = (m[1] ?? '').toLowerCase();
      const year = m[2] ? Number(m[2]) : null;
      const start = kind === 'kerstreces' ? christmasRecessStart : kind === 'herfstreces' ? autumnRecessStart : summerRecessStart;
      return nextOccurrence(ref, year, start);
    },
  },
  {
    // "voor de zomer", "voor deze zomer", "voor de zomer van 2025": before the summer recess.
    re: /\b(?:(?:uiterlijk|nog)\s)?(?:vóór|voor)\s(?:de|deze|komende)\szomer(?:\s(?:van\s)?(\d{4}))?/i,
    resolve: (m, ref) => nextOccurrence(ref, m[1] ? Number(m[1]) : null, summerRecessStart),
  },
  {
    re: /\b(?:later\s(?:dit|in\sdit)\sjaar|(?:vóór|voor|tegen)\s(?:het\s)?eind(?:e)?\s(?:van\s)?(?:dit|het)\sjaar|(?:aan\s)?het\seind(?:e)?\svan\s(?:dit|het)\sjaar|eind\sdit\sjaar|in\sde\sloop\svan\sdit\sjaar|nog\sdit\sjaar|dit\skalenderjaar)\b/i,
    resolve: (_m, ref) => (ref ? isoDate(ref.y, 12, 31) : null),
  },
  {
    re: /\b(?:(?:vóór|voor|tegen)\s)?(?:(?:het\s)?eind(?:e)?|uiterlijk\seind|in\sde\sloop\svan)\s(?:van\s)?(\d{4})\b/i,
    resolve: (m) => isoDate(Number(m[1]), 12, 31),
  },
  {
    re: /\b(?:begin|het\sbegin\svan|in\shet\sbegin\svan)\svolgend\sjaar\b/i,
    resolve: (_m, ref) => (ref ? isoDate(ref.y + 1, 3, 31) : null),
  },
  {
    re: /\b(?:in\sde\sloop\svan\s|eind\s)?volgend\sjaar\b/i,
    resolve: (_m, ref) => (ref ? isoDate(ref.y + 1, 12, 31) : null),
  },
  {
    re: new RegExp(`\\b(?:in\\shet|dit|komend|komende|het\\skomende|in\\sde|deze)\\s(voorjaar|najaar|zomer|lente|herfst)${YEAR_SRC}\\b`, 'i'),
    resolve: (m, ref) => {
      const season = SEASON_END[(m[1] ?? '').toLowerCase()];
      if (!season) return null;
      if (m[2]) return isoDate(Number(m[2]), season[0], season[1]);
      if (!ref) return null;
      const thisYear = isoDate(ref.y, season[0], season[1]);
      return thisYear && thisYear >= ref.iso ? thisYear : isoDate(ref.y + 1, season[0], season[1]);
    },
  },
  {
    re: new RegExp(`\\b(?:in\\s)?het\\s(eerste|tweede|derde|vierde)\\skwartaal${YEAR_SRC}\\b`, 'i'),
    resolve: (m, ref) => {
      const q = QUARTER_END[(m[1] ?? '').toLowerCase()];
      if (!q) return null;
      const y = m[2] ? Number(m[2]) : ref?.y;
      return y ? isoDate(y, q[0], q[1]) : null;
    },
  },
  {
    re: /\b(?:in\s)?(?:de\s)?(eerste|tweede)\shelft\svan\s(?:(\d{4})|dit\sjaar|volgend\sjaar)\b/i,
    resolve: (m, ref) => {
      const y = m[2] ? Number(m[2]) : ref ? (/volgend/i.test(m[0]) ? ref.y + 1 : ref.y) : null;
      if (!y) return null;
      return (m[1] ?? '').toLowerCase() === 'eerste' ? isoDate(y, 6, 30) : isoDate(y, 12, 31);
    },
  },
  {
    // "uiterlijk 1 juni", "voor 1 juli 2025", "vóór 15 maart"
    re: new RegExp(`\\b(?:uiterlijk(?:\\sop)?|vóór|voor|tegen)\\s(\\d{1,2})\\s(${MONTH_SRC})(?:\\s(\\d{4}))?\\b`, 'i'),
    resolve: (m, ref) => {
      const month = monthNumber(m[2] ?? '');
      if (!month) return null;
      const day = Number(m[1]);
      if (m[3]) return isoDate(Number(m[3]), month, day);
      return nextOccurrence(ref, null, (y) => isoDate(y, month, day) ?? `${y}-12-31`);
    },
  },
  {
    // "(begin|medio|eind) maart (2025)", "in maart 2025", "in de maand juni"
    re: new RegExp(`\\b(begin|medio|half|eind|in|voor|vóór|uiterlijk|in\\sde\\smaand)\\s(${MONTH_SRC})(?:\\s(\\d{4}))?\\b`, 'i'),
    resolve: (m, ref) => {
      const month = monthNumber(m[2] ?? '');
      if (!month) return null;
      const when = (m[1] ?? '').toLowerCase();
      const day = (y: number): number =>
        when === 'begin' ? 10 : when === 'medio' || when === 'half' ? 20 : when === 'voor' || when === 'vóór' ? 1 : daysInMonth(y, month);
      if (m[3]) return isoDate(Number(m[3]), month, day(Number(m[3])));
      return nextOccurrence(ref, null, (y) => isoDate(y, month, day(y)) ?? `${y}-12-31`);
    },
  },
  {
    re: new RegExp(`\\b(?:van|met\\sde\\s\\S{1,30}\\svan)\\s(${MONTH_SRC})\\s(\\d{4})\\b`, 'i'),
    resolve: (m) => {
      const month = monthNumber(m[1] ?? '');
      const y = Number(m[2]);
      return month ? isoDate(y, month, daysInMonth(y, month)) : null;
    },
  },
  {
    // "voor de Europese Raad van maart", "voor de Telecomraad van juni 2026": the end of that month.
    re: new RegExp(`\\bvoor\\sde\\s[^,.;]{2,40}?\\svan\\s(${MONTH_SRC})(?:\\s(\\d{4}))?\\b`, 'i'),
    resolve: (m, ref) => {
      const month = monthNumber(m[1] ?? '');
      if (!month) return null;
      if (m[2]) return isoDate(Number(m[2]), month, daysInMonth(Number(m[2]), month));
      return nextOccurrence(ref, null, (y) => isoDate(y, month, daysInMonth(y, month)) ?? `${y}-12-31`);
    },
  },
  {
    re: /\b(?:medio|half)\s(\d{4})\b/i,
    resolve: (m) => isoDate(Number(m[1]), 6, 30),
  },
  {
    re: /\bbinnen\s(een|één|twee|drie|vier|vijf|zes|acht|tien|twaalf|\d{1,2})\s(week|weken|maand|maanden)\b/i,
    resolve: (m, ref) => {
      if (!ref) return null;
      const words: Record<string, number> = { een: 1, 'één': 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, acht: 8, tien: 10, twaalf: 12 };
      const n = words[(m[1] ?? '').toLowerCase()] ?? Number(m[1]);
      return /^weken?$/i.test(m[2] ?? '') ? addDays(ref.iso, 7 * n) : addMonths(ref, n);
    },
  },
  {
    re: /\b(?:in|vóór|voor|uiterlijk\sin)\s((?:19|20)\d{2})\b(?!\s?[/-]\d)/i,
    resolve: (m) => isoDate(Number(m[1]), 12, 31),
  },
  {
    // Vague deadlines: kept as written, no date.
    re: /\b(?:op\s(?:zo\s)?korte\stermijn|binnenkort|zo\sspoedig\smogelijk|zo\sspoedig|zo\ssnel\smogelijk|spoedig|z\.s\.m\.|na\sde\szomer(?:reces)?|in\sde\skomende\s(?:periode|maanden|weken)|te\szijner\stijd|t\.z\.t\.|zodra\s[^,.;]{3,120}|na\safronding\s(?:van\s)?[^,.;]{3,80}|voor\sde\sbegrotingsbehandeling|voorafgaand\saan\s[^,.;]{3,80})/i,
    resolve: () => null,
  },
];

interface Ref {
  iso: string;
  y: number;
  m: number;
  d: number;
}

function addMonths(ref: Ref, n: number): string | null {
  const total = ref.m - 1 + n;
  const y = ref.y + Math.floor(total / 12);
  const m = (total % 12) + 1;
  return isoDate(y, m, Math.min(ref.d, daysInMonth(y, m)));
}

/** The event's date in the given year, or in the first year where it falls on or after the reference date. */
function nextOccurrence(ref: Ref | null, year: number | null, dateIn: (y: number) => string): string | null {
  if (year !== null) return dateIn(year);
  if (!ref) return null;
  const thisYear = dateIn(ref.y);
  return thisYear >= ref.iso ? thisYear : dateIn(ref.y + 1);
}

export interface Due {
  due: string;
  dueDate: string | null;
  index: number;
}

/** The first deadline written in a sentence, resolved against the document's date; null if none. */
export function findDue(sentence: string, docDate: string | null): Due | null {
  const p = splitIso(docDate);
  const ref: Ref | null = p && docDate ? { iso: docDate, ...p } : null;
  let best: Due | null = null;
  for (const { re, resolve } of DUE_PATTERNS) {
    const m = re.exec(sentence);
    if (!m) continue;
    if (best && (m.index ?? 0) >= best.index) continue;
    best = { due: m[0].trim().replace(/\s+/g, ' ').replace(/[,;]$/, ''), dueDate: resolve(m, ref), index: m.index ?? 0 };
  }
  return best;
}
