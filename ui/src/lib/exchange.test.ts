import { describe, expect, it } from 'vitest';
import {
  importBlock,
  importLabel,
  refusedRows,
  choiceColumn,
  withChoice,
  shownField,
  rejectionField,
  reportCell,
  isDay,
  yearAfter,
  startOfYear,
  longDate,
  delimiterKey,
  generalMessage,
} from './exchange';
import { ApiError } from './api';
import { setLang } from './i18n.svelte';
import type { ImportReport } from './bindings/ImportReport';
import type { ImportColumn } from './bindings/ImportColumn';
import type { ImportMapping } from './bindings/ImportMapping';

const counts = (clients: number) => ({ clients, matters: 0, hearings: 0, deadlines: 0, filings: 0 });
const refusal = (row: number, field = 'a_number') => ({ row, field, message: 'bad', message_es: 'mal' });
const report = (clients: number, rejected: ImportReport['rejected'] = []) => ({ create: counts(clients), rejected });
const column = (letter: string, header: string, field: ImportColumn['field'], chosen = false): ImportColumn => ({ letter, header, field, chosen });

describe('the import button', () => {
  it('is on when rows would be created and none is refused', () => {
    expect(importBlock(report(3), false, false)).toBeNull();
  });
  it('waits for a new check after a change', () => {
    expect(importBlock(report(3), true, true)).toBe('stale');
  });
  it('is off when nothing would be created, whatever the checkbox says', () => {
    expect(importBlock(report(0, [refusal(2)]), true, false)).toBe('nothing');
  });
  it('is off with refused rows until the good rows alone are asked for', () => {
    expect(importBlock(report(1, [refusal(3), refusal(4, 'date_of_birth')]), false, false)).toBe('refused');
    expect(importBlock(report(1, [refusal(3)]), true, false)).toBeNull();
  });
  it('counts a row refused twice once, and names the clients it imports', () => {
    expect(refusedRows({ rejected: [refusal(3), refusal(3, 'date_of_birth'), refusal(5)] })).toBe(2);
    setLang('en');
    expect(importLabel(1)).toBe('Import 1 client');
    expect(importLabel(12)).toBe('Import 12 clients');
    setLang('es');
    expect(importLabel(12)).toBe('Importar 12 clientes');
    setLang('en');
  });
});

describe('the column mapping', () => {
  it('names a column by its header, or by its letter when it has none', () => {
    expect(choiceColumn(column('C', 'Fecha nac.', null))).toBe('Fecha nac.');
    expect(choiceColumn(column('D', '  ', null))).toBe('D');
  });
  it('replaces an earlier choice for the same column', () => {
    const once = withChoice([], 'Fecha nac.', 'date_of_birth');
    const twice = withChoice(withChoice(once, 'Notas', 'ignore'), 'Fecha nac.', 'last_arrival');
    expect(twice).toEqual([
      { column: 'Notas', field: 'ignore' },
      { column: 'Fecha nac.', field: 'last_arrival' },
    ]);
  });
  it('shows the pending choice, else the field Rust mapped, else not imported', () => {
    const c = column('C', 'Fecha nac.', 'date_of_birth');
    expect(shownField(c, [])).toBe('date_of_birth');
    expect(shownField(c, [{ column: 'Fecha nac.', field: 'last_arrival' }])).toBe('last_arrival');
    expect(shownField(column('E', 'Color', null), [])).toBe('ignore');
  });
});

describe('a refused row’s field', () => {
  const mapping: ImportMapping = { columns: [column('A', 'Nombre', 'given_name'), column('C', 'A#', 'a_number')] };
  it('reads as the field’s label with its column, in the user’s language', () => {
    expect(rejectionField('a_number', mapping, 'en')).toBe('A-number (column C)');
    expect(rejectionField('a_number', mapping, 'es')).toBe('Número A (columna C)');
  });
  it('reads a field no column holds as its label, the whole row as such, and anything else as Rust named it', () => {
    expect(rejectionField('date_of_birth', mapping, 'en')).toBe('Date of birth');
    expect(rejectionField('row', mapping, 'es')).toBe('Toda la fila');
    expect(rejectionField('released_on', mapping, 'en')).toBe('Released on');
    expect(rejectionField('something_new', mapping, 'en')).toBe('something_new');
  });
});

describe('a report’s cells', () => {
  const deidentified = { deidentified: true, threshold: 5 };
  it('hide small counts in a de-identified report, but never zero', () => {
    expect(reportCell(3, deidentified, 'en')).toBe('fewer than 5');
    expect(reportCell(4, deidentified, 'es')).toBe('menos de 5');
    expect(reportCell(0, deidentified, 'en')).toBe('0');
    expect(reportCell(5, deidentified, 'en')).toBe('5');
  });
  it('show every count of a report for the clinic, and words as they are', () => {
    expect(reportCell(1, { deidentified: false, threshold: 5 }, 'en')).toBe('1');
    expect(reportCell('Volunteer A', deidentified, 'en')).toBe('Volunteer A');
  });
});

describe('dates and periods', () => {
  it('accepts real days written YYYY-MM-DD only', () => {
    expect(isDay('2026-11-25')).toBe(true);
    expect(isDay(' 2028-02-29 ')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('11/25/2026')).toBe(false);
    expect(isDay('')).toBe(false);
  });
  it('goes a year ahead in local days, and back to the first of the year', () => {
    expect(yearAfter('2026-11-25')).toBe('2027-11-25');
    expect(yearAfter('2028-02-29')).toBe('2029-03-01');
    expect(startOfYear('2026-11-25')).toBe('2026-01-01');
  });
  it('writes a letterhead date in words', () => {
    expect(longDate('2026-11-25', 'en')).toBe('November 25, 2026');
    expect(longDate('2026-11-25', 'es')).toBe('25 de noviembre de 2026');
  });
});

describe('messages', () => {
  it('name the separator a CSV uses', () => {
    expect(delimiterKey(';')).toBe('import.delimiter.semicolon');
    expect(delimiterKey('\t')).toBe('import.delimiter.tab');
    expect(delimiterKey(null)).toBeNull();
  });
  it('leave to the form what it shows by its field, and say the rest in the user’s language', () => {
    const text = (en: string, es: string) => ({ en, es });
    const onFile = new ApiError({ code: 'invalid_input', message: 'x', fields: [{ field: 'file', message: text('Choose a file.', 'Elija un archivo.') }] });
    expect(generalMessage(onFile, ['file'])).toBeNull();
    const onMapping = new ApiError({ code: 'invalid_input', message: 'x', fields: [{ field: 'mapping', message: text('Two columns.', 'Dos columnas.') }] });
    setLang('es');
    expect(generalMessage(onMapping, ['file'])).toBe('Dos columnas.');
    const io = new ApiError({ code: 'io', message: 'Could not read /tmp/x.csv: No such file', fields: [] });
    expect(generalMessage(io, ['file'])).toMatch(/no pudo leer|No se pudo leer/);
    setLang('en');
    expect(generalMessage(io, ['file'])).toBe('Could not read /tmp/x.csv: No such file');
  });
});
