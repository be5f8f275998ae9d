import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { ImportReport } from '../../lib/bindings/ImportReport';
import type { ImportOptions } from '../../lib/bindings/ImportOptions';

// What Rust's dry run says of a semicolon CSV with Spanish headers: one good row, a bad
// A-number on row 3 and an ambiguous date on row 4.
const dryRun = (options: ImportOptions): ImportReport => ({
  rows: 3,
  create: { clients: 1, matters: 0, hearings: 0, deadlines: 0, filings: 0 },
  duplicates: [],
  rejected: [
    { row: 3, field: 'a_number', message: '"A12" is not an A-number.', message_es: '«A12» no es un número A.' },
    { row: 4, field: 'date_of_birth', message: '"03/04/1990" could be March 4, 1990 or April 3, 1990.', message_es: '«03/04/1990» puede ser 4 de marzo de 1990 o 3 de abril de 1990.' },
  ],
  header_row: 1,
  mapping: {
    columns: [
      { letter: 'A', header: 'Nombre', field: 'given_name', chosen: false },
      { letter: 'B', header: 'Apellido(s)', field: 'family_name', chosen: false },
      { letter: 'C', header: 'A#', field: options.choices.find((c) => c.column === 'A#')?.field ?? 'a_number', chosen: options.choices.length > 0 },
    ],
  },
  sheet: { encoding: 'UTF-8', delimiter: ';' },
  ignored_cells: 0,
  ignored_columns: [],
  imported: false,
  rejected_file: null,
});

const importPreview = vi.fn(async (_file: string, options: ImportOptions) => dryRun(options));
const importSheet = vi.fn(async (file: string, options: ImportOptions) => ({
  ...dryRun(options),
  imported: true,
  rejected_file: file.replace('.csv', '-rejected.csv'),
}));

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  // Called through, so the mocks are read when the screen calls them, not when hoisted.
  return {
    ...real,
    api: {
      importPreview: (file: string, options: ImportOptions) => importPreview(file, options),
      importSheet: (file: string, options: ImportOptions) => importSheet(file, options),
    },
  };
});

import Import from './Import.svelte';

describe('Import', () => {
  beforeEach(() => {
    setLang('en');
    importPreview.mockClear();
    importSheet.mockClear();
  });

  it('checks the file, lists the refused rows, and imports the good ones only when asked', async () => {
    render(Import);
    expect(document.activeElement?.id).toBe('import-file');
    await fireEvent.input(screen.getByLabelText('Spreadsheet file'), { target: { value: '/tmp/clientes.csv' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));

    const refused = await screen.findByRole('table', { name: /cannot be imported/ });
    const rows = [...refused.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-row'));
    expect(rows).toEqual(['3', '4']);
    expect(refused).toHaveTextContent('A-number (column C)');
    expect(refused).toHaveTextContent('could be March 4, 1990');
    await waitFor(() => expect(document.activeElement?.id).toBe('import-preview-title'));

    const run = screen.getByRole('button', { name: 'Import 1 client' });
    expect(run).toBeDisabled();
    expect(screen.getByText(/Some rows are refused/)).toBeInTheDocument();

    await fireEvent.click(screen.getByLabelText(/Import the good rows/));
    expect(run).toBeEnabled();
    await fireEvent.click(run);
    expect(importSheet).toHaveBeenCalledWith('/tmp/clientes.csv', expect.objectContaining({ only_good_rows: true, dates: 'auto' }));
    expect(await screen.findByText(/rows to fix were saved to \/tmp\/clientes-rejected\.csv/)).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement?.id).toBe('import-done-title'));
  });

  it('checks again with the column the user chose, and in Spanish shows Rust’s Spanish', async () => {
    render(Import);
    await fireEvent.input(screen.getByLabelText('Spreadsheet file'), { target: { value: '/tmp/clientes.csv' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    const select = await screen.findByLabelText('What column C holds');
    await fireEvent.change(select, { target: { value: 'ignore' } });
    await waitFor(() => expect(importPreview).toHaveBeenCalledTimes(2));
    expect(importPreview.mock.calls[1][1].choices).toEqual([{ column: 'A#', field: 'ignore' }]);
    expect(await screen.findByText('your choice')).toBeInTheDocument();

    setLang('es');
    expect(await screen.findByText('«A12» no es un número A.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Importar 1 cliente' })).toBeDisabled();
    setLang('en');
  });
});
