import { describe, expect, it, vi } from 'vitest';
import { render, fireEvent } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ passphraseStrength: vi.fn() }));
vi.mock('../lib/api', async (original) => ({ ...(await original<typeof import('../lib/api')>()), api }));

import NewPassphrase from './NewPassphrase.svelte';

describe('NewPassphrase', () => {
  it('asks the core for the strength once typing pauses, not for every prefix', async () => {
    vi.useFakeTimers();
    api.passphraseStrength.mockResolvedValue({ score: 4, acceptable: true, message: '' });
    render(NewPassphrase, { id: 'p', repeatId: 'r', label: 'Passphrase', repeatLabel: 'Again' });
    const input = document.querySelector('#p') as HTMLInputElement;
    const typed = 'river lamp seven';
    for (let i = 1; i <= typed.length; i++) {
      await fireEvent.input(input, { target: { value: typed.slice(0, i) } });
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(api.passphraseStrength).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(api.passphraseStrength).toHaveBeenCalledTimes(1);
    expect(api.passphraseStrength).toHaveBeenCalledWith(typed);
    vi.useRealTimers();
  });
});
