/// <reference types="vite/client" />
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { parseTypedDate, dateInWords } from './dates';
import { setLang } from './i18n.svelte';
import { fromStore, writable } from 'svelte/store';
import Field from '../components/Field.svelte';
import source from './dates.ts?raw';

describe('parseTypedDate', () => {
  it('reads ISO dates in both languages', () => {
    expect(parseTypedDate('2026-11-25', 'en')).toBe('2026-11-25');
    expect(parseTypedDate(' 2026-11-25 ', 'es')).toBe('2026-11-25');
    expect(parseTypedDate('2026/1/5', 'en')).toBe('2026-01-05');
  });

  it('reads English numbers month first, with slashes, dashes or dots', () => {
    expect(parseTypedDate('11/25/2026', 'en')).toBe('2026-11-25');
    expect(parseTypedDate('11-25-2026', 'en')).toBe('2026-11-25');
    expect(parseTypedDate('11.25.2026', 'en')).toBe('2026-11-25');
    expect(parseTypedDate('3/4/1990', 'en')).toBe('1990-03-04');
  });

  it('reads Spanish numbers day first', () => {
    expect(parseTypedDate('25/11/2026', 'es')).toBe('2026-11-25');
    expect(parseTypedDate('3/4/1990', 'es')).toBe('1990-04-03');
    expect(parseTypedDate('25.11.2026', 'es')).toBe('2026-11-25');
  });

  it('does not guess when the order is the other language’s', () => {
    expect(parseTypedDate('25/11/2026', 'en')).toBeNull();
    expect(parseTypedDate('11/25/2026', 'es')).toBeNull();
  });

  it('refuses two-digit years: a date of birth in ’26 could be 1926 or 2026', () => {
    expect(parseTypedDate('11/25/26', 'en')).toBeNull();
    expect(parseTypedDate('25/11/26', 'es')).toBeNull();
    expect(parseTypedDate('Nov 25, 26', 'en')).toBeNull();
  });

  it('reads month names in either language', () => {
    for (const lang of ['en', 'es'] as const) {
      expect(parseTypedDate('Nov 25, 2026', lang)).toBe('2026-11-25');
      expect(parseTypedDate('November 25th, 2026', lang)).toBe('2026-11-25');
      expect(parseTypedDate('25 nov 2026', lang)).toBe('2026-11-25');
      expect(parseTypedDate('25-Nov-2026', lang)).toBe('2026-11-25');
      expect(parseTypedDate('25 de noviembre de 2026', lang)).toBe('2026-11-25');
      expect(parseTypedDate('1 de Septiembre de 2026', lang)).toBe('2026-09-01');
      expect(parseTypedDate('5 sept. 2026', lang)).toBe('2026-09-05');
      expect(parseTypedDate('12 ago 2026', lang)).toBe('2026-08-12');
    }
  });

  it('reads back its own words, and refuses a weekday that does not match', () => {
    expect(parseTypedDate('Wednesday, November 25, 2026', 'en')).toBe('2026-11-25');
    expect(parseTypedDate('miércoles, 25 de noviembre de 2026', 'es')).toBe('2026-11-25');
    expect(parseTypedDate('Miercoles 25 de noviembre de 2026', 'es')).toBe('2026-11-25');
    expect(parseTypedDate('Thursday, November 25, 2026', 'en')).toBeNull();
  });

  it('refuses impossible dates and anything else', () => {
    expect(parseTypedDate('02/30/2026', 'en')).toBeNull();
    expect(parseTypedDate('30/02/2026', 'es')).toBeNull();
    expect(parseTypedDate('13/01/2026', 'en')).toBeNull();
    expect(parseTypedDate('2026-13-01', 'es')).toBeNull();
    expect(parseTypedDate('2026-02-29', 'en')).toBeNull();
    expect(parseTypedDate('2028-02-29', 'en')).toBe('2028-02-29');
    expect(parseTypedDate('2000-02-29', 'en')).toBe('2000-02-29');
    expect(parseTypedDate('1900-02-29', 'en')).toBeNull();
    expect(parseTypedDate('Feb 30, 2026', 'en')).toBeNull();
    expect(parseTypedDate('11/25-2026', 'en')).toBeNull();
    expect(parseTypedDate('next Tuesday', 'en')).toBeNull();
    expect(parseTypedDate('', 'en')).toBeNull();
    expect(parseTypedDate('0/0/2026', 'en')).toBeNull();
  });
});

describe('dateInWords', () => {
  it('says the day in words, with its weekday, in each language', () => {
    expect(dateInWords('2026-11-25', 'en')).toBe('Wednesday, November 25, 2026');
    expect(dateInWords('2026-11-25', 'es')).toBe('miércoles, 25 de noviembre de 2026');
    expect(dateInWords('2024-02-29', 'en')).toBe('Thursday, February 29, 2024');
    expect(dateInWords('1990-01-01', 'es')).toBe('lunes, 1 de enero de 1990');
    expect(dateInWords('not a date', 'en')).toBe('not a date');
  });
});

// Node reads TZ again whenever it changes; the UI's types do not know about Node.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('late in the evening', () => {
  const realTz = env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    env.TZ = realTz;
  });

  it('keeps the typed day whatever the time zone and the hour', () => {
    // 11:30 pm in Los Angeles and just after midnight in Samoa are already another day in UTC.
    for (const [tz, at] of [['America/Los_Angeles', '2026-11-25T23:30:00-08:00'], ['Pacific/Apia', '2026-11-25T00:10:00+13:00']]) {
      env.TZ = tz;
      vi.useFakeTimers();
      vi.setSystemTime(new Date(at));
      // The trap is real: here it is the 25th, in UTC it is not.
      expect(new Date().getDate()).toBe(25);
      expect(new Date().getUTCDate()).not.toBe(25);
      vi.spyOn(Date.prototype, 'toISOString').mockImplementation(() => {
        throw new Error('toISOString gives the UTC day, not the typed one');
      });
      expect(parseTypedDate('11/25/2026', 'en')).toBe('2026-11-25');
      expect(parseTypedDate('25 de noviembre de 2026', 'es')).toBe('2026-11-25');
      expect(dateInWords('2026-11-25', 'en')).toBe('Wednesday, November 25, 2026');
      vi.restoreAllMocks();
    }
  });

  it('uses no Date at all, so no UTC conversion can creep in', () => {
    expect(source).not.toMatch(/toISOString|getUTC|Date\.UTC|new Date/);
  });
});

// The form field that uses these (components/Field.svelte with `date`).
describe('a date field', () => {
  function renderField(lang: 'en' | 'es', extra: Record<string, unknown> = {}) {
    setLang(lang);
    // A store read through runes, so the field sees its own writes as a parent's $state would.
    const bound = fromStore(writable(''));
    render(Field, {
      props: {
        id: 'date_of_birth',
        label: lang === 'en' ? 'Date of birth' : 'Fecha de nacimiento',
        date: true,
        ...extra,
        get value() {
          return bound.current;
        },
        set value(v: string) {
          bound.current = v;
        },
      },
    });
    const input = document.getElementById('date_of_birth') as HTMLInputElement;
    return { bound, input };
  }
  afterEach(() => {
    setLang('en');
    delete (HTMLInputElement.prototype as { showPicker?: unknown }).showPicker;
  });

  it('says the expected order, shows how it read the date, and stores ISO on leaving', async () => {
    const { bound, input } = renderField('en');
    expect(input.type).toBe('text');
    expect(screen.getByText('MM/DD/YYYY, e.g. 11/25/2026')).toBeInTheDocument();
    await fireEvent.input(input, { target: { value: '11/25/2026' } });
    expect(bound.current).toBe('11/25/2026');
    expect(screen.getByText('Read as: Wednesday, November 25, 2026')).toBeInTheDocument();
    await fireEvent.blur(input);
    expect(input.value).toBe('2026-11-25');
    expect(bound.current).toBe('2026-11-25');
  });

  it('reads day first in Spanish', async () => {
    const { bound, input } = renderField('es');
    expect(screen.getByText('DD/MM/AAAA, p. ej. 25/11/2026')).toBeInTheDocument();
    await fireEvent.input(input, { target: { value: '25/11/2026' } });
    expect(screen.getByText('Se entiende: miércoles, 25 de noviembre de 2026')).toBeInTheDocument();
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(bound.current).toBe('2026-11-25');
  });

  it('leaves what it cannot read as typed, for Rust to explain', async () => {
    const { bound, input } = renderField('en', { help: 'As on the passport', error: 'Not a date' });
    expect(screen.getByText('As on the passport')).toBeInTheDocument();
    await fireEvent.input(input, { target: { value: '02/30/2026' } });
    await fireEvent.blur(input);
    expect(bound.current).toBe('02/30/2026');
    expect(screen.queryByText(/Read as/)).toBeNull();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Not a date');
  });

  it('opens the system calendar and takes the picked day', async () => {
    const showPicker = vi.fn();
    Object.defineProperty(HTMLInputElement.prototype, 'showPicker', { value: showPicker, configurable: true });
    const { bound, input } = renderField('en');
    await fireEvent.input(input, { target: { value: 'Nov 25, 2026' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Choose “Date of birth” on a calendar' }));
    expect(showPicker).toHaveBeenCalledOnce();
    const picker = document.querySelector('input[type="date"]') as HTMLInputElement;
    expect(picker.value).toBe('2026-11-25');
    await fireEvent.change(picker, { target: { value: '2026-12-01' } });
    expect(input.value).toBe('2026-12-01');
    expect(bound.current).toBe('2026-12-01');
    expect(screen.getByText('Read as: Tuesday, December 1, 2026')).toBeInTheDocument();
  });

  it('focuses the date input where there is no showPicker', async () => {
    renderField('en');
    await fireEvent.click(screen.getByRole('button', { name: /on a calendar/ }));
    expect(document.activeElement).toBe(document.querySelector('input[type="date"]'));
  });
});
