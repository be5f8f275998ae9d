// The desktop reminder's words: counts only, never a client's name (notification
// daemons may keep a history on disk).
import type { Reminder } from './bindings/Reminder';
import type { Lang } from './i18n.svelte';

/** The notification text, or null when nothing is due. */
export function reminderText(r: Reminder, lang: Lang): string | null {
  const parts: string[] = [];
  const es = lang === 'es';
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (r.overdue) parts.push(es ? `${n(r.overdue, 'plazo vencido', 'plazos vencidos')}` : `${n(r.overdue, 'deadline', 'deadlines')} overdue`);
  if (r.due_today) parts.push(es ? `${n(r.due_today, 'vence hoy', 'vencen hoy')}` : `${r.due_today} due today`);
  if (r.due_tomorrow) parts.push(es ? `${n(r.due_tomorrow, 'vence mañana', 'vencen mañana')}` : `${r.due_tomorrow} due tomorrow`);
  if (!parts.length) return null;
  return (es ? 'Plazos: ' : 'Deadlines: ') + parts.join(es ? '; ' : '; ') + (es ? '. Abra Amparo para verlos.' : '. Open Amparo to see them.');
}
