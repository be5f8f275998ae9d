import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { ApiError } from '../../lib/api';
import { setLang } from '../../lib/i18n.svelte';
import Settings from './Settings.svelte';

const saveSettings = vi.fn(async (s: { auto_lock_minutes: number }) => {
  if (s.auto_lock_minutes < 1 || s.auto_lock_minutes > 240)
    throw new ApiError({
      code: 'invalid',
      message: 'Auto-lock must be between 1 and 240 minutes.',
      fields: [{ field: 'auto_lock_minutes', message: { en: 'between 1 and 240 minutes', es: 'entre 1 y 240 minutos' } }],
    });
});

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      getUserName: async () => null,
      clinicView: async () => null,
      backupStatus: async () => ({ folder: null, keep: 10, last: null, warning: null }),
      retention: async () => ({ years: 7, archived: [], today: '2026-11-25' }),
      saveSettings: (s: { auto_lock_minutes: number }) => saveSettings(s),
    },
  };
});

describe('Settings: auto-lock minutes', () => {
  it('takes a new number only once it is saved; an empty or refused one leaves the old', async () => {
    setLang('en');
    let minutes = 10;
    render(Settings, {
      props: {
        vaultPath: '/v.amparo',
        get autoLockMinutes() {
          return minutes;
        },
        set autoLockMinutes(m: number) {
          minutes = m;
        },
      },
    });
    const field = screen.getByLabelText(/Lock after this many idle minutes/i) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '' } });
    expect(minutes).toBe(10);
    await fireEvent.input(field, { target: { value: '0' } });
    await fireEvent.change(field);
    expect(await screen.findByRole('alert')).toHaveTextContent('between 1 and 240');
    expect(minutes).toBe(10);
    await fireEvent.input(field, { target: { value: '25' } });
    await fireEvent.change(field);
    await waitFor(() => expect(minutes).toBe(25));
    expect(saveSettings).toHaveBeenLastCalledWith({ language: 'en', auto_lock_minutes: 25 });
  });
});
