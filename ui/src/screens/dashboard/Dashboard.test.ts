import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { current, reset } from '../../lib/nav.svelte';
import type { Dashboard as DashboardData } from '../../lib/bindings/Dashboard';
import type { HearingListItem } from '../../lib/bindings/HearingListItem';

const hearing = (over: Partial<HearingListItem>): HearingListItem => ({
  id: 1, matter_id: 7, client_id: 3, client_name: 'Haile, Amina', kind: 'master_calendar',
  starts_at: '2026-12-02 09:30:00', court: null, judge: null, detained: false, attendance: 'in_person',
  outcome: null, date_source: null, confirmed_on: null, created_at: '', updated_at: '', ...over,
});

const state = { recheck: [] as HearingListItem[], hearings: [] as HearingListItem[], clients: 0 };

vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      dashboard: async (): Promise<DashboardData> => ({
        today: '2026-11-25', overdue: [], due_within_7: [], due_within_30: [], one_year: [],
        hearings: state.hearings, volunteers: [], recheck: state.recheck,
        backup: { folder: null, keep: 10, last: null, overdue: false },
      }),
      listClients: async () => ({ items: [], total: state.clients }),
      listConflicts: async () => [],
      clinicAlerts: async () => [],
      clinicView: async () => null,
    },
  };
});

import Dashboard from './Dashboard.svelte';

describe('Dashboard', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    Object.assign(state, { recheck: [], hearings: [], clients: 5 });
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
