// Words for keeping records no longer than needed: archiving a client whose cases are all
// closed, the clinic's retention period, and purging a client for good.
// Merged into the main dictionaries (i18n.svelte.ts); a test checks both languages match.

export const retentionEn = {
  'archive.archive': 'Archive the client',
  'archive.help': 'Every case is closed. Archiving takes the client out of the lists and search; the records are kept for the period set in Settings, under “Keeping records”.',
  'archive.archived': 'This client is archived (since {date}). The records are kept for the period set in Settings, then may be purged.',
  'archive.bringBack': 'Bring back',
  'archive.done': 'The client is archived.',
  'archive.back': 'The client is back in the lists.',
  'clients.showArchived': 'Show archived',
  'clients.archived': 'Archived',
  'clients.receipt': 'Receipt {number}',
  'history.archive': 'archived',
  'history.unarchive': 'brought back',
  'retention.title': 'Keeping records',
  'retention.why':
    'Many clients fled persecution, so their records should be kept no longer than needed; your clinic chooses how long, counted from the later of the archiving and the client’s last case closing.',
  'retention.years': 'Keep archived clients’ records for (years)',
  'retention.save': 'Save the period',
  'retention.archived': 'Archived clients',
  'retention.none': 'No archived clients.',
  'retention.client': 'Client',
  'retention.archivedOn': 'Archived on',
  'retention.lastClosed': 'Last case closed',
  'retention.purgeFrom': 'May be purged from',
  'retention.purge': 'Purge',
  'retention.purgeLabel': 'Purge {name}',
  'retention.purgeTitle': 'Purge {name} for good?',
  'retention.purgeBody':
    'Their cases, hearings, deadlines, filings, notes and history are removed from this vault; only a line saying that a client was purged is kept. This cannot be undone. Backups made before today still hold the records until they are deleted.',
  'retention.typeName': 'To confirm, type the client’s name: {name}',
  'retention.confirm': 'Purge for good',
  'retention.purged': 'Purged: {matters} case(s), {records} record(s) and {history} history entries.',
};

export const retentionEs: Record<keyof typeof retentionEn, string> = {
  'archive.archive': 'Archivar al cliente',
  'archive.help': 'Todos los casos están cerrados. Al archivarlo, el cliente sale de las listas y de la búsqueda; los registros se guardan durante el periodo fijado en Configuración, en «Conservación de registros».',
  'archive.archived': 'Este cliente está archivado (desde el {date}). Los registros se guardan durante el periodo fijado en Configuración; después se pueden eliminar para siempre.',
  'archive.bringBack': 'Reactivar',
  'archive.done': 'El cliente quedó archivado.',
  'archive.back': 'El cliente volvió a las listas.',
  'clients.showArchived': 'Ver archivados',
  'clients.archived': 'Archivado/a',
  'clients.receipt': 'Recibo {number}',
  'history.archive': 'archivó',
  'history.unarchive': 'reactivó',
  'retention.title': 'Conservación de registros',
  'retention.why':
    'Muchos clientes huyeron de la persecución, así que sus registros no deben guardarse más tiempo del necesario; su clínica elige cuánto tiempo, contado desde el archivado o el cierre del último caso del cliente, lo que ocurra después.',
  'retention.years': 'Conservar los registros de clientes archivados durante (años)',
  'retention.save': 'Guardar el periodo',
  'retention.archived': 'Clientes archivados',
  'retention.none': 'No hay clientes archivados.',
  'retention.client': 'Cliente',
  'retention.archivedOn': 'Archivado el',
  'retention.lastClosed': 'Último caso cerrado',
  'retention.purgeFrom': 'Se puede eliminar desde',
  'retention.purge': 'Eliminar para siempre',
  'retention.purgeLabel': 'Eliminar para siempre a {name}',
  'retention.purgeTitle': '¿Eliminar para siempre a {name}?',
  'retention.purgeBody':
    'Sus casos, audiencias, plazos, escritos, notas e historial se borran de esta bóveda; solo queda una línea que dice que se eliminó un cliente. No se puede deshacer. Las copias de seguridad hechas antes de hoy siguen teniendo los registros hasta que se borren.',
  'retention.typeName': 'Para confirmar, escriba el nombre del cliente: {name}',
  'retention.confirm': 'Eliminar para siempre',
  'retention.purged': 'Se eliminaron {matters} caso(s), {records} registro(s) y {history} entradas del historial.',
};
