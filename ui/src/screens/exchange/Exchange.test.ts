import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { IcsOptions } from '../../lib/bindings/IcsOptions';
import type { ReportOptions } from '../../lib/bindings/ReportOptions';
import type { Report } from '../../lib/bindings/Report';

const steps: string[] = [];
const exportCalendar = vi.fn(async (file: string, _options: IcsOptions) => ({ hearings: 2, deadlines: 5, appointments: 3, floating: 1, path: file }));
const report = (options: ReportOptions): Report => ({
  kind: 'caseload',
  title: { en: 'Caseload by volunteer', es: 'Carga de casos por voluntario/a' },
  from: options.from,
  to: options.to,
  generated_on: '2026-11-25',
  deidentified: options.deidentified,
  threshold: options.threshold,
  clinic: 'Clínica Esperanza',
  columns: [{ en: 'Volunteer', es: 'Voluntario/a' }, { en: 'Open matters now', es: 'Casos abiertos hoy' }],
  rows: [['Volunteer A', 3], ['Volunteer B', 12]],
  notes: [],
});
const buildReport = vi.fn(async (options: ReportOptions) => report(options));
const recordPrintedReport = vi.fn(async (_options: ReportOptions) => {
  steps.push('recorded');
});

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  // Called through, so the mocks are read when the screens call them, not when hoisted.
  return {
    ...real,
    api: {
      exportCalendar: (file: string, options: IcsOptions) => exportCalendar(file, options),
      buildReport: (options: ReportOptions) => buildReport(options),
      recordPrintedReport: (options: ReportOptions) => recordPrintedReport(options),
    },
  };
});

import ExportCalendar from './ExportCalendar.svelte';
import Reports from './Reports.svelte';

describe('ExportCalendar', () => {
  beforeEach(() => {
    setLang('en');
    exportCalendar.mockClear();
  });

  it('exports a year from today with case references by default, in the app’s language', async () => {
    render(ExportCalendar);
    await fireEvent.input(screen.getByLabelText('Save the calendar as'), { target: { value: '/tmp/amparo.ics' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));
    await waitFor(() => expect(exportCalendar).toHaveBeenCalledTimes(1));
    const options = exportCalendar.mock.calls[0][1];
    expect(options.names).toBe('reference');
    expect(options.spanish).toBe(false);
    expect(Number(options.to.slice(0, 4)) - Number(options.from.slice(0, 4))).toBe(1);
    expect(await screen.findByText(/floating/)).toBeInTheDocument();
    expect(document.querySelector('[data-count="appointments"]')).toHaveTextContent('Appointments (check-ins, biometrics, interviews): 3');
  });

  it('asks before putting full names in a phone’s calendar', async () => {
    render(ExportCalendar);
    await fireEvent.input(screen.getByLabelText('Save the calendar as'), { target: { value: '/tmp/amparo.ics' } });
    await fireEvent.click(screen.getByLabelText(/Full names/));
    await fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));
    expect(await screen.findByText(/servers it syncs to\. Continue\?/)).toBeInTheDocument();
    expect(exportCalendar).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'No, go back' }));
    expect(exportCalendar).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Yes, use full names' }));
    await waitFor(() => expect(exportCalendar).toHaveBeenCalledWith('/tmp/amparo.ics', expect.objectContaining({ names: 'full' })));
  });

  it('refuses a date that is not YYYY-MM-DD before asking Rust', async () => {
    render(ExportCalendar);
    await fireEvent.input(screen.getByLabelText('To'), { target: { value: '11/25/2027' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));
    expect(await screen.findByText(/Write the date as YYYY-MM-DD/)).toBeInTheDocument();
    expect(exportCalendar).not.toHaveBeenCalled();
  });
});

describe('Reports', () => {
  const realPrint = window.print;
  beforeEach(() => {
    setLang('en');
    steps.length = 0;
    window.print = () => {
      steps.push('printed');
    };
  });
  afterEach(() => {
    window.print = realPrint;
  });

  it('hides small counts when de-identified, and records a print before printing', async () => {
    render(Reports);
    await fireEvent.click(screen.getByLabelText(/De-identified/));
    await fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const table = await screen.findByRole('table', { name: 'Caseload by volunteer' });
    expect(table).toHaveTextContent('fewer than 5');
    expect(table).toHaveTextContent('12');
    expect(screen.getByText('Clínica Esperanza')).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    await waitFor(() => expect(steps).toEqual(['recorded', 'printed']));
    expect(recordPrintedReport).toHaveBeenCalledWith(expect.objectContaining({ kind: 'caseload', deidentified: true, threshold: 5 }));
  });

  it('makes the report again in Spanish when the app changes language', async () => {
    render(Reports);
    await fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await screen.findByRole('table', { name: 'Caseload by volunteer' });
    buildReport.mockClear();
    setLang('es');
    await waitFor(() => expect(buildReport).toHaveBeenCalledWith(expect.objectContaining({ spanish: true })));
    expect(await screen.findByRole('table', { name: 'Carga de casos por voluntario/a' })).toBeInTheDocument();
    setLang('en');
  });
});
