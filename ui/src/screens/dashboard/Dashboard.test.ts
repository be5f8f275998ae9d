import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within, waitFor } from '@testing-library/svelte';
import { isoDay } from '../../lib/calendar';
import { setLang } from '../../lib/i18n.svelte';
import { current, reset } from '../../lib/nav.svelte';
import type { Dashboard as DashboardData } from '../../lib/bindings/Dashboard';
import type { HearingListItem } from '../../lib/bindings/HearingListItem';
import type { FilingListItem } from '../../lib/bindings/FilingListItem';
import type { AppointmentItem } from '../../lib/bindings/AppointmentItem';

const hearing = (over: Partial<HearingListItem>): HearingListItem => ({
  id: 1, matter_id: 7, client_id: 3, client_name: 'Haile, Amina', volunteer: null, kind: 'master_calendar',
  starts_at: '2026-12-02 09:30:00', court: null, judge: null, detained: false, attendance: 'in_person',
  outcome: null, date_source: null, confirmed_on: null, created_at: '', updated_at: '', ...over,
});

const confirmFilingStatus = vi.fn(async (id: number, _on: string) => {
  state.receipts = state.receipts.filter((f) => f.id !== id);
  return {};
});
const receipt = (id: number, name: string): FilingListItem => ({
  id, client_id: id + 10, client_name: name, matter_id: id + 20, status_checked_on: id === 1 ? null : '2026-10-02', created_at: '', updated_at: '',
  form: 'i589', description: null, filed_on: '2026-06-01', method: 'mail', tracking_number: null, received_on: '2026-06-10',
  receipt_number: `IOE09000000${id}`, status: 'received', deadline_id: null, preparer: null, review_status: 'none',
  review_requested_by: null, review_requested_at: null, reviewed_by: null, reviewed_at: null, review_comment: null,
});

const state = {
  recheck: [] as HearingListItem[],
  hearings: [] as HearingListItem[],
  receipts: [] as FilingListItem[],
  appointments: [] as AppointmentItem[],
  clients: 0,
};

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      dashboard: async (): Promise<DashboardData> => ({
        today: '2026-11-25', overdue: [], due_within_7: [], due_within_30: [], one_year: [],
        hearings: state.hearings, volunteers: [], recheck: state.recheck,
        recheck_filings: state.receipts, appointments: state.appointments,
        backup: { folder: null, keep: 10, last: null, overdue: false },
      }),
      listClients: async () => ({ items: [], total: state.clients }),
      listConflicts: async () => [],
      clinicAlerts: async () => [],
      clinicView: async () => null,
      confirmFilingStatus: (id: number, on: string) => confirmFilingStatus(id, on),
    },
  };
});

import Dashboard from './Dashboard.svelte';

describe('Dashboard', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    Object.assign(state, { recheck: [], hearings: [], receipts: [], appointments: [], clients: 5 });
  });

  it('lists hearing dates to check again, with how to check and a way to the client', async () => {
    state.recheck = [hearing({}), hearing({ id: 2, client_id: 4, client_name: 'Tesfaye, Bereket', confirmed_on: '2026-11-02', starts_at: '2026-12-09 13:00:00' })];
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /Hearing dates to check again/ });
    expect(panel.id).toBe('recheck');
    expect(panel).toHaveTextContent('1-800-898-7180');
    expect(panel).toHaveTextContent('Confirmed on');
    expect(panel).toHaveTextContent('9:30 AM');
    expect(panel).toHaveTextContent('1:00 PM');
    expect(panel).toHaveTextContent('never checked');
    expect(panel).toHaveTextContent('last checked Nov 2, 2026');
    await fireEvent.click(within(panel).getByRole('button', { name: 'Tesfaye, Bereket' }));
    expect(current()).toEqual({ name: 'client', id: 4 });
  });

  it('hides the re-check panel when every date is fresh, and shows 24-hour times in Spanish', async () => {
    state.hearings = [hearing({ starts_at: '2026-11-26 14:15:00' })];
    setLang('es');
    render(Dashboard);
    expect(await screen.findByText(/14:15/)).toBeInTheDocument();
    expect(document.getElementById('recheck')).toBeNull();
    setLang('en');
  });

  it('offers first steps when the vault has no clients', async () => {
    state.clients = 0;
    render(Dashboard);
    const add = await screen.findByRole('button', { name: 'Add your first client' });
    expect(add.id).toBe('first-client');
    await fireEvent.click(screen.getByRole('button', { name: 'Import a spreadsheet' }));
    expect(current()).toEqual({ name: 'exchange', tab: 'import' });
    await fireEvent.click(add);
    expect(current()).toEqual({ name: 'newClient' });
  });

  it('shows no first steps once there are clients', async () => {
    render(Dashboard);
    await screen.findByText('Hearings this week and next');
    expect(document.getElementById('first-client')).toBeNull();
  });
});

describe('Dashboard: receipts and appointments', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    Object.assign(state, { recheck: [], hearings: [], receipts: [], appointments: [], clients: 5 });
  });

  it('lists receipts to check, records a check today and moves the focus to the next one', async () => {
    state.receipts = [receipt(1, 'Haile, Amina'), receipt(2, 'Tesfaye, Bereket')];
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /Receipts to check/ });
    expect(panel).toHaveTextContent('IOE090000001');
    expect(panel).toHaveTextContent('Status not checked yet');
    expect(panel).toHaveTextContent('Status last checked Oct 2, 2026');
    await fireEvent.click(document.getElementById('filing-checked-1')!);
    await waitFor(() => expect(confirmFilingStatus).toHaveBeenCalledWith(1, isoDay(new Date())));
    await waitFor(() => expect(panel).not.toHaveTextContent('Haile, Amina'));
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('filing-checked-2')));
  });

  it('lists this week’s and next week’s appointments with their place and who goes along', async () => {
    state.appointments = [
      {
        id: 4, matter_id: 8, kind: 'isap_check_in', starts_at: '2026-11-27 10:00:00', place: 'ISAP office, Hyattsville', accompanied_by: 'Rosa',
        outcome: null, outcome_note: null, created_at: '', updated_at: '', client_id: 2, client_name: 'Tesfaye, Yonas', assigned_to: 'Lucía Ramos',
      },
    ];
    render(Dashboard);
    const panel = (await screen.findByText('Appointments this week and next')).closest('section')!;
    expect(panel).toHaveTextContent('10:00 AM');
    expect(panel).toHaveTextContent('ISAP check-in');
    expect(panel).toHaveTextContent('Tesfaye, Yonas');
    expect(panel).toHaveTextContent('ISAP office, Hyattsville · with Rosa · Lucía Ramos');
    await fireEvent.click(within(panel).getByRole('button', { name: /Tesfaye, Yonas/ }));
    expect(current()).toEqual({ name: 'matter', id: 8 });
  });
});
