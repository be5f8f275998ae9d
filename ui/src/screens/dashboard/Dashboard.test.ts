import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within, waitFor } from '@testing-library/svelte';
import { isoDay } from '../../lib/calendar';
import { setLang } from '../../lib/i18n.svelte';
import { current, reset } from '../../lib/nav.svelte';
import type { Dashboard as DashboardData } from '../../lib/bindings/Dashboard';
import type { HearingListItem } from '../../lib/bindings/HearingListItem';
import type { FilingListItem } from '../../lib/bindings/FilingListItem';
import type { AppointmentItem } from '../../lib/bindings/AppointmentItem';
import type { DashboardCounts } from '../../lib/bindings/DashboardCounts';
import type { DeadlineGroup } from '../../lib/bindings/DeadlineGroup';
import type { DeadlineListItem } from '../../lib/bindings/DeadlineListItem';
import type { MissingEvidence as MissingEvidenceItem } from '../../lib/bindings/MissingEvidence';

const hearing = (over: Partial<HearingListItem>): HearingListItem => ({
  id: 1, matter_id: 7, client_id: 3, client_name: 'Haile, Amina', volunteer: null, kind: 'master_calendar',
  starts_at: '2026-12-02 09:30:00', court: null, judge: null, detained: false, attendance: 'in_person',
  outcome: null, date_source: null, confirmed_on: null, created_at: '', updated_at: '', ...over,
});

const deadline = (id: number, daysLeft: number): DeadlineListItem => ({
  id, matter_id: 100 + id, client_id: 200 + id, client_name: `Client ${id}`, days_left: daysLeft, volunteer: null, court: null,
  status: 'open', done_on: null, waived_reason: null, created_at: '', updated_at: '', known_title: null, title: `Brief ${id}`,
  due_on: '2026-11-20', source: { kind: 'manual', reason: '' }, assigned_to: null, explanation: null, served_by_mail: false,
  rule_days: null, before_conclusion: false, washington_area: false, computed_due_on: null, override_reason: null,
});
// The core's paged groups: `total` deadlines in all, numbered from 1.
const deadlineGroup = vi.fn(async (_group: DeadlineGroup, offset: number, limit: number) => {
  const n = Math.max(0, Math.min(limit, state.groupTotal - offset));
  return { items: Array.from({ length: n }, (_, i) => deadline(offset + i + 1, -3)), total: state.groupTotal };
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
  overdue: [] as DeadlineListItem[],
  // Left out, the counts are the lengths of the lists, as when nothing was cut.
  counts: {} as Partial<DashboardCounts>,
  groupTotal: 0,
  clients: 0,
  evidence: [] as MissingEvidenceItem[],
};

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      dashboard: async (): Promise<DashboardData> => ({
        today: '2026-11-25', overdue: state.overdue, due_within_7: [], due_within_30: [], one_year: [],
        counts: { overdue: state.overdue.length, due_within_7: 0, due_within_30: 0, one_year: 0, hearings: state.hearings.length, missing_evidence: state.evidence.length, ...state.counts },
        hearings: state.hearings, volunteers: [], recheck: state.recheck,
        recheck_filings: state.receipts, appointments: state.appointments,
        backup: { folder: null, keep: 10, last: null, overdue: false }, missing_evidence: state.evidence,
      }),
      listClients: async () => ({ items: [], total: state.clients }),
      listConflicts: async () => [],
      clinicAlerts: async () => [],
      clinicView: async () => null,
      confirmFilingStatus: (id: number, on: string) => confirmFilingStatus(id, on),
      deadlineGroup: (group: DeadlineGroup, offset: number, limit: number) => deadlineGroup(group, offset, limit),
    },
  };
});

import Dashboard from './Dashboard.svelte';

describe('Dashboard', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    Object.assign(state, { recheck: [], hearings: [], receipts: [], appointments: [], overdue: [], counts: {}, groupTotal: 0, clients: 5, evidence: [] });
  });

  it('lists cases with an individual hearing soon and evidence missing, with the way to their checklist', async () => {
    state.evidence = [
      { matter_id: 7, client_id: 3, client_name: 'Haile, Amina', hearing_on: '2026-12-10', missing: 4 },
      { matter_id: 8, client_id: 4, client_name: 'Tesfaye, Bereket', hearing_on: '2026-12-20', missing: 1 },
    ];
    state.counts = { missing_evidence: 19 };
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /Evidence still missing/ });
    expect(panel).toHaveTextContent('19');
    expect(panel).toHaveTextContent('4 items missing');
    expect(panel).toHaveTextContent('1 item missing');
    expect(panel).toHaveTextContent('Showing the 2 most urgent of 19.');
    await fireEvent.click(within(panel).getAllByRole('button', { name: 'Open the checklist' })[1]);
    expect(current()).toEqual({ name: 'matter', id: 8 });
  });

  it('shows no evidence panel when nothing is missing', async () => {
    render(Dashboard);
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('region', { name: /Evidence still missing/ })).toBeNull();
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
    Object.assign(state, { recheck: [], hearings: [], receipts: [], appointments: [], overdue: [], counts: {}, groupTotal: 0, clients: 5 });
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

describe('Dashboard: long lists', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    deadlineGroup.mockClear();
    Object.assign(state, { recheck: [], hearings: [], receipts: [], appointments: [], overdue: [], counts: {}, groupTotal: 0, clients: 5 });
  });

  it('counts every deadline in the badge and pages through the whole group, 50 at a time', async () => {
    state.overdue = [deadline(1, -3), deadline(2, -1)];
    state.counts = { overdue: 120 };
    state.groupTotal = 120;
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /^Overdue/ });
    expect(panel.querySelector('h2 .count')).toHaveTextContent(/^120$/);
    expect(panel).toHaveClass('alarm');
    expect(panel).toHaveTextContent('Showing the 2 most urgent of 120.');
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);

    const showAll = document.getElementById('show-all-overdue')!;
    await fireEvent.click(showAll);
    expect(deadlineGroup).toHaveBeenLastCalledWith('overdue', 0, 50);
    const heading = await screen.findByRole('heading', { name: /^Overdue/, level: 2 });
    expect(heading.id).toBe('all-deadlines-title');
    expect(document.activeElement).toBe(heading);
    const full = document.getElementById('all-deadlines')!;
    await waitFor(() => expect(full).toHaveTextContent('1–50 of 120'));
    expect(full.querySelectorAll('li')).toHaveLength(50);
    expect(document.getElementById('dashboard-panels')).not.toBeVisible();

    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(deadlineGroup).toHaveBeenLastCalledWith('overdue', 50, 50);
    await waitFor(() => expect(full).toHaveTextContent('51–100 of 120'));
    const next = screen.getByRole('button', { name: 'Next' });
    next.focus();
    await fireEvent.click(next);
    expect(deadlineGroup).toHaveBeenLastCalledWith('overdue', 100, 50);
    await waitFor(() => expect(full).toHaveTextContent('101–120 of 120'));
    expect(full.querySelectorAll('li')).toHaveLength(20);
    expect(next).toBeDisabled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Previous' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(deadlineGroup).toHaveBeenLastCalledWith('overdue', 50, 50);

    await fireEvent.click(within(full).getByRole('button', { name: /Client 51/ }));
    expect(current()).toEqual({ name: 'matter', id: 151 });
  });

  it('goes back from the whole group to the dashboard, to the button that opened it', async () => {
    state.overdue = [deadline(1, -3)];
    state.counts = { overdue: 3 };
    state.groupTotal = 3;
    render(Dashboard);
    await fireEvent.click(await screen.findByRole('button', { name: 'Show all' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Back to the dashboard' }));
    expect(document.getElementById('all-deadlines')).toBeNull();
    expect(document.getElementById('dashboard-panels')).toBeVisible();
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('show-all-overdue')));
  });

  it('offers no "Show all" when every deadline is listed, and no alarm when none is due', async () => {
    state.overdue = [deadline(1, -3), deadline(2, -1)];
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /^Overdue/ });
    expect(panel.querySelector('h2 .count')).toHaveTextContent(/^2$/);
    expect(document.getElementById('show-all-overdue')).toBeNull();
    expect(document.getElementById('panel-oneyear')).not.toHaveClass('alarm');
  });

  it('says how many hearings there are in all and opens the calendar’s week for the rest', async () => {
    state.hearings = [hearing({})];
    state.counts = { hearings: 40 };
    render(Dashboard);
    const panel = (await screen.findByText('Hearings this week and next')).closest('section')!;
    expect(panel.querySelector('h2 .count')).toHaveTextContent(/^40$/);
    expect(panel).toHaveTextContent('Showing the first 1 of 40.');
    await fireEvent.click(within(panel).getByRole('button', { name: 'See them all in the calendar' }));
    expect(current()).toEqual({ name: 'calendar', view: 'week' });
  });

  it('says it in Spanish', async () => {
    setLang('es');
    state.overdue = Array.from({ length: 15 }, (_, i) => deadline(i + 1, -3));
    state.counts = { overdue: 230 };
    render(Dashboard);
    const panel = await screen.findByRole('region', { name: /^Vencidos/ });
    expect(panel).toHaveTextContent('Se muestran los 15 más urgentes de 230.');
    expect(within(panel).getByRole('button', { name: /^Ver todos/ })).toBeInTheDocument();
    setLang('en');
  });
});
