// Words for lists that show only the first few of many, so a large vault stays fast: the
// dashboard's panels ("Show all", a page at a time) and the calendar's days ("+3 more").
// Merged into the main dictionaries (i18n.svelte.ts); a test checks both languages match.

export const moreEn = {
  'dashboard.showingUrgent': 'Showing the {shown} most urgent of {total}.',
  'dashboard.showAll': 'Show all',
  'dashboard.backToDashboard': 'Back to the dashboard',
  'dashboard.range': '{from}–{to} of {total}',
  'dashboard.hearingsFirst': 'Showing the first {shown} of {total}.',
  'dashboard.hearingsInCalendar': 'See them all in the calendar',
  'page.prev': 'Previous',
  'page.next': 'Next',
  'calendar.more': '+{n} more',
  'calendar.moreLabel': '+{n} more on {date}: show the whole day',
  'calendar.moreNotShown': '{n} more not shown',
  'calendar.day': 'Day',
  'calendar.prevDay': 'Previous day',
  'calendar.nextDay': 'Next day',
  'calendar.thisDay': 'Today',
  'calendar.backMonth': 'Back to the month',
  'calendar.backWeek': 'Back to the week',
  'calendar.backAgenda': 'Back to the agenda',
};

export const moreEs: Record<keyof typeof moreEn, string> = {
  'dashboard.showingUrgent': 'Se muestran los {shown} más urgentes de {total}.',
  'dashboard.showAll': 'Ver todos',
  'dashboard.backToDashboard': 'Volver al panel',
  'dashboard.range': '{from}–{to} de {total}',
  'dashboard.hearingsFirst': 'Se muestran las primeras {shown} de {total}.',
  'dashboard.hearingsInCalendar': 'Verlas todas en el calendario',
  'page.prev': 'Anterior',
  'page.next': 'Siguiente',
  'calendar.more': '+{n} más',
  'calendar.moreLabel': '+{n} más el {date}: ver el día completo',
  'calendar.moreNotShown': '{n} más que no se muestran',
  'calendar.day': 'Día',
  'calendar.prevDay': 'Día anterior',
  'calendar.nextDay': 'Día siguiente',
  'calendar.thisDay': 'Hoy',
  'calendar.backMonth': 'Volver al mes',
  'calendar.backWeek': 'Volver a la semana',
  'calendar.backAgenda': 'Volver a la agenda',
};
