// Pure helpers for getting data in and out: whether the import may run and, if not, why;
// the choices a changed column makes; how a refused field, a report's count and a period
// read. Rust decides every row, every count and every file: these only decide what to
// offer and how to say it.
import type { ApiError } from './api';
import type { ImportReport } from './bindings/ImportReport';
import type { ImportColumn } from './bindings/ImportColumn';
import type { ImportChoice } from './bindings/ImportChoice';
import type { ImportField } from './bindings/ImportField';
import type { ImportMapping } from './bindings/ImportMapping';
import type { Report } from './bindings/Report';
import type { ReportCell } from './bindings/ReportCell';
import { dictionaries, errorText, t, type Key, type Lang } from './i18n.svelte';
import { importField, label } from './labels';
import { localDay } from './desk';

/** Why the import button is off: the check is out of date, nothing would be created, or
 * rows are refused and the user has not asked to import the good ones alone. */
export type ImportBlock = 'stale' | 'nothing' | 'refused' | null;

export function importBlock(
  report: Pick<ImportReport, 'create' | 'rejected'>,
  onlyGoodRows: boolean,
  stale: boolean,
): ImportBlock {
  if (stale) return 'stale';
  if (report.create.clients === 0) return 'nothing';
  if (report.rejected.length > 0 && !onlyGoodRows) return 'refused';
  return null;
}

/** How many rows were refused (a row with two bad fields counts once). */
export function refusedRows(report: Pick<ImportReport, 'rejected'>): number {
  return new Set(report.rejected.map((r) => r.row)).size;
}

/** "Import 1 client" / "Import 12 clients". */
export function importLabel(clients: number): string {
  return clients === 1 ? t('import.runOne') : t('import.runMany', { n: clients });
}

/** How a choice names a column: by its header (remembered for the next file), or by its
 * letter when the header is blank. */
export function choiceColumn(c: Pick<ImportColumn, 'header' | 'letter'>): string {
  return c.header.trim() ? c.header : c.letter;
}

/** The choices with `column` now mapped to `field` (an earlier choice for it replaced). */
export function withChoice(choices: ImportChoice[], column: string, field: ImportField): ImportChoice[] {
  return [...choices.filter((c) => c.column !== column), { column, field }];
}

/** The field a column's select shows: the user's pending choice, else what Rust mapped;
 * a column Amparo did not recognise is not imported. */
export function shownField(c: ImportColumn, choices: ImportChoice[]): ImportField {
  return choices.find((x) => x.column === choiceColumn(c))?.field ?? c.field ?? 'ignore';
}

/** The field of a refused row in words, with the column(s) it came from:
 * "A-number (column C)". Fields Rust names that no column maps ("row", a model field)
 * read as the form's label for them, or as they are. */
export function rejectionField(field: string, mapping: ImportMapping, lang: Lang): string {
  let words: string;
  if (field === 'row') words = dictionaries[lang]['import.wholeRow'];
  else if (field in importField) words = label(importField, field as ImportField, lang);
  else words = dictionaries[lang][`field.${field}` as Key] ?? field;
  const letters = mapping.columns.filter((c) => c.field === field).map((c) => c.letter);
  if (!letters.length) return words;
  return dictionaries[lang]['import.inColumn'].replace('{field}', words).replace('{letters}', letters.join(', '));
}

/** A report's cell as shown: words as they are, a count hidden as "fewer than N" when the
 * report is de-identified and the count is small but not zero (as Rust writes it). */
export function reportCell(cell: ReportCell, report: Pick<Report, 'deidentified' | 'threshold'>, lang: Lang): string {
  if (typeof cell === 'string') return cell;
  if (report.deidentified && cell > 0 && cell < report.threshold) {
    return dictionaries[lang]['report.fewerThan'].replace('{n}', String(report.threshold));
  }
  return String(cell);
}

/** Whether `text` is a real day written YYYY-MM-DD (Rust would refuse anything else before
 * the command even ran, with a message no volunteer should see). */
export function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The same day a year later, in local time (29 February becomes 1 March). */
export function yearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return localDay(new Date(y + 1, m - 1, d));
}

/** The first day of the year of `day`. */
export function startOfYear(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}

/** "November 25, 2026" / "25 de noviembre de 2026", for a report's letterhead. */
export function longDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The key that names a CSV's delimiter, or null for a workbook. */
export function delimiterKey(delimiter: string | null | undefined): Key | null {
  switch (delimiter) {
    case ',':
      return 'import.delimiter.comma';
    case ';':
      return 'import.delimiter.semicolon';
    case '\t':
      return 'import.delimiter.tab';
    default:
      return null;
  }
}

/** A refusal as one sentence for the top of a form, unless every field it names is shown
 * beside its own input (`inline`): then null. In the user's language when Rust gave one. */
export function generalMessage(e: ApiError, inline: readonly string[]): string | null {
  const other = e.fields.find((f) => !inline.includes(f.field));
  if (other) return e.fieldMessage(other.field) ?? null;
  if (e.fields.length) return null;
  return errorText(e.code, e.message);
}
