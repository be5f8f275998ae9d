import { describe, expect, it } from 'vitest';
import { sortRows, byDay, reviewActions, historyDay, localDay, addDays } from './desk';
import type { CaseloadRow } from './bindings/CaseloadRow';
import type { DeskEntry } from './bindings/DeskEntry';

const row = (name: string, open: number, overdue: number, heard: string | null = null): CaseloadRow => ({
  member_id: name ? name.toLowerCase() : null,
  name,
  role: 'volunteer',
  removed: false,
  open_matters: open,
  hearings_14d: 0,
  overdue,
  due_7d: 0,
  stale_30d: 0,
  stale_60d: 0,
  stale_90d: 0,
  conflicts: 0,
  possible_duplicates: 0,
  last_heard: heard,
});

describe('the caseload board', () => {
  const rows = [row('Vera', 3, 2, '2026-11-20T10:00:00Z'), row('Ana', 5, 0), row('Beto', 3, 1, '2026-11-24T10:00:00Z')];
  it('sorts numbers biggest first, and ascending on a second click', () => {
    expect(sortRows(rows, 'open_matters', false).map((r) => r.name)).toEqual(['Ana', 'Vera', 'Beto']);
    expect(sortRows(rows, 'open_matters', true).map((r) => r.name)).toEqual(['Vera', 'Beto', 'Ana']);
  });
  it('sorts names alphabetically and never-synced members first when ascending', () => {
    expect(sortRows(rows, 'name', true).map((r) => r.name)).toEqual(['Ana', 'Beto', 'Vera']);
    expect(sortRows(rows, 'last_heard', true).map((r) => r.name)).toEqual(['Ana', 'Vera', 'Beto']);
  });
});

describe('the clinic calendar', () => {
  const e = (when: string, id: number) => ({ when, id }) as DeskEntry;
  it('groups entries by day, in order', () => {
    const days = byDay([e('2027-03-10 09:00:00', 1), e('2027-02-01', 2), e('2027-03-10', 3)]);
    expect(days.map(([d, es]) => [d, es.map((x) => x.id)])).toEqual([
      ['2027-02-01', [2]],
      ['2027-03-10', [1, 3]],
    ]);
  });
  it('counts days in local time across month ends', () => {
    expect(addDays('2027-01-30', 3)).toBe('2027-02-02');
    expect(localDay(new Date(2026, 10, 25, 23, 30))).toBe('2026-11-25');
  });
});

describe('review steps', () => {
  const me = { member_id: 'carla', reviewer: true, role: 'coordinator' as const };
  const vol = { member_id: 'vera', reviewer: false, role: 'volunteer' as const };
  it('offers asking on a draft and again after changes, deciding only to another reviewer', () => {
    expect(reviewActions({ status: 'draft', review_status: 'none', review_requested_by: null }, vol)).toEqual({ ask: true, decide: false });
    expect(reviewActions({ status: 'draft', review_status: 'requested', review_requested_by: 'vera' }, me)).toEqual({ ask: false, decide: true });
    expect(reviewActions({ status: 'draft', review_status: 'requested', review_requested_by: 'carla' }, me)).toEqual({ ask: false, decide: false });
    expect(reviewActions({ status: 'draft', review_status: 'changes_requested', review_requested_by: 'vera' }, vol).ask).toBe(true);
  });
  it('lets a reviewer take an approval back before filing', () => {
    expect(reviewActions({ status: 'draft', review_status: 'approved', review_requested_by: 'vera' }, me).decide).toBe(true);
  });
  it('offers nothing once filed or outside a clinic', () => {
    expect(reviewActions({ status: 'filed', review_status: 'approved', review_requested_by: 'vera' }, me)).toEqual({ ask: false, decide: false });
    expect(reviewActions({ status: 'draft', review_status: 'none', review_requested_by: null }, null)).toEqual({ ask: false, decide: false });
  });
  it('dates a hand-off by its own date when given', () => {
    expect(historyDay('2026-11-02', '2026-11-25T15:00:00Z')).toBe('2026-11-02');
    expect(historyDay(null, '2026-11-25T15:00:00Z')).toBe('2026-11-25');
  });
});
