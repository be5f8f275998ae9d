import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { SearchHit } from '../../lib/bindings/SearchHit';
import type { ClientSummary } from '../../lib/bindings/ClientSummary';

const hit: SearchHit = {
  client_id: 3, given_name: 'Amina', family_name: 'Haile', a_number: '201555019', nationality: 'ER', detention_status: 'detained',
  archived_at: '2026-01-05T10:00:00Z', receipt_number: 'IOE0912345678',
};
const summary: ClientSummary = {
  id: 4, given_name: 'Yonas', family_name: 'Tesfaye', a_number: null, nationality: 'GT', detention_status: 'not_detained',
  open_matters: 1, deleted_at: null, archived_at: null,
};
const api = vi.hoisted(() => ({
  searchClients: vi.fn(async () => [] as SearchHit[]),
  listClients: vi.fn(async () => ({ items: [] as ClientSummary[], total: 0 })),
  countries: async () => [
    { code: 'ER', en: 'Eritrea', es: 'Eritrea' },
    { code: 'GT', en: 'Guatemala', es: 'Guatemala' },
  ],
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import ClientList from './ClientList.svelte';

const byId = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('ClientList', () => {
  beforeEach(() => {
    setLang('en');
    api.searchClients.mockClear();
    api.listClients.mockClear();
    api.searchClients.mockResolvedValue([hit]);
    api.listClients.mockResolvedValue({ items: [summary], total: 1 });
  });

  it('keeps “Detained only” while searching', async () => {
    render(ClientList);
    await fireEvent.input(byId('client-search'), { target: { value: '5019' } });
    await waitFor(() => expect(api.searchClients).toHaveBeenLastCalledWith('5019', false));
    await fireEvent.click(byId('detained-only'));
    await waitFor(() => expect(api.searchClients).toHaveBeenLastCalledWith('5019', true));
  });

  it('says what digits find, and shows a hit’s country by name, the receipt that matched, and that it is archived', async () => {
    render(ClientList);
    expect(byId('client-search').placeholder).toBe('Name, A-number or receipt number');
    expect(screen.getByText(/Four to eight digits/)).toBeInTheDocument();
    await fireEvent.input(byId('client-search'), { target: { value: 'IOE0912345678' } });
    const row = (await screen.findByRole('button', { name: 'Haile, Amina' })).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('Eritrea'));
    expect(row).toHaveTextContent('Receipt IOE0912345678');
    expect(row).toHaveTextContent('Archived');
    expect(row).toHaveTextContent('Detained');
  });

  it('lists the archived clients instead when asked', async () => {
    render(ClientList);
    expect(await screen.findByText('Guatemala')).toBeInTheDocument();
    await fireEvent.click(byId('show-archived'));
    await waitFor(() => expect(api.listClients).toHaveBeenLastCalledWith(expect.objectContaining({ archived: true, deleted: false })));
    await fireEvent.click(byId('show-deleted'));
    await waitFor(() => expect(api.listClients).toHaveBeenLastCalledWith(expect.objectContaining({ archived: false, deleted: true })));
  });
});
