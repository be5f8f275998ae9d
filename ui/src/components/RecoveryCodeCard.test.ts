import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import RecoveryCodeCard from './RecoveryCodeCard.svelte';
import { setLang } from '../lib/i18n.svelte';

describe('RecoveryCodeCard', () => {
  it('shows the code and continues only once the user says it is written down', async () => {
    setLang('en');
    const onDone = vi.fn();
    render(RecoveryCodeCard, { code: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567-89ABC-DEFGH', onDone });
    expect(screen.getByText('ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567-89ABC-DEFGH')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onDone).not.toHaveBeenCalled();
    expect(await screen.findByRole('alert')).toHaveTextContent('Tick the box');
    await fireEvent.click(screen.getByRole('checkbox'));
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('explains, in Spanish too, that an existing vault now gets a code', () => {
    setLang('es');
    render(RecoveryCodeCard, { code: 'X', existing: true, onDone: vi.fn() });
    expect(screen.getByText(/ahora crea un código de recuperación/)).toBeInTheDocument();
    setLang('en');
  });
});
