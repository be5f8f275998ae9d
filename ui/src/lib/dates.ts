// Dates the way people type them, read into the ISO form Rust stores ("2026-11-25").
// Plain arithmetic on year, month and day, never a Date: a Date carries a time and a time
// zone, and late in the evening west of Greenwich its UTC form is already tomorrow.
import type { Lang } from './i18n.svelte';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
// Sunday first, as dayOfWeek counts.
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

/** Lower case without accents, so "Miércoles" and "miercoles" are the same word. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// Names and the short forms people write ("Nov", "sept", "setiembre"), both languages at
// once: a Spanish speaker copying an English notice types "Nov 25, 2026" in either setting.
const MONTH_WORDS = new Map<string, number>();
MONTHS_EN.forEach((m, i) => {
  MONTH_WORDS.set(fold(m), i + 1);
  MONTH_WORDS.set(fold(m.slice(0, 3)), i + 1);
});
MONTHS_ES.forEach((m, i) => {
  MONTH_WORDS.set(m, i + 1);
  MONTH_WORDS.set(m.slice(0, 3), i + 1);
});
MONTH_WORDS.set('sept', 9);
MONTH_WORDS.set('setiembre', 9);
MONTH_WORDS.set('set', 9);

const WEEKDAY_WORDS = new Map<string, number>();
[WEEKDAYS_EN, WEEKDAYS_ES].forEach((names) =>
  names.forEach((d, i) => {
    WEEKDAY_WORDS.set(fold(d), i);
    WEEKDAY_WORDS.set(fold(d).slice(0, 3), i);
  }),
);

// Words that only join the parts: "25 de noviembre de 2026", "the 25th of November".
const FILLER = new Set(['de', 'del', 'of', 'the']);

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** 0 for Sunday to 6 for Saturday (Sakamoto's method). */
function dayOfWeek(y: number, m: number, d: number): number {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const yy = m < 3 ? y - 1 : y;
  return (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[m - 1] + d) % 7;
}

function iso(y: number, m: number, d: number): string | null {
  // Four-digit years only: "26" could be 1926 or 2026, and for a date of birth both are possible.
  if (!Number.isInteger(y) || y < 1000 || y > 9999) return null;
  if (!Number.isInteger(m) || m < 1 || m > 12) return null;
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "25th", "1st" or "25" as a day number; NaN for anything else. */
function dayNumber(token: string): number {
  const m = /^(\d{1,2})(st|nd|rd|th|o|º)?$/.exec(token);
  return m ? Number(m[1]) : NaN;
}

function fromWords(text: string): string | null {
  const tokens = fold(text).split(/[\s,./-]+/).filter((w) => w && !FILLER.has(w));
  // A weekday in front ("Wednesday, November 25, 2026") is fine if it is the right one.
  let weekday: number | undefined;
  if (tokens.length === 4 && WEEKDAY_WORDS.has(tokens[0])) weekday = WEEKDAY_WORDS.get(tokens.shift()!);
  if (tokens.length !== 3) return null;
  const monthAt = tokens.findIndex((w) => MONTH_WORDS.has(w));
  if (monthAt === -1) return null;
  const month = MONTH_WORDS.get(tokens[monthAt])!;
  // "Nov 25 2026" or "25 nov 2026": the month first or second, the year always last.
  if (monthAt === 2 || !/^\d{4}$/.test(tokens[2])) return null;
  const day = dayNumber(tokens[1 - monthAt]);
  const year = Number(tokens[2]);
  const found = iso(year, month, day);
  if (found && weekday !== undefined && dayOfWeek(year, month, day) !== weekday) return null;
  return found;
}

/**
 * The ISO date ("2026-11-25") for a date as typed, or null when it cannot be read for sure.
 * English reads numbers month first (11/25/2026), Spanish day first (25/11/2026); ISO and
 * dates with the month's name ("Nov 25, 2026", "25 de noviembre de 2026") read the same in
 * both. Two-digit years and impossible dates (February 30, month 13) give null.
 */
export function parseTypedDate(text: string, lang: Lang): string | null {
  const s = text.trim();
  if (!s) return null;
  // The same separator twice, so "11/25-2026" is not taken for a date by accident.
  const ymd = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (ymd) return iso(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]));
  const numeric = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(s);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    return lang === 'es' ? iso(year, second, first) : iso(year, first, second);
  }
  return fromWords(s);
}

/** "Wednesday, November 25, 2026" or "miércoles, 25 de noviembre de 2026", from ISO. */
export function dateInWords(isoDate: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.slice(0, 10));
  if (!m) return isoDate;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!iso(y, mo, d)) return isoDate;
  const wd = dayOfWeek(y, mo, d);
  return lang === 'es'
    ? `${WEEKDAYS_ES[wd]}, ${d} de ${MONTHS_ES[mo - 1]} de ${y}`
    : `${WEEKDAYS_EN[wd]}, ${MONTHS_EN[mo - 1]} ${d}, ${y}`;
}
