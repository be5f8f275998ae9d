// Month arithmetic for the calendar, in local time, weeks starting on Monday.

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
