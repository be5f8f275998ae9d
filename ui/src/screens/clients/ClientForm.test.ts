import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import ClientForm from './ClientForm.svelte';
import { api, ApiError } from '../../lib/api';
import { current, reset } from '../../lib/nav.svelte';
import { setLang } from '../../lib/i18n.svelte';

describe('ClientForm', () => {
  it('puts the focus on its first field as it opens', () => {
    setLang('en');
    render(ClientForm, { save: vi.fn() });
    expect(document.activeElement).toBe(screen.getByLabelText('Given name(s)'));
  });

  it('shows each field error Rust reported, under its field, and keeps the input', async () => {
    setLang('en');
    const save = vi.fn().mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: 'x',
        fields: [
          { field: 'a_number', message: { en: '"A12" is not an A-number.', es: '«A12» no es un número A.' } },
          {
            field: 'date_of_birth',
            message: {
              en: '1990-02-30 is not a real date: February 1990 has 28 days.',
              es: '1990-02-30 no es una fecha real: febrero de 1990 tiene 28 días.',
            },
          },
        ],
      }),
    );
    render(ClientForm, { save });
    await fireEvent.input(screen.getByLabelText('Given name(s)'), { target: { value: 'Amina' } });
    await fireEvent.input(screen.getByLabelText('A-number'), { target: { value: 'A12' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('"A12" is not an A-number.')).toBeInTheDocument();
    expect(screen.getByText(/February 1990 has 28 days/)).toBeInTheDocument();
    expect(screen.getByLabelText('A-number')).toHaveAttribute('aria-invalid', 'true');
    expect((screen.getByLabelText('Given name(s)') as HTMLInputElement).value).toBe('Amina');
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0]).toMatchObject({ given_name: 'Amina', a_number: 'A12', date_of_birth: null });
  });

  it("shows Rust's field errors in Spanish when the app is in Spanish", async () => {
    setLang('es');
    const save = vi.fn().mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'a_number', message: { en: '"A12" is not an A-number.', es: '«A12» no es un número A.' } }],
      }),
    );
    render(ClientForm, { save });
    await fireEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('«A12» no es un número A.')).toBeInTheDocument();
    expect(screen.queryByText('"A12" is not an A-number.')).toBeNull();
    setLang('en');
  });

  it('names the client who already has the A-number, with the way to their page', async () => {
    setLang('en');
    reset();
    const search = vi.spyOn(api, 'searchClients').mockResolvedValue([
      { client_id: 3, family_name: 'Haile', given_name: 'Amina' } as Awaited<ReturnType<typeof api.searchClients>>[number],
    ]);
    const save = vi.fn().mockRejectedValue(new ApiError({ code: 'conflict', message: 'already there', fields: [] }));
    render(ClientForm, { save });
    await fireEvent.input(screen.getByLabelText('Given name(s)'), { target: { value: 'Amina' } });
    await fireEvent.input(screen.getByLabelText('A-number'), { target: { value: 'A201-555-019' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/This A-number is already Haile, Amina’s/)).toBeInTheDocument();
    expect(search).toHaveBeenCalledWith('A201-555-019');
    await fireEvent.click(screen.getByRole('button', { name: 'Open their page' }));
    expect(current()).toEqual({ name: 'client', id: 3 });
    search.mockRestore();
  });
});
