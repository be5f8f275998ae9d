import { describe, expect, it } from 'vitest';
import { addDays, agendaEnd, dayItems, daysFrom, hasItems, isoDay, mondayOf, monthGrid } from './calendar';
import type { CalendarRange } from './bindings/CalendarRange';

describe('monthGrid', () => {
  it('covers the month in Monday-to-Sunday weeks', () => {
    // November 2026 starts on a Sunday and ends on a Monday.
    const weeks = monthGrid(new Date(2026, 10, 1));
    expect(isoDay(weeks[0][0])).toBe('2026-10-26');
    expect(isoDay(weeks[0][6])).toBe('2026-11-01');
    expect(isoDay(weeks[weeks.length - 1][0])).toBe('2026-11-30');
    expect(weeks.length).toBe(6);
    expect(weeks.every((w) => w.length === 7 && w[0].getDay() === 1)).toBe(true);
  });

  it('handles a February that fits in four weeks', () => {
    // February 2027 starts on a Monday and has 28 days.
    const weeks = monthGrid(new Date(2027, 1, 1));
    expect(weeks.length).toBe(4);
    expect(isoDay(weeks[3][6])).toBe('2027-02-28');
  });
});

describe('weeks and the agenda', () => {
  it('finds the Monday of a week, Sunday included', () => {
    // 2026-11-29 is a Sunday; its week starts on Monday 2026-11-23.
    expect(isoDay(mondayOf(new Date(2026, 10, 29)))).toBe('2026-11-23');
    expect(isoDay(mondayOf(new Date(2026, 10, 23)))).toBe('2026-11-23');
    expect(isoDay(addDays(new Date(2026, 11, 29), 5))).toBe('2027-01-03');
  });

  it('runs the agenda three months less a day, every day listed once', () => {
    const from = new Date(2026, 10, 25);
    expect(isoDay(agendaEnd(from))).toBe('2027-02-24');
    const days = daysFrom(from, agendaEnd(from));
    expect(days).toHaveLength(92);
    expect(new Set(days.map(isoDay)).size).toBe(92);
  });

  it('puts each item on its day, holidays included', () => {
    const range = {
      from: '2026-11-23', to: '2026-11-29', deadlines: [], hearings: [],
      appointments: [{ starts_at: '2026-11-26 10:00:00' }], holidays: [{ date: '2026-11-26', name: { en: 'Thanksgiving Day', es: 'Día de Acción de Gracias' } }],
      more: [],
    } as unknown as CalendarRange;
    const on = dayItems(range, '2026-11-26');
    expect(on.holidays).toHaveLength(1);
    expect(on.appointments).toHaveLength(1);
    expect(hasItems(dayItems(range, '2026-11-27'))).toBe(false);
    expect(hasItems(dayItems(null, '2026-11-26'))).toBe(false);
  });

  it('counts what the core left out of a day, and a day cut short is never empty', () => {
    const range = {
      from: '2026-11-23', to: '2026-11-29', appointments: [], holidays: [],
      hearings: [{ starts_at: '2026-11-26 09:00:00' }, { starts_at: '2026-11-26 10:00:00' }, { starts_at: '2026-11-27 09:00:00' }],
      deadlines: [{ due_on: '2026-11-26' }],
      more: [{ date: '2026-11-26', hearings: 30, deadlines: 4 }, { date: '2026-11-28', hearings: 13, deadlines: 0 }],
    } as unknown as CalendarRange;
    expect(dayItems(range, '2026-11-26').more).toBe(31);
    expect(dayItems(range, '2026-11-27').more).toBeNull();
    expect(hasItems(dayItems(range, '2026-11-28'))).toBe(true);
    expect(dayItems(null, '2026-11-26').more).toBeNull();
  });
});
