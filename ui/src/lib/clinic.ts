// Pure helpers for the clinic screens: which words name a conflicting field, how a value
// reads, which payload keeps a side, how many cases each member carries. No rules here:
// Rust decides what conflicts and checks every value.
import type { Key } from './i18n.svelte';
import type { ConflictView } from './bindings/ConflictView';
import type { ConflictSide } from './bindings/ConflictSide';
import type { ClinicStatus } from './bindings/ClinicStatus';
import type { Keep } from './bindings/Keep';
import type { ChainProblem } from './bindings/ChainProblem';
import type { Member } from './bindings/Member';
import { asApiError } from './api';
import { errorText, lang, t } from './i18n.svelte';
import { formatANumber, formatDate, formatTime } from './format';

/** The fields a person settles, as `entity.field`, with their label and typing help. */
const FIELDS: Record<string, { label: Key; help: Key }> = {
  'deadline.due_on': { label: 'decide.field.deadline.due_on', help: 'decide.help.date' },
  'deadline.status': { label: 'decide.field.deadline.status', help: 'decide.help.status' },
  'hearing.starts_at': { label: 'decide.field.hearing.starts_at', help: 'decide.help.dateTime' },
  'filing.receipt_number': { label: 'decide.field.filing.receipt_number', help: 'decide.help.receipt' },
  'client.a_number': { label: 'decide.field.client.a_number', help: 'decide.help.aNumber' },
};

/** "Deadline date", "Hearing date and time"… for a conflict's entity and field. */
export function fieldLabel(entity: string, field: string): string {
  const f = FIELDS[`${entity}.${field}`];
  return f ? t(f.label) : t('decide.field.other', { entity, field });
}

/** What to type in "Type the right value" for this field ('' when nothing to say). */
export function fieldHelp(entity: string, field: string): string {
  const f = FIELDS[`${entity}.${field}`];
  return f ? t(f.help) : '';
}

/** A conflicting value as a person reads it: dates formatted, statuses translated. */
export function formatValue(entity: string, field: string, value: ConflictView['shown']): string {
  if (value === null || value === '') return t('decide.empty');
  const s = String(value);
  switch (`${entity}.${field}`) {
    case 'deadline.due_on':
      return formatDate(s, lang());
    case 'hearing.starts_at':
      return `${formatDate(s, lang())} ${formatTime(s)}`;
    case 'deadline.status':
      return ['open', 'done', 'waived'].includes(s) ? t(`deadline.status.${s}` as Key) : s;
    case 'client.a_number':
      return formatANumber(s);
    default:
      return s;
  }
}

/** The payload that keeps one side. "mine"/"theirs" when that names exactly this side;
 * otherwise (three laptops at once) the side's own value, which Rust checks again. */
export function keepSide(side: ConflictSide, sides: ConflictSide[]): Keep {
  const same = sides.filter((s) => s.mine === side.mine);
  if (same.length === 1) return side.mine ? { keep: 'mine' } : { keep: 'theirs' };
  return typedValue(side.value === null ? '' : String(side.value));
}

/** The payload that keeps a value the person typed. */
export function typedValue(value: string): Keep {
  return { keep: 'value', value: value.trim() };
}

/** How many cases each member carries now, by member id. */
export function caseCounts(status: Pick<ClinicStatus, 'assignments'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, member] of status.assignments) counts.set(member, (counts.get(member) ?? 0) + 1);
  return counts;
}

/** A device id as a person knows it: the member whose laptop it is. */
export function deviceOwner(device: string, members: Member[]): string {
  const m = members.find((m) => m.devices.some((d) => d.device_id === device));
  return m ? m.name : t('clinic.anotherDevice');
}

/** One line for a problem in a device's chain of bundles. */
export function chainProblemText(p: ChainProblem, members: Member[]): string {
  switch (p.kind) {
    case 'gap':
      return t('clinic.gap', { from: p.missing_from, to: p.missing_to, device: deviceOwner(p.device, members) });
    case 'fork':
      return t('clinic.fork', { seq: p.seq, device: deviceOwner(p.device, members) });
    case 'roster_overtaken':
      return t('clinic.rosterOvertaken');
    default:
      return t('clinic.unknownObject', { name: p.name });
  }
}

/** An instant (RFC 3339) as a date and local time. */
export function formatInstant(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const time = d.toLocaleTimeString(lang() === 'es' ? 'es-US' : 'en-US', { hour: '2-digit', minute: '2-digit' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, lang())}, ${time}`;
}

/** A failed clinic command as a sentence: fixed refusals in the user's language, and
 * otherwise Rust's own message, which names the file, the bundle or the value. */
export function clinicError(err: unknown): string {
  const a = asApiError(err);
  const fixed = ['fingerprint_mismatch', 'not_coordinator', 'not_in_clinic', 'no_remote', 'clinic_keys_damaged', 'locked', 'disk_full'];
  if (fixed.includes(a.code) || !a.message) return errorText(a.code, a.message);
  return a.firstFieldMessage() ?? a.message;
}
