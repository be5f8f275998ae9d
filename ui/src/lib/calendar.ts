// Date arithmetic for the calendar (a month, a week, the agenda), in local time, weeks
// starting on Monday, and what each day holds.
import type { CalendarRange } from './bindings/CalendarRange';

/** "2026-11-24" for a local date. */
export function isoDay(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

/** The weeks (Monday to Sunday) that cover the month of `first`. */
export function monthGrid(first: Date): Date[][] {
  const start = new Date(first.getFullYear(), first.getMonth(), 1);
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  const weeks: Date[][] = [];
  const cursor = new Date(start);
  do {
    const week: Date[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(new Date(cursor));
      cursor.setDate(cursor.getDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getMonth() === first.getMonth());
  return weeks;
}

/** "November 2026" / "noviembre de 2026". */
export function monthTitle(first: Date, lang: 'en' | 'es'): string {
  return first.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { month: 'long', year: 'numeric' });
}

/** The local date of "2026-11-26". */
export function fromIsoDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** `d` moved by `n` days (local time, so a change of daylight-saving time is no matter). */
export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}

/** The Monday of the week of `d`. */
export function mondayOf(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7));
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let d = new Date(from.getFullYear(), from.getMonth(), from.getDate()); d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The span of the agenda that starts on `from`: three months, less a day. */
export function agendaEnd(from: Date): Date {
  return new Date(from.getFullYear(), from.getMonth() + 3, from.getDate() - 1);
}

/** What the calendar shows on one day ("2026-11-26"). `more` is how many hearings and
 * deadlines the core left out of that day, or null when it left none out. */
export function dayItems(range: CalendarRange | null, day: string) {
  const items = {
    holidays: range?.holidays.filter((h) => h.date === day) ?? [],
    hearings: range?.hearings.filter((h) => h.starts_at.slice(0, 10) === day) ?? [],
    appointments: range?.appointments.filter((a) => a.starts_at.slice(0, 10) === day) ?? [],
    deadlines: range?.deadlines.filter((d) => d.due_on === day) ?? [],
  };
  const totals = range?.more.find((m) => m.date === day);
  const more = totals ? Math.max(0, totals.hearings + totals.deadlines - items.hearings.length - items.deadlines.length) : null;
  return { ...items, more };
}
export type DayItems = ReturnType<typeof dayItems>;

/** Whether a day has anything to show, a holiday or a note of what was left out included. */
export const hasItems = (it: DayItems) =>
  it.holidays.length + it.hearings.length + it.appointments.length + it.deadlines.length > 0 || it.more !== null;
