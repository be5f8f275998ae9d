// Words for typing what people type: dates in the user's own order with a picker, times
// on a 12-hour clock in English, and the dashboard's re-check list and first steps.
// Merged into the main dictionaries (i18n.svelte.ts); a test checks both languages match.

export const typingEn = {
  'typing.dateHelp': 'MM/DD/YYYY, e.g. 11/25/2026',
  'typing.dateReads': 'Read as: {date}',
  'typing.pickDate': 'Choose “{field}” on a calendar',
  'recheck.title': 'Hearing dates to check again',
  'recheck.body':
    'Hearing dates change without the client being told. Call the EOIR line (1-800-898-7180) or look at the EOIR online case status, then record the check on the hearing (Change → “Confirmed on”).',
  'recheck.never': 'never checked',
  'recheck.last': 'last checked {date}',
  'recheck.openCase': 'Open the case',
  'firstSteps.title': 'Getting started',
  'firstSteps.body':
    'There are no clients in this vault yet. Add the first one by hand, or bring in a spreadsheet your clinic already keeps.',
  'firstSteps.addClient': 'Add your first client',
  'firstSteps.import': 'Import a spreadsheet',
};

export const typingEs: Record<keyof typeof typingEn, string> = {
  'typing.dateHelp': 'DD/MM/AAAA, p. ej. 25/11/2026',
  'typing.dateReads': 'Se entiende: {date}',
  'typing.pickDate': 'Elegir «{field}» en un calendario',
  'recheck.title': 'Fechas de audiencia para comprobar otra vez',
  'recheck.body':
    'Las fechas de audiencia cambian sin que se le avise al cliente. Llame a la línea de EOIR (1-800-898-7180) o vea el estado del caso en línea de EOIR, y luego anote la comprobación en la audiencia (Cambiar → «Confirmada el»).',
  'recheck.never': 'nunca comprobada',
  'recheck.last': 'comprobada por última vez el {date}',
  'recheck.openCase': 'Abrir el caso',
  'firstSteps.title': 'Para empezar',
  'firstSteps.body':
    'Todavía no hay clientes en esta bóveda. Agregue el primero a mano, o importe una hoja de cálculo que su clínica ya tenga.',
  'firstSteps.addClient': 'Agregar su primer cliente',
  'firstSteps.import': 'Importar una hoja de cálculo',
};
