import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import Unlock from './Unlock.svelte';
import { ApiError } from '../../lib/api';
import { setLang } from '../../lib/i18n.svelte';

describe('Unlock', () => {
  it('shows the wrong-passphrase error, clears the field and stays locked', async () => {
    setLang('en');
    const onDone = vi.fn();
    const unlock = vi.fn().mockRejectedValue(new ApiError({ code: 'wrong_passphrase', message: 'The passphrase is not correct.', fields: [] }));
    render(Unlock, { vaultPath: '/v.amparo', onDone, unlock });
    const input = screen.getByLabelText('Passphrase') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'guess' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The passphrase is not correct.');
    expect(unlock).toHaveBeenCalledWith('guess');
    expect(onDone).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('unlocks with the right passphrase', async () => {
    const onDone = vi.fn();
    const unlock = vi.fn().mockResolvedValue(undefined);
    render(Unlock, { vaultPath: '/v.amparo', onDone, unlock });
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'right one' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it('does not submit an empty passphrase', () => {
    render(Unlock, { vaultPath: '/v.amparo', onDone: vi.fn(), unlock: vi.fn() });
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });
});

describe('Unlock after an interrupted passphrase change', () => {
  it('says on the field which passphrase now opens the vault, in the user language', async () => {
    setLang('es');
    const unlock = vi.fn().mockRejectedValue(
      new ApiError({
        code: 'wrong_passphrase',
        message: 'The passphrase is not correct.',
        fields: [{ field: 'passphrase', message: { en: 'opens with the PREVIOUS passphrase', es: 'se abre con la frase ANTERIOR' } }],
      }),
    );
    render(Unlock, { vaultPath: '/v.amparo', onDone: vi.fn(), unlock });
    await fireEvent.input(screen.getByLabelText('Frase de contraseña'), { target: { value: 'new one' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Desbloquear' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('ANTERIOR');
    setLang('en');
  });

  it('offers the recovery code and restore from the lock screen', async () => {
    setLang('en');
    render(Unlock, { vaultPath: '/v.amparo', onDone: vi.fn(), unlock: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'Forgot your passphrase?' }));
    expect(screen.getByLabelText('Recovery code')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Back to unlock' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Restore from a backup…' }));
    expect(screen.getByLabelText('Backup file')).toBeInTheDocument();
  });
});
