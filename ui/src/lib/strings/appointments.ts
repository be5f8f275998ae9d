// Words for appointments that are not hearings (ICE and ISAP check-ins, biometrics, USCIS
// interviews) and for re-checking a receipt's USCIS case status.
// Merged into the main dictionaries (i18n.svelte.ts); a test checks both languages match.

export const appointmentsEn = {
  'appointment.title': 'Appointments',
  'appointment.add': 'Add appointment',
  'appointment.edit': 'Change the appointment',
  'appointment.place': 'Place',
  'appointment.placeHelp': 'For example: ICE field office, 31 Hopkins Plaza, Baltimore',
  'appointment.accompaniedBy': 'Who goes with the client',
  'appointment.accompaniedHelp': 'A volunteer, a relative or an interpreter. Leave blank if nobody.',
  'appointment.outcome': 'What happened',
  'appointment.notYet': 'Not yet',
  'appointment.outcomeNote': 'Notes on what happened',
  'appointment.outcomeNoteHelp': 'For example: next check-in set for March 3; asked to bring a lease.',
  'appointment.with': 'with {name}',
  'appointment.remove': 'Remove this appointment',
  'appointment.removeAsk': 'Remove this appointment? This cannot be undone.',
  'appointment.removeYes': 'Remove',
  'appointment.noKinds': 'No appointments can be scheduled on this kind of matter.',
  'appointment.dashboard': 'Appointments this week and next',
  'hearing.noKinds': 'Court hearings are only for matters before a court. Record USCIS interviews and check-ins as appointments.',
  'receipt.lastChecked': 'Status last checked {date}',
  'receipt.neverChecked': 'Status not checked yet',
  'receipt.checkedToday': 'Checked today',
  'receipt.title': 'Receipts to check',
  'receipt.body':
    'A case can move at USCIS (a transfer, a request for evidence, a decision) without the client hearing of it. Look the receipt number up on USCIS Case Status Online, then record the check.',
  'receipt.openCase': 'Open the case',
};

export const appointmentsEs: Record<keyof typeof appointmentsEn, string> = {
  'appointment.title': 'Citas',
  'appointment.add': 'Agregar cita',
  'appointment.edit': 'Cambiar la cita',
  'appointment.place': 'Lugar',
  'appointment.placeHelp': 'Por ejemplo: oficina local de ICE, 31 Hopkins Plaza, Baltimore',
  'appointment.accompaniedBy': 'Quién acompaña al cliente',
  'appointment.accompaniedHelp': 'Una persona voluntaria, un familiar o un intérprete. Déjelo en blanco si no va nadie.',
  'appointment.outcome': 'Qué pasó',
  'appointment.notYet': 'Todavía no',
  'appointment.outcomeNote': 'Notas sobre lo que pasó',
  'appointment.outcomeNoteHelp': 'Por ejemplo: la próxima cita de presentación (check-in) es el 3 de marzo; le pidieron traer el contrato de alquiler.',
  'appointment.with': 'con {name}',
  'appointment.remove': 'Quitar esta cita',
  'appointment.removeAsk': '¿Quitar esta cita? No se puede deshacer.',
  'appointment.removeYes': 'Quitar',
  'appointment.noKinds': 'En este tipo de caso no se pueden programar citas.',
  'appointment.dashboard': 'Citas de esta semana y la próxima',
  'hearing.noKinds': 'Las audiencias son solo para los casos ante una corte. Anote como citas las entrevistas de USCIS y las citas de presentación ante ICE (check-in).',
  'receipt.lastChecked': 'Estado comprobado por última vez el {date}',
  'receipt.neverChecked': 'Estado todavía sin comprobar',
  'receipt.checkedToday': 'Comprobado hoy',
  'receipt.title': 'Recibos para comprobar',
  'receipt.body':
    'Un caso puede cambiar en USCIS (un traslado, una solicitud de evidencia, una decisión) sin que el cliente se entere. Busque el número de recibo en el estado de casos en línea de USCIS y luego anote la comprobación.',
  'receipt.openCase': 'Abrir el caso',
};
