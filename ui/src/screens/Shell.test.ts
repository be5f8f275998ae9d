import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../lib/i18n.svelte';
import { go, reset } from '../lib/nav.svelte';
import type { Client } from '../lib/bindings/Client';
import type { Matter } from '../lib/bindings/Matter';

const client: Client = {
  id: 9, created_at: '', updated_at: '', deleted_at: null, archived_at: null, given_name: 'Yonas', family_name: 'Tesfaye', other_names: [],
  date_of_birth: null, nationality: null, languages: [], interpreter_needed: false, a_number: null, no_a_number: true,
  phone: null, email: null, address: null, detention_status: 'not_detained', detention_facility: null, detained_since: null,
  released_on: null, last_arrival: null, manner_of_entry: null, principal_id: null, relationship: null, derivative: false,
};
const matter: Matter = {
  id: 7, created_at: '', updated_at: '', deleted_at: null, client_id: 9, kind: 'defensive_asylum', forum: 'immigration_court',
  court_name: null, judge: null, status: 'open', stage: null, assigned_to: null, opened_on: '2026-01-05', closed_on: null,
  outcome: null, closing_reason: null, representation: null,
};

const api = vi.hoisted(() => ({
  addClient: vi.fn(),
  addMatter: vi.fn(),
  getClient: vi.fn(),
  getMatter: vi.fn(),
  vaultIntegrity: vi.fn(),
  clinicView: async () => null,
  countries: async () => [],
  similarClients: async () => [],
  volunteerNames: async () => [],
  seenNewCase: async () => {},
  listConflicts: async () => [],
  clinicAlerts: async () => [],
  assignmentHistory: async () => [],
  documents: vi.fn(async () => []),
  checklist: async () => ({ matter_id: 7, kind: 'defensive_asylum', edition: '2026-12-06', lines: [], missing: 0 }),
  droppedDocuments: vi.fn(),
  attachDocument: vi.fn(),
  getSettings: vi.fn(),
  saveSettings: vi.fn(),
}));
vi.mock('../lib/api', async (original) => ({ ...(await original<typeof import('../lib/api')>()), api }));

import Shell from './Shell.svelte';

describe('Shell: the focus after a save', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.addClient.mockResolvedValue(client);
    api.addMatter.mockResolvedValue(matter);
    api.vaultIntegrity.mockResolvedValue({ state: 'sound' });
    api.getClient.mockResolvedValue({ client, matters: [], family: { principal: null, members: [] }, notes: [], history: [], custody: [] });
    api.getMatter.mockResolvedValue({ matter, client_name: 'Tesfaye, Yonas', client_a_number: null, derivatives: [], hearings: [], deadlines: [], filings: [], notes: [],
      appointments: [], hearing_kinds: ['master_calendar', 'individual'], appointment_kinds: ['ice_check_in'],
    });
  });

  it('goes from the new client form to the heading of the client just saved', async () => {
    go({ name: 'newClient' });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    const given = screen.getByLabelText('Given name(s)');
    expect(document.activeElement).toBe(given);
    await fireEvent.input(given, { target: { value: 'Yonas' } });
    await fireEvent.input(screen.getByLabelText('Family name(s)'), { target: { value: 'Tesfaye' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Tesfaye, Yonas' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('goes from the new matter form to the heading of the matter just opened', async () => {
    go({ name: 'newMatter', clientId: 9 });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    expect(document.activeElement).toBe(document.getElementById('matter-kind'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const heading = await screen.findByRole('heading', { level: 1, name: /Tesfaye, Yonas/ });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.activeElement).not.toBe(document.body);
  });
});

describe('Shell: the check after unlocking', () => {
  beforeEach(() => {
    reset();
    api.getClient.mockResolvedValue({ client, matters: [], family: { principal: null, members: [] }, notes: [], history: [], custody: [] });
  });

  it('says nothing of a sound vault', async () => {
    setLang('en');
    api.vaultIntegrity.mockResolvedValue({ state: 'sound' });
    go({ name: 'client', id: 9 });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    await screen.findByRole('heading', { level: 1, name: 'Tesfaye, Yonas' });
    expect(api.vaultIntegrity).toHaveBeenCalled();
    expect(document.getElementById('vault-damaged')).toBeNull();
  });

  it('tells why saving stopped and what to do when it found damage, in Spanish too', async () => {
    setLang('es');
    api.vaultIntegrity.mockResolvedValue({ state: 'damaged', detail: '2 page(s) fail authentication' });
    go({ name: 'client', id: 9 });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    const banner = await screen.findByRole('alert');
    expect(banner.id).toBe('vault-damaged');
    expect(banner.textContent).toContain('2 page(s) fail authentication');
    expect(banner.textContent).toContain('restaure la bóveda desde su copia de seguridad');
    setLang('en');
  });
});

describe('Shell: files dropped on the window', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.vaultIntegrity.mockResolvedValue({ state: 'sound' });
    api.getClient.mockResolvedValue({ client, matters: [], family: { principal: null, members: [] }, notes: [], history: [], custody: [] });
    api.droppedDocuments.mockReset().mockResolvedValue([{ token: 5, name: 'Carta.pdf', size: 900 }]);
    api.attachDocument.mockReset();
  });

  it('with no client or case on screen, takes them and says to open one first', async () => {
    go({ name: 'newClient' });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    await screen.findByLabelText('Given name(s)');
    window.dispatchEvent(new Event('amparo-drop'));
    await waitFor(() => expect(document.getElementById('drop-message')).toHaveTextContent('open a client or a case first'));
    expect(api.droppedDocuments).toHaveBeenCalledTimes(1);
    expect(api.attachDocument).not.toHaveBeenCalled();
    // The notice belongs to that screen.
    go({ name: 'client', id: 9 });
    await screen.findByRole('heading', { level: 1, name: 'Tesfaye, Yonas' });
    expect(document.getElementById('drop-message')).toBeNull();
  });

  it('on a client’s page, attaches them to the client', async () => {
    api.attachDocument.mockResolvedValue({});
    go({ name: 'client', id: 9 });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    await screen.findByRole('heading', { level: 1, name: 'Tesfaye, Yonas' });
    await screen.findByText('No documents yet.');
    window.dispatchEvent(new Event('amparo-drop'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Attach here' }));
    await waitFor(() => expect(api.attachDocument).toHaveBeenCalledWith({ kind: 'client', id: 9 }, 5, null, null));
    expect(document.getElementById('drop-message')).toBeNull();
  });
});

describe('Shell: the language switch in the header', () => {
  it('is saved, so the next start opens in the language chosen', async () => {
    reset();
    setLang('en');
    const settings = { language: 'en', auto_lock_minutes: 10 };
    api.getSettings.mockResolvedValue(settings);
    api.saveSettings.mockResolvedValue(undefined);
    go({ name: 'newClient' });
    render(Shell, { onLock: () => {}, vaultPath: '' });
    await fireEvent.click(screen.getByRole('button', { name: 'Español' }));
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ ...settings, language: 'es' }));
    expect(screen.getByRole('button', { name: 'English' })).toBeInTheDocument();
    setLang('en');
  });
});
