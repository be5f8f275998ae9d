import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { current, draftToKeep, go, pendingScreen, reset, restoreDraft } from '../../lib/nav.svelte';
import type { Hearing } from '../../lib/bindings/Hearing';
import type { Filing } from '../../lib/bindings/Filing';
import type { MatterDetail } from '../../lib/bindings/MatterDetail';
import type { Appointment } from '../../lib/bindings/Appointment';
import { isoDay } from '../../lib/calendar';
import type { Document } from '../../lib/bindings/Document';
import type { Checklist } from '../../lib/bindings/Checklist';

const hearing: Hearing = {
  id: 12, created_at: '', updated_at: '', matter_id: 7, kind: 'master_calendar', starts_at: '2026-12-02 09:30:00',
  court: 'Baltimore Immigration Court', judge: null, detained: false, attendance: 'in_person', outcome: null,
  date_source: null, confirmed_on: null,
};
const filing: Filing = {
  id: 5, status_checked_on: null, created_at: '', updated_at: '', matter_id: 7, form: 'i589', description: null, filed_on: null, method: null,
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
  client_name: 'Haile, Amina', client_a_number: null, derivatives: [], hearings: [hearing], deadlines: [], filings: [filing], notes: [],
  appointments: [], hearing_kinds: ['master_calendar', 'individual', 'bond'], appointment_kinds: ['ice_check_in', 'isap_check_in'],
});

// The checklist of the case with its one item in `state` (hoisted: the api mock uses it).
const checklistOf = vi.hoisted(() => (state: 'missing' | 'attached', documents: number[] = []) => ({
  matter_id: 7, kind: 'defensive_asylum' as const, edition: '2026-12-06', missing: state === 'missing' ? 1 : 0,
  lines: [{
    item: 'identity_documents', label: { en: 'Passport (every page) and other identity documents', es: 'Pasaporte (todas las páginas) y otros documentos de identidad' },
    hint: null, source: 'USCIS, Instructions for Form I-589', doubt: null, clinic_item: false, state, documents, marked_by: null,
  }],
}));

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
  volunteerNames: async () => [],
  addAppointment: vi.fn(),
  updateAppointment: vi.fn(),
  confirmFilingStatus: vi.fn(async () => ({})),
  documents: vi.fn(async (): Promise<Document[]> => []),
  checklist: vi.fn(async (): Promise<Checklist> => checklistOf('missing')),
  pickDocuments: vi.fn(),
  attachDocument: vi.fn(),
  proposeDeadlines: vi.fn(),
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import MatterPage from './MatterPage.svelte';

/** What an auto-lock and the unlock after it do to the page: the draft is kept (as JSON,
 * as the vault stores it), the page goes, and it opens again from the draft. Returns the
 * draft kept. */
function lockAndUnlock(page: { unmount: () => void }) {
  const kept = draftToKeep();
  page.unmount();
  reset();
  restoreDraft(JSON.parse(JSON.stringify(kept)));
  render(MatterPage, { id: 7 });
  return kept;
}

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

  it('shows who wrote a note and who edited it last', async () => {
    api.getMatter.mockImplementation(async () => ({
      ...detail(),
      notes: [
        { id: 1, subject: { kind: 'matter', id: 7 }, body: 'Called the court', created_at: '2026-11-02T15:00:00Z', edited_at: '2026-11-03T15:00:00Z', versions: 2, author: 'Rosa Martínez', edited_by: 'Lucía Ramos' },
        { id: 2, subject: { kind: 'matter', id: 7 }, body: 'Old note', created_at: '2026-10-02T15:00:00Z', edited_at: null, versions: 1, author: null, edited_by: null },
      ],
    }));
    render(MatterPage, { id: 7 });
    await opened();
    const [first, second] = [...document.querySelectorAll('[data-note-meta]')];
    expect(first).toHaveTextContent(/· by Rosa Martínez · edited .* by Lucía Ramos$/);
    expect(second).not.toHaveTextContent('by');
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
    expect(lockAndUnlock(first)?.forms).toHaveProperty('hearing');
    await waitFor(() => expect(byId('hearing-judge')?.value).toBe('Judge Ortiz'));
    expect(byId('starts_at').value).toBe('2026-12-09 13:00');
    expect(document.activeElement).toBe(byId('hearing-kind'));
    // Still unsaved: locking again keeps it again.
    expect(draftToKeep()?.forms).toHaveProperty('hearing');
  });

  it('keeps a half-written close (outcome and reason) and opens it again after unlocking', async () => {
    go({ name: 'matter', id: 7 });
    const first = render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('close-matter'));
    await fireEvent.change(byId('close-outcome'), { target: { value: 'withdrawn' } });
    await fireEvent.input(byId('closing_reason'), { target: { value: 'Client moved to Texas' } });
    expect(lockAndUnlock(first)?.forms).toHaveProperty('close');
    await waitFor(() => expect(byId('closing_reason')?.value).toBe('Client moved to Texas'));
    expect(byId('close-outcome').value).toBe('withdrawn');
    // Cancelled: nothing is left to keep.
    await fireEvent.click(byId('close-cancel'));
    expect(draftToKeep()).toBeNull();
  });

  it('keeps an event being recorded, with the proposals as ticked, and shows them again after unlocking', async () => {
    const computed = (rule: string, due: string) => ({
      rule, name: { en: rule, es: rule }, from: '2026-11-30', due, unrolled: due, also: null, safer: null, days: null,
      with_optional_closures: null, citation: '', source: '', citation_es: '', source_es: '', doubt: null, steps: [],
      explanation: { en: 'counted', es: 'contado' }, table_version: '', suggested: false,
    });
    api.proposeDeadlines.mockResolvedValue([computed('bia-appeal', '2026-12-30'), computed('motion-reopen', '2027-02-28')]);
    go({ name: 'matter', id: 7 });
    const first = render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('record-event'));
    await fireEvent.input(byId('event-date'), { target: { value: '2026-11-30' } });
    await fireEvent.click(byId('show-proposals'));
    const box = async (rule: string) => (await screen.findByText(new RegExp(rule))).closest('label')!.querySelector('input')!;
    await fireEvent.click(await box('motion-reopen'));
    expect(lockAndUnlock(first)?.forms).toHaveProperty('event');
    await waitFor(() => expect(byId('event-date')?.value).toBe('2026-11-30'));
    expect((await box('bia-appeal')).checked).toBe(true);
    expect((await box('motion-reopen')).checked).toBe(false);
    await fireEvent.click(byId('event-cancel'));
    expect(draftToKeep()).toBeNull();
  });

  it('keeps a deadline typed by hand, and a half-given new date for a deadline, through a lock', async () => {
    const open = {
      client_id: 3, client_name: 'Haile, Amina', days_left: 20, volunteer: null, court: null, id: 31, status: 'open' as const,
      done_on: null, waived_reason: null, created_at: '', updated_at: '', known_title: null, matter_id: 7, title: 'Brief',
      due_on: '2026-12-28', source: 'manual' as const, assigned_to: null, explanation: null, served_by_mail: false, rule_days: null,
      before_conclusion: false, washington_area: false, computed_due_on: null, override_reason: null,
    };
    api.getMatter.mockImplementation(async () => ({ ...detail(), deadlines: [open] }));
    go({ name: 'matter', id: 7 });
    const first = render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('add-deadline'));
    await fireEvent.input(byId('deadline-title'), { target: { value: 'Send the translations' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Another date' }));
    await fireEvent.input(byId('due-31'), { target: { value: '2027-01-11' } });
    await fireEvent.input(byId('override-31'), { target: { value: 'Judge extended the brief' } });
    expect(Object.keys(lockAndUnlock(first)!.forms).sort()).toEqual(['deadline', 'deadlineAction:31']);
    await waitFor(() => expect(byId('deadline-title')?.value).toBe('Send the translations'));
    await waitFor(() => expect(byId('override-31')?.value).toBe('Judge extended the brief'));
    expect(byId('due-31').value).toBe('2027-01-11');
    await fireEvent.click(byId('deadline-cancel'));
    expect(Object.keys(draftToKeep()!.forms)).toEqual(['deadlineAction:31']);
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

const checkIn: Appointment = {
  id: 21, created_at: '', updated_at: '', matter_id: 7, kind: 'ice_check_in', starts_at: '2026-12-03 13:30:00',
  place: 'ICE Baltimore field office', accompanied_by: 'Rosa Martínez', outcome: 'rescheduled', outcome_note: 'Next one on Jan 7',
};
const options = (id: string) => [...byId(id).querySelectorAll('option')].map((o) => o.value);

describe('MatterPage: what may be scheduled on the matter', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    api.getMatter.mockImplementation(async () => detail());
    api.addAppointment.mockReset();
    api.updateAppointment.mockReset();
    api.confirmFilingStatus.mockClear();
  });

  it('offers in the hearing form only the hearings the matter’s forum holds', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('add-hearing'));
    expect(options('hearing-kind')).toEqual(['master_calendar', 'individual', 'bond']);
  });

  it('offers no hearing on a matter without a court, and says where its interviews go', async () => {
    api.getMatter.mockImplementation(async () => ({ ...detail(), hearings: [], hearing_kinds: [] }));
    render(MatterPage, { id: 7 });
    await opened();
    expect(byId('add-hearing')).toBeNull();
    expect(document.getElementById('hearings')).toHaveTextContent('Record USCIS interviews and check-ins as appointments');
  });

  it('offers the appointment kinds the matter allows, saves one, and goes back to “Add appointment”', async () => {
    api.getMatter.mockImplementation(async () => ({ ...detail(), appointment_kinds: ['biometrics', 'uscis_interview'] }));
    api.addAppointment.mockResolvedValue({ ...checkIn, kind: 'uscis_interview' });
    render(MatterPage, { id: 7 });
    await opened();
    await fireEvent.click(byId('appointment-add'));
    expect(document.activeElement).toBe(byId('appointment-kind'));
    expect(options('appointment-kind')).toEqual(['biometrics', 'uscis_interview']);
    await fireEvent.change(byId('appointment-kind'), { target: { value: 'uscis_interview' } });
    await fireEvent.input(byId('appointment-starts-at'), { target: { value: '2026-12-03 13:30' } });
    await fireEvent.input(byId('appointment-place'), { target: { value: 'USCIS Baltimore field office' } });
    await fireEvent.click(byId('appointment-save'));
    await waitFor(() => expect(document.querySelector('#appointment-form')).toBeNull());
    expect(api.addAppointment).toHaveBeenCalledWith({
      matter_id: 7, kind: 'uscis_interview', starts_at: '2026-12-03 13:30', place: 'USCIS Baltimore field office',
      accompanied_by: null, outcome: null, outcome_note: null,
    });
    await waitFor(() => expect(document.activeElement).toBe(byId('appointment-add')));
  });

  it('lists an appointment with its time, kind, place, who goes along and what happened, and changes it', async () => {
    api.getMatter.mockImplementation(async () => ({ ...detail(), appointments: [checkIn] }));
    api.updateAppointment.mockResolvedValue({ ...checkIn, outcome: 'attended' });
    render(MatterPage, { id: 7 });
    await opened();
    const section = document.getElementById('appointments')!;
    expect(section).toHaveTextContent('1:30 PM ICE check-in');
    expect(section).toHaveTextContent('ICE Baltimore field office · with Rosa Martínez · Rescheduled');
    expect(section).toHaveTextContent('Next one on Jan 7');
    await fireEvent.click(byId('appointment-edit-21'));
    expect(byId('appointment-starts-at').value).toBe('2026-12-03 13:30');
    await fireEvent.change(byId('appointment-outcome'), { target: { value: 'attended' } });
    await fireEvent.click(byId('appointment-save'));
    await waitFor(() => expect(api.updateAppointment).toHaveBeenCalledWith(21, expect.objectContaining({ kind: 'ice_check_in', outcome: 'attended' })));
  });

  it('shows when a receipt’s status was last checked, and records a check today', async () => {
    api.getMatter.mockImplementation(async () => ({
      ...detail(),
      filings: [{ ...filing, receipt_number: 'IOE0912345678', status: 'received' as const, status_checked_on: '2026-10-01' }],
    }));
    render(MatterPage, { id: 7 });
    await opened();
    expect(document.getElementById('filings')).toHaveTextContent('Status last checked Oct 1, 2026');
    await fireEvent.click(byId('filing-checked-5'));
    await waitFor(() => expect(api.confirmFilingStatus).toHaveBeenCalledWith(5, isoDay(new Date())));
  });

  it('offers no status check on a filing without a receipt number', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    expect(byId('filing-checked-5')).toBeNull();
  });

  it('keeps a half-typed appointment across a lock and opens it again', async () => {
    restoreDraft({ screen: { name: 'matter', id: 7 }, forms: { appointment: { place: 'ICE Baltimore field office' } } });
    render(MatterPage, { id: 7 });
    await waitFor(() => expect(byId('appointment-place')?.value).toBe('ICE Baltimore field office'));
    expect(draftToKeep()?.forms).toHaveProperty('appointment');
  });
});

/** A case with no document yet and its checklist missing one item. */
function withNoDocuments() {
  reset();
  setLang('en');
  api.getMatter.mockImplementation(async () => detail());
  api.documents.mockReset().mockResolvedValue([]);
  api.checklist.mockReset().mockResolvedValue(checklistOf('missing'));
  api.pickDocuments.mockReset();
  api.attachDocument.mockReset();
}

describe('MatterPage: documents and the evidence checklist', () => {
  const passport: Document = {
    id: 31, subject: { kind: 'matter', id: 7 }, name: 'Pasaporte Haile.pdf', media_type: 'application/pdf', kind: 'pdf', size: 48_213,
    sha256: 'ab', checklist_item: 'identity_documents', scripted: false, version: 1, supersedes: null, superseded_by: null,
    added_by: 'Rosa Martínez', added_at: '2026-11-02T15:00:00Z', can_open: true,
  };

  beforeEach(withNoDocuments);

  it('shows both panels, and a file attached in the documents panel ticks the checklist', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    await waitFor(() => expect(document.getElementById('checklist-missing')).toHaveTextContent('1 missing'));
    expect(api.documents).toHaveBeenCalledWith({ kind: 'matter', id: 7 });
    // The checklist's items are offered in the documents panel.
    await waitFor(() => expect(options('attach-for')).toEqual(['', 'identity_documents']));
    await fireEvent.change(byId('attach-for'), { target: { value: 'identity_documents' } });
    api.pickDocuments.mockResolvedValue([{ token: 4, name: 'Pasaporte Haile.pdf', size: 48_213 }]);
    api.attachDocument.mockResolvedValue(passport);
    api.documents.mockResolvedValue([passport]);
    api.checklist.mockResolvedValue(checklistOf('attached', [31]));
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(api.attachDocument).toHaveBeenCalledWith({ kind: 'matter', id: 7 }, 4, 'identity_documents', null));
    await waitFor(() => expect(document.querySelector('.checklist-line[data-item=identity_documents]')).toHaveAttribute('data-state', 'attached'));
    expect(api.checklist).toHaveBeenCalledTimes(2);
    expect(document.getElementById('checklist-missing')).toHaveTextContent('Nothing missing');
    // The line names the file; the file row says which item it stands for.
    expect(document.querySelector('.checklist-line [data-documents]')).toHaveTextContent('Attached: Pasaporte Haile.pdf');
    expect(document.querySelector('.document-row[data-id="31"] [data-item]')).toHaveTextContent('For: Passport (every page)');
  });

  it('a file attached from the checklist shows in the documents list', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    await screen.findByText('1 missing');
    expect(api.documents).toHaveBeenCalledTimes(1);
    api.pickDocuments.mockResolvedValue([{ token: 5, name: 'Pasaporte Haile.pdf', size: 48_213 }]);
    api.attachDocument.mockResolvedValue(passport);
    api.documents.mockResolvedValue([passport]);
    api.checklist.mockResolvedValue(checklistOf('attached', [31]));
    await fireEvent.click(byId('attach-item-identity_documents'));
    await waitFor(() => expect(document.querySelectorAll('.document-row')).toHaveLength(1));
    expect(api.attachDocument).toHaveBeenCalledWith({ kind: 'matter', id: 7 }, 5, 'identity_documents', null);
    expect(api.documents).toHaveBeenCalledTimes(2);
  });
});

describe('MatterPage: a hearing’s and a filing’s own documents', () => {
  beforeEach(withNoDocuments);

  it('opens the hearing’s documents, attaches the notice to the hearing, then the filing’s, one at a time', async () => {
    render(MatterPage, { id: 7 });
    await opened();
    const hearingDocs = document.querySelector('#hearings [data-action=hearing-documents]') as HTMLElement;
    await fireEvent.click(hearingDocs);
    expect(await screen.findByRole('heading', { name: /^Documents: Master calendar hearing, Wed, Dec 2, 2026$/ })).toBeInTheDocument();
    await waitFor(() => expect(api.documents).toHaveBeenCalledWith({ kind: 'hearing', id: 12 }));
    expect(hearingDocs).toHaveAttribute('aria-expanded', 'true');
    // Its own ids: the case's panel keeps the plain ones.
    expect(byId('attach-documents')).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(byId('record-attach-documents')));
    api.pickDocuments.mockResolvedValue([{ token: 8, name: 'Hearing notice.pdf', size: 9_000 }]);
    api.attachDocument.mockResolvedValue({ id: 40 });
    await fireEvent.click(byId('record-attach-documents'));
    await waitFor(() => expect(api.attachDocument).toHaveBeenCalledWith({ kind: 'hearing', id: 12 }, 8, null, null));

    await fireEvent.click(document.querySelector('#filings [data-action=filing-documents]') as HTMLElement);
    expect(await screen.findByRole('heading', { name: /^Documents: I-589/ })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^Documents: Master calendar/ })).toBeNull();
    await waitFor(() => expect(api.documents).toHaveBeenCalledWith({ kind: 'filing', id: 5 }));
    await fireEvent.click(byId('close-record-documents'));
    expect(byId('record-documents')).toBeNull();
  });
});

describe('MatterPage: the family on the I-589', () => {
  it('names the derivatives the case carries, each a way to their page', async () => {
    reset();
    setLang('en');
    const son = {
      id: 12, given_name: 'Mateo', family_name: 'Pérez Xoc', a_number: null, nationality: 'GT', detention_status: 'not_detained',
      deleted_at: null, archived_at: null, open_matters: 0, relationship: 'child', derivative: true,
    } as unknown as MatterDetail['derivatives'][number];
    api.getMatter.mockImplementation(async () => ({ ...detail(), derivatives: [son] }));
    render(MatterPage, { id: 7 });
    await opened();
    expect(byId('matter-derivatives').textContent).toMatch(/Derivatives on this I-589:\s*Pérez Xoc, Mateo \(child\)/);
    await fireEvent.click(screen.getByRole('button', { name: 'Pérez Xoc, Mateo' }));
    expect(current()).toEqual({ name: 'client', id: 12 });
  });

  it('says nothing of derivatives when the case carries none', async () => {
    reset();
    api.getMatter.mockImplementation(async () => detail());
    render(MatterPage, { id: 7 });
    await opened();
    expect(document.getElementById('matter-derivatives')).toBeNull();
  });
});
