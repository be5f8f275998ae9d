// The typed calls to the Rust commands. Types come from Rust via ts-rs (./bindings);
// this file only names the commands and their arguments, once.

import { invoke } from '@tauri-apps/api/core';
import type { HearingChange } from './bindings/HearingChange';
import type { CloseMatterInput } from './bindings/CloseMatterInput';
import type { ClosedMatter } from './bindings/ClosedMatter';
import type { CountryName } from './bindings/CountryName';
import type { CommandError } from './bindings/CommandError';
import type { VaultStatus } from './bindings/VaultStatus';
import type { Integrity } from './bindings/Integrity';
import type { Strength } from './bindings/Strength';
import type { ClientQuery } from './bindings/ClientQuery';
import type { ClientSummary } from './bindings/ClientSummary';
import type { Page } from './bindings/Page';
import type { SearchHit } from './bindings/SearchHit';
import type { ClientDetail } from './bindings/ClientDetail';
import type { ClientInput } from './bindings/ClientInput';
import type { Client } from './bindings/Client';
import type { Matter } from './bindings/Matter';
import type { MatterInput } from './bindings/MatterInput';
import type { MatterDetail } from './bindings/MatterDetail';
import type { HearingInput } from './bindings/HearingInput';
import type { Hearing } from './bindings/Hearing';
import type { DeadlineInput } from './bindings/DeadlineInput';
import type { Deadline } from './bindings/Deadline';
import type { FilingInput } from './bindings/FilingInput';
import type { Filing } from './bindings/Filing';
import type { NoteSubject } from './bindings/NoteSubject';
import type { Note } from './bindings/Note';
import type { Dashboard } from './bindings/Dashboard';
import type { DeadlineGroup } from './bindings/DeadlineGroup';
import type { DeadlineListItem } from './bindings/DeadlineListItem';
import type { Computed } from './bindings/Computed';
import type { CalendarRange } from './bindings/CalendarRange';
import type { Reminder } from './bindings/Reminder';
import type { AppSettings } from './bindings/AppSettings';
import type { Unlocked } from './bindings/Unlocked';
import type { BackupStatus } from './bindings/BackupStatus';
import type { Made } from './bindings/Made';
import type { RestorePreview } from './bindings/RestorePreview';
import type { Restored } from './bindings/Restored';
import type { ClinicView } from './bindings/ClinicView';
import type { ClinicStatus } from './bindings/ClinicStatus';
import type { Member } from './bindings/Member';
import type { Joined } from './bindings/Joined';
import type { RequestWords } from './bindings/RequestWords';
import type { SyncReport } from './bindings/SyncReport';
import type { ConflictView } from './bindings/ConflictView';
import type { Keep } from './bindings/Keep';
import type { Alert } from './bindings/Alert';
import type { AssignInput } from './bindings/AssignInput';
import type { AssignmentEntry } from './bindings/AssignmentEntry';
import type { CaseloadFilter } from './bindings/CaseloadFilter';
import type { CaseloadRow } from './bindings/CaseloadRow';
import type { MemberCase } from './bindings/MemberCase';
import type { NewCase } from './bindings/NewCase';
import type { ReviewItem } from './bindings/ReviewItem';
import type { Supervisor } from './bindings/Supervisor';
import type { DeskFilter } from './bindings/DeskFilter';
import type { DeskEntry } from './bindings/DeskEntry';
import type { CourtDay } from './bindings/CourtDay';
import type { SimilarQuery } from './bindings/SimilarQuery';
import type { SimilarClient } from './bindings/SimilarClient';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportReport } from './bindings/ImportReport';
import type { IcsOptions } from './bindings/IcsOptions';
import type { IcsSummary } from './bindings/IcsSummary';
import type { ReportOptions } from './bindings/ReportOptions';
import type { Report } from './bindings/Report';
import type { AppointmentInput } from './bindings/AppointmentInput';
import type { Appointment } from './bindings/Appointment';
import type { CustodyInput } from './bindings/CustodyInput';
import type { CustodyPeriod } from './bindings/CustodyPeriod';
import type { Retention } from './bindings/Retention';
import type { Purged } from './bindings/Purged';
import type { PickedFile } from './bindings/PickedFile';
import type { Document } from './bindings/Document';
import type { DocumentSubject } from './bindings/DocumentSubject';
import type { Checklist } from './bindings/Checklist';
import type { ClinicItem } from './bindings/ClinicItem';
import type { MatterKind } from './bindings/MatterKind';
import { tx } from './i18n.svelte';

/** A refused or failed command, as Rust described it. */
export class ApiError extends Error {
  code: string;
  fields: CommandError['fields'];
  constructor(e: CommandError) {
    super(e.message);
    this.code = e.code;
    this.fields = e.fields;
  }
  /** The message for one form field in the user's language, if Rust refused it. */
  fieldMessage(field: string): string | undefined {
    const found = this.fields.find((f) => f.field === field);
    return found ? tx(found.message) : undefined;
  }
  /** The first field's message, for forms with a single field. */
  firstFieldMessage(): string | undefined {
    return this.fields[0] ? tx(this.fields[0].message) : undefined;
  }
}

/** Any failure as an ApiError, so a form can show it the one way it shows Rust's. */
export function asApiError(x: unknown): ApiError {
  return x instanceof ApiError ? x : new ApiError({ code: 'unknown', message: String(x), fields: [] });
}

function isCommandError(e: unknown): e is CommandError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isCommandError(e)) throw new ApiError({ ...e, fields: e.fields ?? [] });
    throw new ApiError({ code: 'unknown', message: String(e), fields: [] });
  }
}

/** What an event may carry besides its date: the days an order set (voluntary departure),
 * whether it was granted before the conclusion of proceedings, and whether the court is in
 * the Washington area (where Inauguration Day is an optional closure). */
export type EventExtra = { days?: number | null; beforeConclusion?: boolean; washingtonArea?: boolean };

/** The `extra` argument of the event commands (`EventExtra` in src-tauri/src/deadlines.rs). */
function eventExtra(extra: EventExtra) {
  return {
    extra: {
      days: extra.days ?? null,
      beforeConclusion: extra.beforeConclusion ?? false,
      washingtonArea: extra.washingtonArea ?? false,
    },
  };
}

export const api = {
  vaultStatus: () => call<VaultStatus>('vault_status'),
  createVault: (passphrase: string) => call<Unlocked>('create_vault', { passphrase }),
  unlock: (passphrase: string) => call<Unlocked>('unlock', { passphrase }),
  lock: () => call<void>('lock'),
  /** Waits for the whole-file check that follows an unlock (seconds on a large vault). */
  vaultIntegrity: () => call<Integrity>('vault_integrity'),
  /** The user is at work; false when Rust has locked, or will: the page then locks. */
  heartbeat: () => call<boolean>('heartbeat'),
  passphraseStrength: (passphrase: string) => call<Strength>('passphrase_strength', { passphrase }),
  changePassphrase: (current: string, next: string, repeat: string) =>
    call<void>('change_passphrase', { current, new: next, repeat }),
  recover: (code: string, next: string, repeat: string) => call<void>('recover', { code, new: next, repeat }),
  newRecoveryCode: (passphrase: string) => call<string>('new_recovery_code', { passphrase }),
  jobProgress: () => call<number | null>('job_progress'),
  backupStatus: () => call<BackupStatus>('backup_status'),
  setBackupSettings: (folder: string, keep: number) => call<void>('set_backup_settings', { folder, keep }),
  backUpNow: () => call<Made>('back_up_now'),
  previewRestore: (file: string, passphrase: string) => call<RestorePreview>('preview_restore', { file, passphrase }),
  restoreBackup: (file: string, passphrase: string) => call<Restored>('restore_backup', { file, passphrase }),
  listClients: (query: ClientQuery) => call<Page<ClientSummary>>('list_clients', { query }),
  searchClients: (text: string, detainedOnly = false) => call<SearchHit[]>('search_clients', { text, detainedOnly }),
  similarClients: (query: SimilarQuery) => call<SimilarClient[]>('similar_clients', { query }),
  getClient: (id: number) => call<ClientDetail>('get_client', { id }),
  addClient: (input: ClientInput) => call<Client>('add_client', { input }),
  updateClient: (id: number, input: ClientInput) => call<Client>('update_client', { id, input }),
  deleteClient: (id: number) => call<void>('delete_client', { id }),
  restoreClient: (id: number) => call<void>('restore_client', { id }),
  archiveClient: (id: number) => call<void>('archive_client', { id }),
  unarchiveClient: (id: number) => call<void>('unarchive_client', { id }),
  retention: () => call<Retention>('retention'),
  setRetentionYears: (years: number) => call<void>('set_retention_years', { years }),
  purgeClient: (id: number) => call<Purged>('purge_client', { id }),
  addCustodyPeriod: (input: CustodyInput) => call<CustodyPeriod>('add_custody_period', { input }),
  updateCustodyPeriod: (id: number, input: CustodyInput) => call<CustodyPeriod>('update_custody_period', { id, input }),
  deleteCustodyPeriod: (id: number) => call<void>('delete_custody_period', { id }),
  listMatters: (clientId: number | null) => call<Matter[]>('list_matters', { clientId }),
  addMatter: (input: MatterInput) => call<Matter>('add_matter', { input }),
  getMatter: (id: number) => call<MatterDetail>('get_matter', { id }),
  addHearing: (input: HearingInput) => call<Hearing>('add_hearing', { input }),
  updateHearing: (id: number, input: HearingInput) => call<HearingChange>('update_hearing', { id, input }),
  addAppointment: (input: AppointmentInput) => call<Appointment>('add_appointment', { input }),
  updateAppointment: (id: number, input: AppointmentInput) => call<Appointment>('update_appointment', { id, input }),
  deleteAppointment: (id: number) => call<void>('delete_appointment', { id }),
  updateMatter: (id: number, input: MatterInput) => call<Matter>('update_matter', { id, input }),
  closeMatter: (id: number, close: CloseMatterInput) => call<ClosedMatter>('close_matter', { id, close }),
  reopenMatter: (id: number) => call<Matter>('reopen_matter', { id }),
  reopenDeadline: (id: number) => call<Deadline>('reopen_deadline', { id }),
  countries: () => call<CountryName[]>('countries'),
  volunteerNames: () => call<string[]>('volunteer_names'),
  saveDraft: (draft: string) => call<void>('save_draft', { draft }),
  takeDraft: () => call<string | null>('take_draft'),
  addDeadline: (input: DeadlineInput) => call<Deadline>('add_deadline', { input }),
  completeDeadline: (id: number, doneOn: string) => call<Deadline>('complete_deadline', { id, doneOn }),
  setDeadlineDate: (id: number, dueOn: string, reason: string) => call<Deadline>('set_deadline_date', { id, dueOn, reason }),
  waiveDeadline: (id: number, reason: string) => call<Deadline>('waive_deadline', { id, reason }),
  addFiling: (input: FilingInput) => call<Filing>('add_filing', { input }),
  updateFiling: (id: number, input: FilingInput) => call<Filing>('update_filing', { id, input }),
  /** Records that the receipt's USCIS case status was looked at on `on` (YYYY-MM-DD). */
  confirmFilingStatus: (id: number, on: string) => call<Filing>('confirm_filing_status', { id, on }),
  addNote: (subject: NoteSubject, body: string) => call<Note>('add_note', { subject, body }),
  dashboard: () => call<Dashboard>('dashboard'),
  /** One of the dashboard's groups in full, a page at a time (the dashboard shows the first few). */
  deadlineGroup: (group: DeadlineGroup, offset: number, limit: number) =>
    call<Page<DeadlineListItem>>('deadline_group', { group, offset, limit }),
  calendar: (from: string, to: string) => call<CalendarRange>('calendar', { from, to }),
  reminder: () => call<Reminder>('reminder'),
  notify: (lang: string) => call<boolean>('notify', { lang }),
  getSettings: () => call<AppSettings>('get_settings'),
  saveSettings: (settings: AppSettings) => call<void>('save_settings', { settings }),
  getUserName: () => call<string | null>('get_user_name'),
  setUserName: (name: string) => call<void>('set_user_name', { name }),
  proposeDeadlines: (event: string, date: string, servedByMail: boolean, extra: EventExtra = {}) =>
    call<Computed[]>('propose_deadlines', { event, date, servedByMail, ...eventExtra(extra) }),
  addEventDeadlines: (
    matterId: number,
    event: string,
    date: string,
    servedByMail: boolean,
    ruleIds: string[],
    extra: EventExtra = {},
  ) => call<Deadline[]>('add_event_deadlines', { matterId, event, date, servedByMail, ruleIds, ...eventExtra(extra) }),
  moveTrigger: (matterId: number, ruleId: string | null, old: string, next: string) =>
    call<Deadline[]>('move_trigger', { matterId, ruleId, old, new: next }),
  clinicView: () => call<ClinicView | null>('clinic_view'),
  clinicCreate: (clinicName: string, memberName: string) => call<ClinicStatus>('clinic_create', { clinicName, memberName }),
  clinicInvite: (path: string) => call<string>('clinic_invite', { path }),
  clinicJoin: (invitation: string, memberName: string, requestPath: string) =>
    call<Joined>('clinic_join', { invitation, memberName, requestPath }),
  openedInvitation: () => call<string | null>('opened_invitation'),
  clinicRequestWords: (request: string) => call<RequestWords>('clinic_request_words', { request }),
  clinicAdmit: (request: string, words: string, coordinator: boolean) =>
    call<Member>('clinic_admit', { request, words, coordinator }),
  clinicRemove: (member: string) => call<Member>('clinic_remove', { member }),
  setClinicRemote: (location: string, keyId: string, secret: string, everyMinutes: number) =>
    call<void>('set_clinic_remote', { location, keyId, secret, everyMinutes }),
  syncNow: () => call<SyncReport>('sync_now'),
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  resolveConflict: (id: number, keep: Keep) => call<ConflictView>('resolve_conflict', { id, keep }),
  clinicAlerts: () => call<Alert[]>('clinic_alerts'),
  dismissAlert: (id: number) => call<void>('dismiss_alert', { id }),
  caseload: (filter: CaseloadFilter) => call<CaseloadRow[]>('caseload', { filter }),
  memberCases: (memberId: string) => call<MemberCase[]>('member_cases', { memberId }),
  matterAssign: (matterId: number, input: AssignInput) => call<Member>('matter_assign', { matterId, input }),
  assignmentHistory: (matterId: number) => call<AssignmentEntry[]>('assignment_history', { matterId }),
  offboard: (memberId: string, input: AssignInput, remove: boolean) =>
    call<number[]>('offboard', { memberId, input, remove }),
  newToMe: () => call<NewCase[]>('new_to_me'),
  seenNewCase: (matterId: number) => call<void>('seen_new_case', { matterId }),
  reviewRequest: (filingId: number, comment: string | null) => call<Filing>('review_request', { filingId, comment }),
  reviewDecide: (filingId: number, approve: boolean, comment: string | null) =>
    call<Filing>('review_decide', { filingId, approve, comment }),
  reviews: () => call<ReviewItem[]>('reviews'),
  setRequireReview: (required: boolean) => call<void>('set_require_review', { required }),
  setSupervisor: (memberId: string, role: Supervisor | null) => call<Member>('set_supervisor', { memberId, role }),
  deskCalendar: (from: string, to: string, filter: DeskFilter) => call<DeskEntry[]>('desk_calendar', { from, to, filter }),
  courtDay: (court: string, date: string, fullNames: boolean) => call<CourtDay>('court_day', { court, date, fullNames }),
  courts: () => call<string[]>('courts'),
  importPreview: (file: string, options: ImportOptions) => call<ImportReport>('import_preview', { file, options }),
  importSheet: (file: string, options: ImportOptions) => call<ImportReport>('import_sheet', { file, options }),
  exportCalendar: (file: string, options: IcsOptions) => call<IcsSummary>('export_calendar', { file, options }),
  buildReport: (options: ReportOptions) => call<Report>('build_report', { options }),
  saveReport: (options: ReportOptions, format: 'csv' | 'html', file: string) =>
    call<string>('save_report', { options, format, file }),
  recordPrintedReport: (options: ReportOptions) => call<void>('record_printed_report', { options }),
  /** Amparo's own file dialog (several files); [] when cancelled. The page never sees a
   * path: each file comes back as a single-use token for attachDocument. */
  pickDocuments: () => call<PickedFile[]>('pick_documents'),
  /** The files last dropped on the window (each call takes them). */
  droppedDocuments: () => call<PickedFile[]>('dropped_documents'),
  attachDocument: (subject: DocumentSubject, token: number, checklistItem: string | null = null, supersedes: number | null = null) =>
    call<Document>('attach_document', { subject, token, checklistItem, supersedes }),
  /** The current version of each document on `subject`, newest first. */
  documents: (subject: DocumentSubject) => call<Document[]>('documents', { subject }),
  /** Every version of the document `id` belongs to, first first. */
  documentHistory: (id: number) => call<Document[]>('document_history', { id }),
  removeDocument: (id: number, reason: string) => call<void>('remove_document', { id, reason }),
  /** Opens a private copy in the system's viewer; true when that copy is kept in memory. */
  // scriptsConfirmed: the user said "Open anyway" to a PDF with scripts (Rust refuses
  // such a PDF without it).
  openDocument: (id: number, scriptsConfirmed = false) => call<boolean>('open_document', { id, scriptsConfirmed }),
  /** Asks where to save a copy; the file name written, or null when the user cancelled. */
  exportDocument: (id: number) => call<string | null>('export_document', { id }),
  checklist: (matterId: number) => call<Checklist>('checklist', { matterId }),
  /** 'missing' takes a hand mark away. */
  markChecklistItem: (matterId: number, item: string, mark: 'have' | 'not_needed' | 'missing') =>
    call<Checklist>('mark_checklist_item', { matterId, item, mark }),
  addClinicItem: (kind: MatterKind, label: string) => call<ClinicItem>('add_clinic_item', { kind, label }),
};

export type Api = typeof api;
