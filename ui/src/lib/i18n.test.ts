import { describe, expect, it } from 'vitest';
import { dictionaries, t, setLang, errorText } from './i18n.svelte';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    const en = Object.keys(dictionaries.en).sort();
    const es = Object.keys(dictionaries.es).sort();
    expect(es).toEqual(en);
    for (const lang of ['en', 'es'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('keeps the same placeholders in both languages', () => {
    for (const [k, v] of Object.entries(dictionaries.en)) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(dictionaries.es[k as keyof typeof dictionaries.es]), k).toEqual(vars(v));
    }
  });

  it('fills placeholders and follows the language', () => {
    setLang('en');
    expect(t('dashboard.daysLeft', { n: 3 })).toBe('in 3 days');
    setLang('es');
    expect(t('dashboard.daysLeft', { n: 3 })).toBe('en 3 días');
    setLang('en');
  });

  it('shows errors in the user language by code, Rust text as the English fallback', () => {
    setLang('es');
    expect(errorText('wrong_passphrase', 'The passphrase is not correct.')).toMatch(/no es correcta/);
    setLang('en');
    expect(errorText('wrong_passphrase', 'The passphrase is not correct.')).toBe('The passphrase is not correct.');
    expect(errorText('something_new', '')).toMatch(/Something went wrong/);
  });
});
