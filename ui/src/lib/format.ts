// Dates as people read them, in the user's language; the data itself stays ISO.
import { tx, type Lang } from './i18n.svelte';
import type { Deadline } from './bindings/Deadline';

/** "Mon 15 Mar 2027" style, from "2027-03-15"; `weekday: false` for dates of birth, where
 * the day of the week means nothing. */
export function formatDate(iso: string | null | undefined, lang: Lang, opts: { weekday?: boolean } = {}): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', {
    weekday: opts.weekday === false ? undefined : 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The time of "2027-03-15T09:30:00" or "2027-03-15 09:30:00": "09:30" as stored, or as
 * each language reads a clock when `lang` is given ("9:30 AM" in English, "09:30" in
 * Spanish). Written out by hand so every computer shows the same thing. */
export function formatTime(iso: string, lang?: Lang): string {
  const hhmm = iso.slice(11, 16);
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (lang !== 'en' || !m) return hhmm;
  const h = Number(m[1]);
  return `${h % 12 || 12}:${m[2]} ${h < 12 ? 'AM' : 'PM'}`;
}

/** An A-number as printed on notices: A123-456-789. */
export function formatANumber(digits: string | null | undefined): string {
  if (!digits || digits.length !== 9) return digits ?? '';
  return `A${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Comma-separated words, trimmed, empty ones dropped. */
export function commaList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A form field's text, or null when it is blank (how Rust's inputs say "not given"). */
export function orNull(text: string): string | null {
  return text.trim() ? text : null;
}

/** A deadline's title, in the user's language when Amparo wrote it. */
export function deadlineTitle(d: Pick<Deadline, 'title' | 'known_title'>): string {
  return d.known_title ? tx(d.known_title) : d.title;
}

/** "1.4 MB" style sizes (decimal units, as file managers show them). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return i === 0 ? `${n} ${units[0]}` : `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** Whole days from an RFC 3339 instant to `now` (0 on the same day or for the future). */
export function daysSince(instant: string, now: Date = new Date()): number {
  const then = Date.parse(instant);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 86_400_000));
}

/** An RFC 3339 instant as the user's own clock shows it: "Dec 6, 2026, 3:47 AM". */
export function formatInstant(instant: string, lang: Lang): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  return t.toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Whole dollars as written in the U.S. in both languages: "$7,500". */
export function formatDollars(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return `$${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}
