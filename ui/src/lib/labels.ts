// Labels for the closed sets of values, in both languages. Typed by the enums generated
// from Rust: a value added in Rust without a label here fails `npm run check`.
import type { Lang } from './i18n.svelte';
import type { MatterKind } from './bindings/MatterKind';
import type { Forum } from './bindings/Forum';
import type { MatterStatus } from './bindings/MatterStatus';
import type { HearingKind } from './bindings/HearingKind';
import type { DetentionStatus } from './bindings/DetentionStatus';
import type { MannerOfEntry } from './bindings/MannerOfEntry';
import type { FilingForm } from './bindings/FilingForm';
import type { FilingStatus } from './bindings/FilingStatus';
import type { EventKind } from './bindings/EventKind';
import type { Attendance } from './bindings/Attendance';
import type { FilingMethod } from './bindings/FilingMethod';
import type { ImportField } from './bindings/ImportField';
import type { DateOrder } from './bindings/DateOrder';
import type { ExportNames } from './bindings/ExportNames';
import type { ReportKind } from './bindings/ReportKind';
import type { Outcome } from './bindings/Outcome';
import type { Representation } from './bindings/Representation';
import type { HearingSource } from './bindings/HearingSource';
import type { Relationship } from './bindings/Relationship';
import type { AppointmentKind } from './bindings/AppointmentKind';
import type { AppointmentOutcome } from './bindings/AppointmentOutcome';
import type { BondStatus } from './bindings/BondStatus';
import type { Alternative } from './bindings/Alternative';
import type { FileKind } from './bindings/FileKind';
import type { ItemState } from './bindings/ItemState';

type Labels<T extends string> = Record<T, [en: string, es: string]>;

export const matterKind: Labels<MatterKind> = {
  affirmative_asylum: ['Affirmative asylum', 'Asilo afirmativo'],
  defensive_asylum: ['Defensive asylum', 'Asilo defensivo'],
  withholding_of_removal: ['Withholding of removal', 'Suspensión de remoción'],
  cat: ['CAT withholding or deferral', 'Protección CAT (suspensión o aplazamiento)'],
  credible_fear_review: ['Credible fear review', 'Revisión de miedo creíble'],
  reasonable_fear_review: ['Reasonable fear review', 'Revisión de miedo razonable'],
  bond: ['Bond', 'Fianza'],
  bia_appeal: ['BIA appeal', 'Apelación ante la BIA'],
  petition_for_review: ['Petition for review', 'Petición de revisión'],
  ead_c8: ['Work permit (EAD) (c)(8)', 'Permiso de trabajo (EAD) (c)(8)'],
  other: ['Other', 'Otro'],
};

export const forum: Labels<Forum> = {
  uscis_asylum_office: ['USCIS asylum office', 'Oficina de asilo de USCIS'],
  uscis: ['USCIS (other office)', 'USCIS (otra oficina)'],
  immigration_court: ['Immigration court', 'Corte de inmigración'],
  bia: ['Board of Immigration Appeals', 'Junta de Apelaciones de Inmigración (BIA)'],
  circuit_court: ['Federal court of appeals', 'Corte federal de apelaciones'],
};

export const matterStatus: Labels<MatterStatus> = {
  open: ['Open', 'Abierto'],
  on_hold: ['On hold', 'En pausa'],
  closed: ['Closed', 'Cerrado'],
};

export const hearingKind: Labels<HearingKind> = {
  master_calendar: ['Master calendar hearing', 'Audiencia preliminar (master calendar)'],
  individual: ['Individual (merits) hearing', 'Audiencia individual (de fondo)'],
  bond: ['Bond hearing', 'Audiencia de fianza'],
  credible_fear_review: ['Credible fear review', 'Revisión de miedo creíble'],
  reasonable_fear_review: ['Reasonable fear review', 'Revisión de miedo razonable'],
  asylum_interview: ['Asylum office interview', 'Entrevista en la oficina de asilo'],
  other: ['Other', 'Otra'],
};

export const attendance: Labels<Attendance> = {
  in_person: ['In person', 'En persona'],
  video: ['By video (WebEx)', 'Por video (WebEx)'],
  telephonic: ['By telephone', 'Por teléfono'],
};

export const filingMethod: Labels<FilingMethod> = {
  mail: ['By mail, with tracking', 'Por correo, con seguimiento'],
  in_person: ['In person', 'En persona'],
  ecas: ['ECAS (EOIR e-filing)', 'ECAS (presentación electrónica de EOIR)'],
  uscis_online: ['USCIS online account', 'Cuenta en línea de USCIS'],
  other: ['Other', 'Otro'],
};

export const detentionStatus: Labels<DetentionStatus> = {
  not_detained: ['Not detained', 'No detenido/a'],
  detained: ['Detained', 'Detenido/a'],
  released: ['Released from detention', 'Liberado/a de la detención'],
};

export const mannerOfEntry: Labels<MannerOfEntry> = {
  inspected_at_port: ['Inspected and admitted at a port of entry', 'Inspeccionado/a y admitido/a en un puerto de entrada'],
  parole: ['Paroled', 'Con permiso de permanencia temporal (parole)'],
  visa: ['With a visa', 'Con visa'],
  without_inspection: ['Entered without inspection', 'Entró sin inspección'],
  apprehended_at_border: ['Apprehended at or near the border', 'Detenido/a en la frontera o cerca de ella'],
  other: ['Other', 'Otra'],
  unknown: ['Not known yet', 'Aún no se sabe'],
};

export const filingForm: Labels<FilingForm> = {
  i589: ['I-589 Asylum and withholding', 'I-589 Asilo y suspensión'],
  i765: ['I-765 Work permit', 'I-765 Permiso de trabajo'],
  i290b: ['I-290B Appeal or motion', 'I-290B Apelación o moción'],
  i130: ['I-130 Relative petition', 'I-130 Petición de familiar'],
  g28: ['G-28 Appearance (USCIS)', 'G-28 Comparecencia (USCIS)'],
  eoir26: ['EOIR-26 Notice of appeal', 'EOIR-26 Aviso de apelación'],
  eoir27: ['EOIR-27 Appearance (BIA)', 'EOIR-27 Comparecencia (BIA)'],
  eoir28: ['EOIR-28 Appearance (court)', 'EOIR-28 Comparecencia (corte)'],
  eoir33: ['EOIR-33 Change of address', 'EOIR-33 Cambio de domicilio'],
  eoir42a: ['EOIR-42A Cancellation (LPR)', 'EOIR-42A Cancelación (residente)'],
  eoir42b: ['EOIR-42B Cancellation (non-LPR)', 'EOIR-42B Cancelación (no residente)'],
  motion: ['Motion', 'Moción'],
  brief: ['Brief', 'Escrito'],
  evidence: ['Evidence packet', 'Paquete de pruebas'],
  other: ['Other', 'Otro'],
};

export const filingStatus: Labels<FilingStatus> = {
  draft: ['Draft', 'Borrador'],
  filed: ['Filed', 'Presentado'],
  received: ['Received', 'Recibido'],
  rejected: ['Rejected', 'Rechazado'],
  rfe: ['Request for evidence', 'Solicitud de evidencia'],
  approved: ['Approved', 'Aprobado'],
  denied: ['Denied', 'Denegado'],
  withdrawn: ['Withdrawn', 'Retirado'],
};

export const eventKind: Labels<EventKind> = {
  ij_decision: ["Immigration judge's decision", 'Decisión del juez o la jueza de inmigración'],
  in_absentia_order: ['Removal order entered in absentia', 'Orden de deportación dictada en ausencia'],
  bia_decision: ['BIA decision', 'Decisión de la BIA'],
  dhs_removal_order: ['DHS removal order (reinstatement or administrative)', 'Orden de deportación del DHS (restablecida o administrativa)'],
  master_hearing: ['Master calendar hearing scheduled', 'Audiencia preliminar (master calendar) programada'],
  individual_hearing: ['Individual hearing scheduled', 'Audiencia individual programada'],
  last_arrival: ['Last arrival in the United States', 'Última llegada a Estados Unidos'],
  uscis_decision: ['Unfavourable USCIS decision served', 'Notificación de una decisión desfavorable de USCIS'],
  request_for_evidence: ['Request for evidence received', 'Solicitud de evidencia recibida'],
  notice_of_intent_to_deny: ['Notice of intent to deny received', 'Notificación de intención de denegar recibida'],
  move: ['Client moved', 'El cliente se mudó'],
  asylum_application_received: ['I-589 received (complete)', 'I-589 recibido (completo)'],
  voluntary_departure_granted: ['Voluntary departure granted', 'Salida voluntaria concedida'],
  bia_briefing_schedule: ['BIA briefing schedule received', 'Calendario de escritos de la BIA recibido'],
  bond_decision: ["Immigration judge's bond decision", 'Decisión de fianza del juez o la jueza de inmigración'],
  record_available: ['Administrative record available (petition for review)', 'Expediente administrativo disponible (petición de revisión)'],
  sijs_date_of_birth: ['Date of birth of a SIJ petitioner (age-out)', 'Fecha de nacimiento de quien pide SIJ (límite de edad)'],
  ead_expiry: ['Work permit (EAD) expiry date', 'Fecha de vencimiento del permiso de trabajo (EAD)'],
  foia_request_received: ['FOIA request received by the agency', 'Solicitud FOIA recibida por la agencia'],
};

/** What a spreadsheet column holds, as Rust names it (src/exchange/columns.rs), for the
 * import screen's column mapping. "ignore" is a column left out of the import. */
export const importField: Labels<ImportField> = {
  ignore: ['(not imported)', '(no se importa)'],
  given_name: ['Given name', 'Nombre(s)'],
  family_name: ['Family name', 'Apellido(s)'],
  full_name: ['Full name', 'Nombre completo'],
  other_names: ['Other names', 'Otros nombres'],
  a_number: ['A-number', 'Número A'],
  date_of_birth: ['Date of birth', 'Fecha de nacimiento'],
  nationality: ['Country of nationality', 'País de nacionalidad'],
  languages: ['Languages', 'Idiomas'],
  interpreter_needed: ['Needs an interpreter', 'Necesita intérprete'],
  phone: ['Phone', 'Teléfono'],
  email: ['Email', 'Correo electrónico'],
  address: ['Address', 'Dirección'],
  detained: ['Detained', 'Detenido/a'],
  detention_facility: ['Detention facility', 'Centro de detención'],
  detained_since: ['Detained since', 'Detenido/a desde'],
  last_arrival: ['Date of last arrival', 'Fecha de la última llegada'],
  matter_kind: ['Kind of case', 'Tipo de caso'],
  court: ['Court', 'Corte'],
  judge: ['Judge', 'Juez o jueza'],
  assigned_to: ['Volunteer', 'Voluntario/a'],
  opened_on: ['Date opened', 'Fecha de apertura'],
  stage: ['Stage', 'Etapa'],
  hearing_date: ['Next hearing (date, or date and time)', 'Próxima audiencia (fecha, o fecha y hora)'],
  hearing_time: ['Hearing time', 'Hora de la audiencia'],
  hearing_kind: ['Kind of hearing', 'Tipo de audiencia'],
  deadline_date: ['Deadline (date)', 'Plazo (fecha)'],
  deadline_title: ['What the deadline is for', 'Para qué es el plazo'],
  receipt_number: ['USCIS receipt number', 'Número de recibo de USCIS'],
  filed_on: ["Date the receipt's form was filed", 'Fecha de presentación del formulario del recibo'],
};

/** How a spreadsheet writes dates when day and month are both numbers. */
export const dateOrder: Labels<DateOrder> = {
  auto: ['Let Amparo tell (it asks if unsure)', 'Que Amparo lo deduzca (pregunta si hay duda)'],
  month_first: ['Month first: 11/25/2026', 'Primero el mes: 11/25/2026'],
  day_first: ['Day first: 25/11/2026', 'Primero el día: 25/11/2026'],
};

/** How clients are named in an exported calendar. */
export const exportNames: Labels<ExportNames> = {
  reference: ['Case reference only (M-12)', 'Solo la referencia del caso (M-12)'],
  initials: ['Initials and case reference (M.R. (M-12))', 'Iniciales y referencia del caso (M.R. (M-12))'],
  full: ['Full names (María Ramírez (M-12))', 'Nombres completos (María Ramírez (M-12))'],
};

/** The reports, by what they count (the titles Rust gives them). */
export const reportKind: Labels<ReportKind> = {
  caseload: ['Caseload by volunteer', 'Carga de casos por voluntario/a'],
  outcomes: ['Matters opened and closed, by kind and outcome', 'Casos abiertos y cerrados, por tipo y resultado'],
  hearings: ['Hearings by court', 'Audiencias por corte'],
  deadlines: ['Deadlines met and missed', 'Plazos cumplidos e incumplidos'],
  clients: ['Clients by nationality, language, detention and age', 'Clientes por nacionalidad, idioma, detención y edad'],
};

/** The events whose order sets a number of days the panel must ask for (voluntary
 * departure). Rust refuses a missing or out-of-range number; this only decides which
 * fields the panel shows. */
export const outcome: Labels<Outcome> = {
  granted: ['Granted', 'Concedido'],
  denied: ['Denied', 'Denegado'],
  withdrawn: ['Withdrawn', 'Retirado'],
  dismissed: ['Dismissed', 'Desestimado'],
  terminated: ['Terminated', 'Terminado'],
  administratively_closed: ['Administratively closed', 'Cerrado administrativamente'],
  referred: ['Referred to immigration court', 'Remitido a la corte de inmigración'],
  remanded: ['Remanded', 'Devuelto (remand)'],
  other: ['Other', 'Otro'],
};

export const representation: Labels<Representation> = {
  full: ['Full representation (EOIR-28 or G-28)', 'Representación completa (EOIR-28 o G-28)'],
  limited: ['Limited: document assistance (EOIR-61)', 'Limitada: ayuda con documentos (EOIR-61)'],
  pro_se_help: ['Help for a person without a lawyer (pro se)', 'Ayuda a una persona sin abogado (pro se)'],
};

export const hearingSource: Labels<HearingSource> = {
  notice: ['Hearing notice', 'Aviso de audiencia'],
  eoir_line: ['EOIR automated line (1-800-898-7180)', 'Línea automatizada de EOIR (1-800-898-7180)'],
  eoir_portal: ['EOIR online case status', 'Estado del caso en línea de EOIR'],
  ecas: ['ECAS (EOIR Courts & Appeals System)', 'ECAS (sistema de cortes y apelaciones de EOIR)'],
  client: ['The client', 'El cliente'],
  other: ['Other', 'Otro'],
};

export const relationship: Labels<Relationship> = {
  spouse: ['Spouse', 'Cónyuge'],
  child: ['Child', 'Hijo o hija'],
  parent: ['Parent', 'Padre o madre'],
  sibling: ['Sibling', 'Hermano o hermana'],
  other: ['Other relative', 'Otro familiar'],
};

/** Appointments with ICE, its ISAP contractor or USCIS: not hearings, and no judge. */
export const appointmentKind: Labels<AppointmentKind> = {
  ice_check_in: ['ICE check-in', 'Cita de presentación ante ICE (check-in)'],
  isap_check_in: ['ISAP check-in (alternatives to detention)', 'Cita de presentación ante ISAP (alternativas a la detención)'],
  biometrics: ['Biometrics appointment', 'Cita de datos biométricos'],
  asylum_interview: ['Asylum office interview', 'Entrevista en la oficina de asilo'],
  uscis_interview: ['USCIS interview', 'Entrevista en USCIS'],
  other: ['Other appointment', 'Otra cita'],
};

export const appointmentOutcome: Labels<AppointmentOutcome> = {
  attended: ['Attended', 'Asistió'],
  rescheduled: ['Rescheduled', 'Reprogramada'],
  missed: ['Missed', 'No asistió'],
  cancelled: ['Cancelled', 'Cancelada'],
};

export const bondStatus: Labels<BondStatus> = {
  not_requested: ['Not requested', 'No se pidió'],
  requested: ['Requested', 'Solicitada'],
  set: ['Set', 'Fijada'],
  denied: ['Denied', 'Denegada'],
  posted: ['Posted (paid)', 'Pagada'],
  ineligible: ['Not eligible', 'No corresponde (sin derecho a fianza)'],
};

/** Alternatives to detention on release (ICE's ATD program, run by ISAP). */
export const alternative: Labels<Alternative> = {
  none: ['None', 'Ninguna'],
  ankle_monitor: ['Ankle monitor', 'Grillete electrónico (monitor de tobillo)'],
  smartlink: ['SmartLINK (phone app)', 'SmartLINK (aplicación del teléfono)'],
  telephonic: ['Telephone check-ins', 'Presentaciones por teléfono (check-in)'],
  order_of_supervision: ['Order of supervision', 'Orden de supervisión'],
  other: ['Other', 'Otra'],
};

/** A document's broad kind, read from its content. */
export const fileKind: Labels<FileKind> = {
  pdf: ['PDF', 'PDF'],
  image: ['Image', 'Imagen'],
  word: ['Word document', 'Documento de Word'],
  spreadsheet: ['Spreadsheet', 'Hoja de cálculo'],
  audio: ['Audio', 'Audio'],
  video: ['Video', 'Video'],
  text: ['Text', 'Texto'],
  archive: ['Archive (ZIP or similar)', 'Archivo comprimido (ZIP u otro)'],
  other: ['Other file', 'Otro archivo'],
};

/** Where a checklist item stands on a case. */
export const itemState: Labels<ItemState> = {
  missing: ['Missing', 'Falta'],
  attached: ['Attached', 'Adjuntado'],
  have: ['We have it', 'Lo tenemos'],
  not_needed: ['Not needed', 'No hace falta'],
};

export const eventsWithDays: readonly EventKind[] = ['voluntary_departure_granted'];

/** The label of `value` in `set`, in `lang`. */
export function label<T extends string>(set: Labels<T>, value: T, lang: Lang): string {
  const pair = set[value];
  return pair ? pair[lang === 'es' ? 1 : 0] : value;
}

/** Every value of `set` with its label, for a select; only those in `only` when given
 * (the kinds Rust allows on a matter), in the order of `set`. */
export function options<T extends string>(set: Labels<T>, lang: Lang, only?: readonly T[]): { value: T; text: string }[] {
  const values = (Object.keys(set) as T[]).filter((v) => !only || only.includes(v));
  return values.map((value) => ({ value, text: label(set, value, lang) }));
}
