import { describe, expect, it } from 'vitest';
import { eventKind, eventsWithDays, label, options } from './labels';

describe('event labels', () => {
  it('name every event in English and Spanish, each different', () => {
    const all = options(eventKind, 'en');
    expect(all.length).toBe(19);
    for (const { value } of all) {
      const [en, es] = [label(eventKind, value, 'en'), label(eventKind, value, 'es')];
      expect(en.trim(), value).not.toBe('');
      expect(es, value).not.toBe(en);
    }
  });

  it('list the in absentia order apart from the judge decision, and ask days only for voluntary departure', () => {
    const values = options(eventKind, 'en').map((o) => o.value);
    expect(values.indexOf('in_absentia_order')).toBe(values.indexOf('ij_decision') + 1);
    expect([...eventsWithDays]).toEqual(['voluntary_departure_granted']);
  });
});
