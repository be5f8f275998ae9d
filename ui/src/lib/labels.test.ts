import { describe, expect, it } from 'vitest';
import { alternative, appointmentKind, appointmentOutcome, bondStatus, eventKind, eventsWithDays, label, options } from './labels';

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

describe('labels for appointments and custody', () => {
  function namedInBoth<T extends string>(set: Record<T, [string, string]>) {
    for (const { value } of options(set, 'en')) {
      expect(label(set, value, 'en').trim(), value).not.toBe('');
      expect(label(set, value, 'es').trim(), value).not.toBe('');
    }
  }

  it('name every appointment kind and outcome, bond status and alternative in both languages', () => {
    namedInBoth(appointmentKind);
    namedInBoth(appointmentOutcome);
    namedInBoth(bondStatus);
    namedInBoth(alternative);
    expect(label(appointmentKind, 'ice_check_in', 'es')).toMatch(/ICE/);
    expect(label(bondStatus, 'posted', 'es')).toBe('Pagada');
  });

  it('offer only the values Rust allows, in their usual order', () => {
    const offered = options(appointmentKind, 'en', ['uscis_interview', 'biometrics']).map((o) => o.value);
    expect(offered).toEqual(['biometrics', 'uscis_interview']);
    expect(options(appointmentKind, 'en', [])).toEqual([]);
    expect(options(appointmentKind, 'en')).toHaveLength(6);
  });
});
