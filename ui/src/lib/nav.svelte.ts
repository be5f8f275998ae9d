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
  | { name: 'newClient' }
  | { name: 'editClient'; id: number }
  | { name: 'matter'; id: number }
  | { name: 'newMatter'; clientId: number }
  | { name: 'calendar' }
  | { name: 'desk'; tab?: DeskTab }
  | { name: 'exchange'; tab?: ExchangeTab }
  | { name: 'settings' };

let screen: Screen = $state({ name: 'dashboard' });
// A form with unsaved input registers a guard; leaving asks first.
let guard: (() => boolean) | null = null;
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

/** A form calls this with a function that says whether it has unsaved input. */
export function setDirtyGuard(isDirty: (() => boolean) | null): void {
  guard = isDirty;
}

/** Back to the first screen, e.g. after locking. */
export function reset(): void {
  guard = null;
  pending = null;
  screen = { name: 'dashboard' };
}
