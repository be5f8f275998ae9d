// Which screen is showing. Kept in memory only: nothing about clients is written to
// the URL, history or browser storage.

/** The coordinator's desk's tabs. */
export type DeskTab = 'board' | 'reviews' | 'calendar' | 'courtDay';

/** "Import & export"'s tabs. */
export type ExchangeTab = 'import' | 'calendar' | 'reports';

/** How the calendar shows its days. */
export type CalendarView = 'month' | 'week' | 'agenda';

export type Screen =
  | { name: 'dashboard' }
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'newClient'; principalId?: number }
  | { name: 'editClient'; id: number }
  | { name: 'matter'; id: number }
  | { name: 'editMatter'; id: number }
  | { name: 'newMatter'; clientId: number }
  | { name: 'calendar'; view?: CalendarView }
  | { name: 'desk'; tab?: DeskTab }
  | { name: 'exchange'; tab?: ExchangeTab }
  | { name: 'settings' };

let screen: Screen = $state({ name: 'dashboard' });
// Forms with unsaved input register while they are shown (a screen's own form, or panels
// on it such as the note box and the hearing form); leaving asks first if any is dirty.
type Guard = { isDirty: () => boolean; values: (() => unknown) | null; form: string };
let guards: Guard[] = [];
// A draft handed back after unlocking, its forms waiting to open on its screen.
let restoring: Record<string, unknown> | null = null;
// The screen whose heading takes the focus when it appears, so that keyboard and
// screen-reader users start on the page they went to, not at the top of the document.
let headingFor: Screen | null = null;

/** A half-typed screen, kept across an auto-lock: the screen, and what was typed in each
 * of its dirty forms, by the form's name. */
export type Draft = { screen: Screen; forms: Record<string, unknown> };
let pending: Screen | null = $state(null);

export function current(): Screen {
  return screen;
}

const dirty = () => guards.some((g) => g.isDirty());

function leave(next: Screen) {
  guards = [];
  restoring = null;
  screen = next;
  headingFor = screen;
}

/** Goes to `next`, unless a dirty form wants to ask first. */
export function go(next: Screen): void {
  if (dirty()) {
    pending = next;
    return;
  }
  leave(next);
}

/** The screen waiting while the user decides about unsaved changes. */
export function pendingScreen(): Screen | null {
  return pending;
}

export function confirmLeave(): void {
  if (pending) {
    leave(pending);
    pending = null;
  }
}

export function cancelLeave(): void {
  pending = null;
}

/** A form calls this when it appears, with a function that says whether it has unsaved
 * input and, for the forms worth keeping across an auto-lock, one that returns what was
 * typed. `form` names a panel on the screen (see `panelForm`); a screen's own form goes by
 * the screen's name. Returns the function that takes the guard away again (once saved, or
 * when the form closes). */
export function guardForm(isDirty: () => boolean, values: (() => unknown) | null = null, form?: string): () => void {
  const g: Guard = { isDirty, values, form: form ?? formOf(screen) };
  guards.push(g);
  return () => {
    guards = guards.filter((x) => x !== g);
  };
}
const formOf = (s: Screen) => s.name;

/** The name of a panel form on a screen: `hearing` for a new hearing, `hearing:12` for
 * hearing 12 being changed. */
export const panelForm = (panel: string, id: number | null = null) => (id === null ? panel : `${panel}:${id}`);

/** The screen to keep before locking, with what was typed in each dirty form. */
export function draftToKeep(): Draft | null {
  const forms: Record<string, unknown> = {};
  for (const g of guards) if (g.values && g.isDirty()) forms[g.form] = $state.snapshot(g.values());
  if (!Object.keys(forms).length) return null;
  return { screen: $state.snapshot(screen) as Screen, forms };
}

/** Opens the screen of a draft handed back after unlocking; its forms then take the values. */
export function restoreDraft(d: Draft | { screen: Screen; form: string; values: unknown }): void {
  // A draft kept by an earlier version held a single form.
  restoring = 'forms' in d ? { ...d.forms } : { [d.form]: d.values };
  guards = [];
  screen = d.screen;
}

/** The forms of a draft waiting to open on this screen (a page opens its panels for them). */
export function draftForms(): string[] {
  return restoring ? Object.keys(restoring) : [];
}

/** The values of a draft waiting for this form (by default the screen's own), handed over once. */
export function takeDraftValues<T>(form: string = formOf(screen)): T | null {
  if (!restoring || !(form in restoring)) return null;
  const values = restoring[form] as T;
  delete restoring[form];
  return values;
}

/** Whether a heading appearing now should take the focus: once, on the screen just gone to. */
export function headingWantsFocus(): boolean {
  const wanted = headingFor !== null && headingFor === screen;
  headingFor = null;
  return wanted;
}

/** Back to the first screen, e.g. after locking. */
export function reset(): void {
  guards = [];
  restoring = null;
  headingFor = null;
  pending = null;
  screen = { name: 'dashboard' };
}
