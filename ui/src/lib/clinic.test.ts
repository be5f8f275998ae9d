import { describe, expect, it } from 'vitest';
import { caseCounts, chainProblemText, fieldHelp, fieldLabel, formatValue, keepSide, typedValue } from './clinic';
import { setLang } from './i18n.svelte';
import type { ConflictSide } from './bindings/ConflictSide';

const side = (value: string, mine: boolean, member = 'Ana'): ConflictSide => ({
  value,
  member,
  device: mine ? 'dev-me' : `dev-${member}`,
  written_at: '2026-11-20T10:00:00Z',
  mine,
});

describe('clinic helpers', () => {
  it('names each conflicting field in both languages, and says what it is for others', () => {
    setLang('en');
    expect(fieldLabel('deadline', 'due_on')).toBe('Deadline date');
    expect(fieldLabel('hearing', 'starts_at')).toBe('Hearing date and time');
    expect(fieldLabel('deadline', 'status')).toBe('Deadline status');
    expect(fieldLabel('filing', 'receipt_number')).toBe('Receipt number');
    expect(fieldLabel('client', 'a_number')).toBe('A-number');
    expect(fieldLabel('matter', 'judge')).toBe('matter: judge');
    expect(fieldHelp('deadline', 'due_on')).toBe('YYYY-MM-DD');
    expect(fieldHelp('matter', 'judge')).toBe('');
    setLang('es');
    expect(fieldLabel('deadline', 'due_on')).toBe('Fecha del plazo');
    expect(fieldLabel('hearing', 'starts_at')).toBe('Fecha y hora de la audiencia');
    setLang('en');
  });

  it('shows values as people read them', () => {
    setLang('en');
    expect(formatValue('deadline', 'due_on', '2027-02-15')).toBe('Mon, Feb 15, 2027');
    expect(formatValue('hearing', 'starts_at', '2027-02-15 09:30:00')).toBe('Mon, Feb 15, 2027 09:30');
    expect(formatValue('deadline', 'status', 'waived')).toBe('No longer applies');
    expect(formatValue('client', 'a_number', '209555014')).toBe('A209-555-014');
    expect(formatValue('filing', 'receipt_number', null)).toBe('(empty)');
  });

  it('keeps a side by mine/theirs when that names it, by its value when three laptops disagree', () => {
    const two = [side('2027-02-15', true), side('2027-02-20', false)];
    expect(keepSide(two[0], two)).toEqual({ keep: 'mine' });
    expect(keepSide(two[1], two)).toEqual({ keep: 'theirs' });
    const three = [...two, side('2027-03-01', false, 'Luis')];
    expect(keepSide(three[0], three)).toEqual({ keep: 'mine' });
    expect(keepSide(three[2], three)).toEqual({ keep: 'value', value: '2027-03-01' });
    expect(typedValue(' 2027-02-18 ')).toEqual({ keep: 'value', value: '2027-02-18' });
  });

  it('counts cases per member and names a device by its owner', () => {
    const counts = caseCounts({ assignments: [['m1', 'ana'], ['m2', 'ana'], ['m3', 'luis']] });
    expect(counts.get('ana')).toBe(2);
    expect(counts.get('luis')).toBe(1);
    expect(counts.get('eva')).toBeUndefined();
    const members = [{ id: 'ana', name: 'Ana', role: 'volunteer' as const, devices: [{ device_id: 'd1', sign_key: '', age_recipient: '' }], removed_at: null }];
    setLang('en');
    expect(chainProblemText({ kind: 'gap', device: 'd1', missing_from: 3, missing_to: 4 }, members)).toContain('Bundles 3 to 4 from Ana');
    expect(chainProblemText({ kind: 'fork', device: 'zz', seq: 7 }, members)).toContain('another laptop');
  });
});
