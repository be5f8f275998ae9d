import { describe, expect, it } from 'vitest';
import { isoDay, monthGrid } from './calendar';

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
