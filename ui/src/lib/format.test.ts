import { describe, expect, it } from 'vitest';
import { formatANumber, formatDate, formatTime, lines, commaList, orNull } from './format';

describe('format', () => {
  it('prints A-numbers as on notices', () => {
    expect(formatANumber('012345678')).toBe('A012-345-678');
    expect(formatANumber(null)).toBe('');
  });
  it('reads ISO dates without shifting the day across time zones', () => {
    expect(formatDate('2026-06-19', 'en')).toContain('19');
    expect(formatDate('2026-06-19', 'en')).toMatch(/Fri/);
    expect(formatDate('2026-06-19', 'es')).toMatch(/vie/);
    expect(formatDate('', 'en')).toBe('');
    expect(formatTime('2027-03-15 09:30:00')).toBe('09:30');
  });
  it('splits lists', () => {
    expect(lines(' a \n\n b ')).toEqual(['a', 'b']);
    expect(commaList('Tigrinya, , Arabic')).toEqual(['Tigrinya', 'Arabic']);
    expect(orNull('  ')).toBeNull();
    expect(orNull(' A12 ')).toBe(' A12 ');
  });
});
