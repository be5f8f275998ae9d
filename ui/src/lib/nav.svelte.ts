// Which screen is showing. Kept in memory only: nothing about clients is written to
// the URL, history or browser storage.

/** The coordinator's desk's tabs. */
export type DeskTab = 'board' | 'reviews' | 'calendar' | 'courtDay';

/** "Import & export"'s tabs. */
export type ExchangeTab = 'import' | 'calendar' | 'reports';

export type Screen =
  | { name: 'dashboard' }
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'newClient'; principalId?: number }
  | { name: 'editClient'; id: number }
  | { name: 'matter'; id: number }
  | { name: 'editMatter'; id: number }
  | { name: 'newMatter'; clientId: number }
  | { name: 'calendar' }
  | { name: 'desk'; tab?: DeskTab }
  | { name: 'exchange'; tab?: ExchangeTab }
  | { name: 'settings' };

let screen: Screen = $state({ name: 'dashboard' });
// A form with unsaved input registers a guard; leaving asks first.
let guard: (() => boolean) | null = null;
// What the form would need to be filled in again, kept across an auto-lock.
let snapshot: (() => unknown) | null = null;
// A draft handed back after unlocking, waiting for its form to open.
let restoring: Draft | null = null;

/** A half-typed form: the screen it was on and what was typed, by the form's own name. */
export type Draft = { screen: Screen; form: string; values: unknown };
let pending: Screen | null = $state(null);

export function current(): Screen {
  return screen;
}

/** Goes to `next`, unless a dirty form wants to ask first. */
export function go(next: Screen): void {
  if (guard && guard()) {
    pending = next;
    return;
  }
  guard = null;
  screen = next;
}

/** The screen waiting while the user decides about unsaved changes. */
export function pendingScreen(): Screen | null {
  return pending;
}

export function confirmLeave(): void {
  if (pending) {
    guard = null;
    screen = pending;
    pending = null;
  }
}

export function cancelLeave(): void {
  pending = null;
}

/** A form calls this with a function that says whether it has unsaved input, and,
 * for the forms worth keeping across an auto-lock, one that returns what was typed. */
export function setDirtyGuard(isDirty: (() => boolean) | null, values: (() => unknown) | null = null): void {
  guard = isDirty;
  snapshot = isDirty ? values : null;
  formName = isDirty && values ? formOf(screen) : null;
}
let formName: string | null = null;
const formOf = (s: Screen) => s.name;

/** The form to keep before locking: only one with unsaved input. */
export function draftToKeep(): Draft | null {
  if (!guard || !snapshot || !formName || !guard()) return null;
  return { screen: $state.snapshot(screen) as Screen, form: formName, values: $state.snapshot(snapshot()) };
}

/** Opens the screen of a draft handed back after unlocking; its form then takes the values. */
export function restoreDraft(d: Draft): void {
  restoring = d;
  guard = null;
  screen = d.screen;
}

/** The values of a draft waiting for the form on this screen, handed over once. */
export function takeDraftValues<T>(): T | null {
  if (!restoring || restoring.form !== formOf(screen)) return null;
  const values = restoring.values as T;
  restoring = null;
  return values;
}

/** Back to the first screen, e.g. after locking. */
export function reset(): void {
  guard = null;
  snapshot = null;
  pending = null;
  screen = { name: 'dashboard' };
}
