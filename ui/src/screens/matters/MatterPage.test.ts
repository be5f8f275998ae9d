import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { draftToKeep, go, pendingScreen, reset, restoreDraft } from '../../lib/nav.svelte';
import type { Hearing } from '../../lib/bindings/Hearing';
import type { Filing } from '../../lib/bindings/Filing';
import type { MatterDetail } from '../../lib/bindings/MatterDetail';

const hearing: Hearing = {
  id: 12, created_at: '', updated_at: '', matter_id: 7, kind: 'master_calendar', starts_at: '2026-12-02 09:30:00',
  court: 'Baltimore Immigration Court', judge: null, detained: false, attendance: 'in_person', outcome: null,
  date_source: null, confirmed_on: null,
};
const filing: Filing = {
  id: 5, created_at: '', updated_at: '', matter_id: 7, form: 'i589', description: null, filed_on: null, method: null,
  tracking_number: null, received_on: null, receipt_number: null, status: 'draft', deadline_id: null, preparer: null,
  review_status: 'none', review_requested_by: null, review_requested_at: null, reviewed_by: null, reviewed_at: null,
  review_comment: null,
};
const detail = (): MatterDetail => ({
  matter: {
    id: 7, created_at: '', updated_at: '', deleted_at: null, client_id: 3, kind: 'defensive_asylum', forum: 'immigration_court',
    court_name: null, judge: null, status: 'open', stage: null, assigned_to: null, opened_on: '2026-01-05', closed_on: null,
    outcome: null, closing_reason: null, representation: null,
  },
  client_name: 'Haile, Amina', client_a_number: null, hearings: [hearing], deadlines: [], filings: [filing], notes: [],
});

const api = vi.hoisted(() => ({
  getMatter: vi.fn(),
  addHearing: vi.fn(),
  addNote: vi.fn(async () => ({})),
  closeMatter: vi.fn(async () => ({})),
  clinicView: async () => null,
  seenNewCase: async () => {},
  listConflicts: async () => [],
  clinicAlerts: async () => [],
  assignmentHistory: async () => [],
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import MatterPage from './MatterPage.svelte';

const byId = (id: string) => document.getElementById(id) as HTMLInputElement;
const opened = () => screen.findByRole('heading', { level: 1, name: /Haile, Amina/ });

describe('MatterPage: focus', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.getMatter.mockImplementation(async () => detail());
  });

  it('puts the focus in a new hearing form, then on "Add hearing" once it is saved', async () => {
    api.addHearing.mockResolvedValue({ ...hearing, id: 13, kind: 'bond', starts_at: '2026-12-09 13:00:00' });
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(screen.getByRole('button', { name: 'Add hearing' }));
    expect(document.activeElement).toBe(byId('hearing-kind'));
    await fireEvent.change(byId('hearing-kind'), { target: { value: 'bond' } });
    await fireEvent.input(byId('starts_at'), { target: { value: '2026-12-09 13:00' } });
    await fireEvent.click(byId('save-hearing'));
    await waitFor(() => expect(document.querySelector('#hearing-form')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(byId('add-hearing')));
  });

  it('opens the event panel after a new master hearing, with the focus on its first field', async () => {
    api.addHearing.mockResolvedValue({ ...hearing, id: 13 });
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(screen.getByRole('button', { name: 'Add hearing' }));
    await fireEvent.input(byId('starts_at'), { target: { value: '2026-12-02 09:30' } });
    await fireEvent.click(byId('save-hearing'));
    await waitFor(() => expect(document.activeElement).toBe(byId('event-kind')));
  });

  it('moves the focus to the heading once the matter is closed, and back to "Close" on cancel', async () => {
    render(MatterPage, { id: 7 });
    const heading = await opened();
    await fireEvent.click(byId('close-matter'));
    expect(document.activeElement).toBe(byId('closed_on'));
    await fireEvent.click(byId('close-cancel'));
    await waitFor(() => expect(document.activeElement).toBe(byId('close-matter')));
    await fireEvent.click(byId('close-matter'));
    await fireEvent.change(byId('close-outcome'), { target: { value: 'withdrawn' } });
    await fireEvent.click(byId('confirm-close'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('leaves the focus in the note box after a note is added', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.input(byId('note-body'), { target: { value: 'Called the court' } });
    await fireEvent.click(byId('add-note'));
    await waitFor(() => expect(api.addNote).toHaveBeenCalled());
    await waitFor(() => expect(document.activeElement).toBe(byId('note-body')));
  });
});

describe('MatterPage: drafts kept across a lock', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.getMatter.mockImplementation(async () => detail());
  });

  it('keeps a note being typed, and asks before leaving it', async () => {
    go({ name: 'matter', id: 7 });
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.input(byId('note-body'), { target: { value: 'Client moved to Texas' } });
    expect(draftToKeep()).toEqual({ screen: { name: 'matter', id: 7 }, forms: { note: { body: 'Client moved to Texas' } } });
    go({ name: 'clients' });
    expect(pendingScreen()).toEqual({ name: 'clients' });
  });

  it('keeps a half-typed hearing and opens it again, filled in, after unlocking', async () => {
    go({ name: 'matter', id: 7 });
    const first = render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('add-hearing'));
    await fireEvent.input(byId('starts_at'), { target: { value: '2026-12-09 13:00' } });
    await fireEvent.input(byId('hearing-judge'), { target: { value: 'Judge Ortiz' } });
    const kept = draftToKeep();
    expect(kept?.forms).toHaveProperty('hearing');
    first.unmount();
    reset();

    restoreDraft(JSON.parse(JSON.stringify(kept)));
    render(MatterPage, { id: 7 });
    await waitFor(() => expect(byId('hearing-judge')?.value).toBe('Judge Ortiz'));
    expect(byId('starts_at').value).toBe('2026-12-09 13:00');
    expect(document.activeElement).toBe(byId('hearing-kind'));
    // Still unsaved: locking again keeps it again.
    expect(draftToKeep()?.forms).toHaveProperty('hearing');
  });

  it('opens the change to the hearing that was being changed', async () => {
    restoreDraft({ screen: { name: 'matter', id: 7 }, forms: { 'hearing:12': { judge: 'Judge Ortiz' } } });
    render(MatterPage, { id: 7 });
    expect(await screen.findByRole('heading', { name: 'Change the hearing' })).toBeInTheDocument();
    expect(byId('hearing-judge').value).toBe('Judge Ortiz');
    expect(byId('hearing-court').value).toBe('Baltimore Immigration Court');
  });

  it('opens a kept filing, and a kept note, filled in', async () => {
    restoreDraft({
      screen: { name: 'matter', id: 7 },
      forms: { filing: { description: 'I-589 with declaration' }, note: { body: 'Waiting for the translation' } },
    });
    render(MatterPage, { id: 7 });
    await waitFor(() => expect(byId('filing-description')?.value).toBe('I-589 with declaration'));
    expect(byId('note-body').value).toBe('Waiting for the translation');
    expect(Object.keys(draftToKeep()!.forms).sort()).toEqual(['filing', 'note']);
  });
});
