import { describe, expect, it } from 'vitest';
import { formatANumber, formatDate, formatTime, lines, commaList, orNull, formatBytes, daysSince, formatInstant, formatDollars } from './format';

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

describe('sizes and ages of backups', () => {
  it('formats sizes as file managers do', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(163840)).toBe('164 kB');
    expect(formatBytes(1_600_000_000)).toBe('1.6 GB');
  });
  it('counts whole days since a backup', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(daysSince('2026-11-25T01:00:00Z', now)).toBe(0);
    expect(daysSince('2026-11-17T11:00:00.000Z', now)).toBe(8);
    expect(daysSince('not a date', now)).toBe(0);
  });
});

describe('dates of birth and clock times', () => {
  it('leaves the weekday out when asked, and keeps it by default', () => {
    expect(formatDate('1990-03-04', 'en', { weekday: false })).not.toMatch(/Sun/);
    expect(formatDate('1990-03-04', 'en', { weekday: false })).toMatch(/Mar 4, 1990/);
    expect(formatDate('1990-03-04', 'es', { weekday: false })).not.toMatch(/dom/);
    expect(formatDate('1990-03-04', 'en')).toMatch(/Sun/);
    expect(formatDate('1990-03-04', 'en', {})).toMatch(/Sun/);
  });
  it('reads the clock as each language does when the language is given', () => {
    expect(formatTime('2027-03-15T09:30:00', 'en')).toBe('9:30 AM');
    expect(formatTime('2027-03-15 13:05:00', 'en')).toBe('1:05 PM');
    expect(formatTime('2027-03-15 00:15:00', 'en')).toBe('12:15 AM');
    expect(formatTime('2027-03-15 12:00:00', 'en')).toBe('12:00 PM');
    expect(formatTime('2027-03-15T09:30:00', 'es')).toBe('09:30');
    expect(formatTime('2027-03-15 21:45:00', 'es')).toBe('21:45');
    // Without a language, as every screen saw it before.
    expect(formatTime('2027-03-15 21:45:00')).toBe('21:45');
    expect(formatTime('2027-03-15', 'en')).toBe('');
  });
});

describe('formatInstant', () => {
  it('shows a stored UTC instant on the local clock, not as typed in UTC', () => {
    const shown = formatInstant('2026-12-06T03:47:38Z', 'en');
    expect(shown).not.toContain('T03');
    expect(shown).toMatch(/2026/);
    expect(formatInstant('not a time', 'en')).toBe('not a time');
  });
});

describe('formatDollars', () => {
  it('writes whole dollars the U.S. way in both languages, nothing for no amount', () => {
    expect(formatDollars(7500)).toBe('$7,500');
    expect(formatDollars(1500000)).toBe('$1,500,000');
    expect(formatDollars(0)).toBe('$0');
    expect(formatDollars(null)).toBe('');
  });
});
