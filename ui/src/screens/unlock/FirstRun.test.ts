import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';

const api = vi.hoisted(() => ({
  createVault: vi.fn(),
  setUserName: vi.fn(),
  passphraseStrength: vi.fn(),
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import FirstRun from './FirstRun.svelte';

async function fillAndCreate(name: string) {
  await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: name } });
  const pass = 'river lamp seven orchard bicycle';
  for (const input of document.querySelectorAll<HTMLInputElement>('input[type=password]')) {
    await fireEvent.input(input, { target: { value: pass } });
  }
  await fireEvent.click(document.querySelector('#understood')!);
  await fireEvent.click(document.querySelector('#create-vault')!);
}

describe('FirstRun', () => {
  it('saves the name typed, so the history shows it instead of the login name', async () => {
    setLang('en');
    api.createVault.mockResolvedValue({ recovery_code: 'x', interrupted_change: null });
    api.setUserName.mockResolvedValue(undefined);
    api.passphraseStrength.mockResolvedValue({ acceptable: true, score: 4, message: '' });
    const onDone = vi.fn();
    render(FirstRun, { vaultPath: '/v.amparo', onDone, onRestored: vi.fn() });
    await fillAndCreate('  Lucía Fernández ');
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.setUserName).toHaveBeenCalledWith('Lucía Fernández');
  });

  it('creates the vault without a name when none is typed', async () => {
    api.createVault.mockResolvedValue({ recovery_code: 'x', interrupted_change: null });
    api.setUserName.mockClear();
    const onDone = vi.fn();
    render(FirstRun, { vaultPath: '/v.amparo', onDone, onRestored: vi.fn() });
    await fillAndCreate('');
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.setUserName).not.toHaveBeenCalled();
  });

  it('offers a backup instead of a new vault, and goes back to look for the vault after it', async () => {
    setLang('en');
    const onRestored = vi.fn();
    render(FirstRun, { vaultPath: '/v.amparo', onDone: vi.fn(), onRestored });
    expect(screen.getByText(/Settings → Clinic → Join/)).toBeTruthy();
    await fireEvent.click(document.querySelector('#first-run-restore')!);
    expect(document.querySelector('#create-vault')).toBeNull();
    expect(document.querySelector('#restore-file')).not.toBeNull();
    await fireEvent.click(document.querySelector('#restore-back')!);
    expect(onRestored).toHaveBeenCalledTimes(1);
    expect(document.querySelector('#create-vault')).not.toBeNull();
  });
});
