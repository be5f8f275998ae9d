// Pure helpers for the coordinator's desk: sorting the caseload board, grouping the
// clinic calendar by day, which review steps a member may take, a line of a case's
// history. No rules here beyond what to offer: Rust checks every step again.
import type { CaseloadRow } from './bindings/CaseloadRow';
import type { DeskEntry } from './bindings/DeskEntry';
import type { Filing } from './bindings/Filing';
import type { ClinicStatus } from './bindings/ClinicStatus';
import { isoDay } from './calendar';

export type BoardColumn =
  | 'name'
  | 'open_matters'
  | 'hearings_14d'
  | 'overdue'
  | 'due_7d'
  | 'stale_30d'
  | 'conflicts'
  | 'possible_duplicates'
  | 'last_heard';

/** The board sorted by one column; numbers biggest first unless `ascending`. Ties keep
 * the order Rust gave (most urgent first). */
export function sortRows(rows: CaseloadRow[], column: BoardColumn, ascending: boolean): CaseloadRow[] {
  const key = (r: CaseloadRow): string | number => (column === 'last_heard' ? (r.last_heard ?? '') : r[column]);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const [x, y] = [key(a.r), key(b.r)];
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (ascending ? cmp : -cmp) || a.i - b.i;
    })
    .map(({ r }) => r);
}

/** Calendar entries grouped by their day (YYYY-MM-DD), days in order. */
export function byDay(entries: DeskEntry[]): [string, DeskEntry[]][] {
  const days = new Map<string, DeskEntry[]>();
  for (const e of entries) {
    const day = e.when.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Which review steps to offer on a filing to this member. */
export function reviewActions(
  f: Pick<Filing, 'status' | 'review_status' | 'review_requested_by'>,
  me: Pick<ClinicStatus, 'member_id' | 'reviewer' | 'role'> | null,
): { ask: boolean; decide: boolean } {
  if (!me || !me.role || f.status !== 'draft') return { ask: false, decide: false };
  const ask = f.review_status === 'none' || f.review_status === 'changes_requested';
  // A reviewer may also take an approval back (by asking for changes) until it is filed.
  const decide =
    me.reviewer && (f.review_status === 'requested' || f.review_status === 'approved') && f.review_requested_by !== me.member_id;
  return { ask, decide };
}

/** A date to put in the history: the hand-off date if given, else the day it was made. */
export function historyDay(on: string | null, at: string): string {
  return on ?? at.slice(0, 10);
}

/** Today as YYYY-MM-DD in local time (never UTC: after 7 pm in the eastern U.S. the UTC
 * date is already tomorrow). */
export function localDay(d: Date = new Date()): string {
  return isoDay(d);
}

/** `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return localDay(new Date(y, m - 1, d + days));
}
