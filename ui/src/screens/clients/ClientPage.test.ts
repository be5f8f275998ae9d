import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { reset } from '../../lib/nav.svelte';
import type { Client } from '../../lib/bindings/Client';
import type { ClientDetail } from '../../lib/bindings/ClientDetail';
import type { Matter } from '../../lib/bindings/Matter';
import type { CustodyPeriod } from '../../lib/bindings/CustodyPeriod';

const client: Client = {
  id: 9, created_at: '', updated_at: '', deleted_at: null, archived_at: null, given_name: 'Yonas', family_name: 'Tesfaye', other_names: [],
  date_of_birth: null, nationality: null, languages: [], interpreter_needed: false, a_number: null, no_a_number: true,
  phone: null, email: null, address: null, detention_status: 'detained', detention_facility: 'Farmville Detention Center', detained_since: null,
  released_on: null, last_arrival: null, manner_of_entry: null, principal_id: null, relationship: null, derivative: false,
};
const matter = (status: Matter['status']): Matter => ({
  id: 7, created_at: '', updated_at: '', deleted_at: null, client_id: 9, kind: 'bond', forum: 'immigration_court',
  court_name: null, judge: null, status, stage: null, assigned_to: null, opened_on: '2026-01-05', closed_on: null,
  outcome: null, closing_reason: null, representation: null,
});
const period: CustodyPeriod = {
  id: 2, created_at: '', updated_at: '', client_id: 9, facility: 'Farmville Detention Center', detained_on: '2026-09-14', released_on: null,
  bond_amount: 7500, bond_status: 'set', alternative: null, notes: null,
};
let detail: ClientDetail;

const api = vi.hoisted(() => ({
  getClient: vi.fn(),
  addCustodyPeriod: vi.fn(),
  updateCustodyPeriod: vi.fn(),
  archiveClient: vi.fn(async () => {}),
  unarchiveClient: vi.fn(async () => {}),
  countries: async () => [],
  documents: async () => [],
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import { ApiError } from '../../lib/api';
import ClientPage from './ClientPage.svelte';

const byId = (id: string) => document.getElementById(id) as HTMLInputElement;
const opened = () => screen.findByRole('heading', { level: 1, name: 'Tesfaye, Yonas' });

describe('ClientPage: custody', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    detail = { client, matters: [matter('open')], family: { principal: null, members: [] }, notes: [], history: [], custody: [period] };
    api.getClient.mockImplementation(async () => detail);
  });

  it('lists a period with its facility, dates, bond and status', async () => {
    render(ClientPage, { id: 9 });
    await opened();
    const section = document.getElementById('custody')!;
    expect(section).toHaveTextContent('Farmville Detention Center');
    expect(section).toHaveTextContent('since Sep 14, 2026 (still detained)');
    expect(section).toHaveTextContent('Bond: Set, $7,500');
  });

  it('shows the core’s refusal under the field it concerns, and saves nothing', async () => {
    api.addCustodyPeriod.mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: 'invalid',
        fields: [{ field: 'bond_amount', message: { en: 'A bond amount goes with a bond that was set or posted.', es: 'Un monto…' } }],
      }),
    );
    render(ClientPage, { id: 9 });
    await opened();
    await fireEvent.click(byId('custody-add'));
    expect(document.activeElement).toBe(byId('custody-facility'));
    await fireEvent.input(byId('custody-detained-on'), { target: { value: '2026-02-01' } });
    await fireEvent.change(byId('custody-bond-status'), { target: { value: 'denied' } });
    await fireEvent.input(byId('custody-bond-amount'), { target: { value: '$7,500' } });
    await fireEvent.click(byId('custody-save'));
    await waitFor(() => expect(document.getElementById('custody-bond-amount-error')).toHaveTextContent('goes with a bond that was set'));
    expect(api.addCustodyPeriod).toHaveBeenCalledWith(expect.objectContaining({ client_id: 9, bond_status: 'denied', bond_amount: '$7,500' }));
    expect(byId('custody-bond-amount')).toHaveAttribute('aria-invalid', 'true');
    expect(byId('custody-detained-on')).toHaveAttribute('aria-invalid', 'false');
    expect(document.getElementById('custody-form')).not.toBeNull();
  });

  it('saves a release and reloads the client, whose status follows', async () => {
    api.updateCustodyPeriod.mockResolvedValue({ ...period, released_on: '2026-11-20' });
    render(ClientPage, { id: 9 });
    await opened();
    await fireEvent.click(byId('custody-edit-2'));
    expect(byId('custody-bond-amount').value).toBe('$7,500');
    await fireEvent.input(byId('custody-released-on'), { target: { value: '2026-11-20' } });
    const loads = api.getClient.mock.calls.length;
    await fireEvent.click(byId('custody-save'));
    await waitFor(() => expect(api.updateCustodyPeriod).toHaveBeenCalledWith(2, expect.objectContaining({ released_on: '2026-11-20' })));
    await waitFor(() => expect(api.getClient.mock.calls.length).toBeGreaterThan(loads));
    await waitFor(() => expect(document.activeElement).toBe(byId('custody-add')));
  });
});

describe('ClientPage: archive', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.getClient.mockImplementation(async () => detail);
  });

  it('offers to archive only once every matter is closed', async () => {
    detail = { client, matters: [matter('open')], family: { principal: null, members: [] }, notes: [], history: [], custody: [] };
    const first = render(ClientPage, { id: 9 });
    await opened();
    expect(byId('archive-client')).toBeNull();
    first.unmount();

    detail = { ...detail, matters: [matter('closed')] };
    render(ClientPage, { id: 9 });
    await opened();
    await fireEvent.click(byId('archive-client'));
    expect(api.archiveClient).toHaveBeenCalledWith(9);
  });

  it('shows the core’s reason when it refuses to archive', async () => {
    detail = { client, matters: [matter('closed')], family: { principal: null, members: [] }, notes: [], history: [], custody: [] };
    api.archiveClient.mockRejectedValueOnce(
      new ApiError({ code: 'conflict', message: 'This client has 1 case(s) not closed. Close every case before archiving the client.', fields: [] }),
    );
    render(ClientPage, { id: 9 });
    await opened();
    await fireEvent.click(byId('archive-client'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Close every case before archiving the client.');
  });

  it('says an archived client is archived, and brings them back', async () => {
    detail = { client: { ...client, archived_at: '2026-11-02T10:00:00Z' }, matters: [matter('closed')], family: { principal: null, members: [] }, notes: [], history: [], custody: [] };
    render(ClientPage, { id: 9 });
    await opened();
    expect(document.getElementById('client-archived')).toHaveTextContent('This client is archived (since Nov 2, 2026)');
    await fireEvent.click(byId('unarchive-client'));
    expect(api.unarchiveClient).toHaveBeenCalledWith(9);
  });
});

describe('ClientPage: reading a client', () => {
  beforeEach(() => {
    reset();
    api.getClient.mockImplementation(async () => detail);
  });

  it('labels languages and other names without the form’s typing hints, in both languages', async () => {
    const c = { ...client, languages: ['ti', 'en'], other_names: ['Yonas T.'] };
    detail = { client: c, matters: [], family: { principal: null, members: [] }, notes: [], history: [], custody: [] };
    for (const [lang, name] of [['en', 'Languages'], ['es', 'Idiomas']] as const) {
      setLang(lang);
      const page = render(ClientPage, { id: 9 });
      await opened();
      const term = screen.getByText(name, { selector: 'dt' });
      expect(term.nextElementSibling?.textContent).toBe('ti, en');
      expect(document.body.textContent).not.toMatch(/comma|comas|per line|por línea/);
      page.unmount();
    }
  });
});
