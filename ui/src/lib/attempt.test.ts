import { describe, expect, it } from 'vitest';
import { attempt } from './attempt';
import { ApiError } from './api';
import { setLang } from './i18n.svelte';

describe('attempt', () => {
  it('gives nothing when the action worked and the message when it did not, in the user language', async () => {
    expect(await attempt(async () => 42)).toBe('');
    setLang('es');
    const wrong = new ApiError({ code: 'wrong_recovery_code', message: 'That recovery code is not this vault’s.', fields: [] });
    expect(await attempt(() => Promise.reject(wrong))).toContain('no es de esta bóveda');
    const field = new ApiError({
      code: 'wrong_passphrase',
      message: 'x',
      fields: [{ field: 'passphrase', message: { en: 'PREVIOUS in force', es: 'vale la ANTERIOR' } }],
    });
    expect(await attempt(() => Promise.reject(field), 'passphrase')).toBe('vale la ANTERIOR');
    setLang('en');
  });
});
