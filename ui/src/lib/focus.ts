// Where the keyboard focus goes when a form opens or closes, or a page appears. Without
// this a form that opens leaves keyboard users where they were, and one that closes drops
// them on the page body, at the top of the document.
import { tick } from 'svelte';
import { headingWantsFocus } from './nav.svelte';

const FIELDS = 'input:not([type=hidden]), select, textarea, button';

/** Focuses the first field of `container` that the Tab key would reach. */
export function focusFirst(container: HTMLElement): void {
  const fields = container.querySelectorAll<HTMLInputElement>(FIELDS);
  [...fields].find((f) => !f.disabled && f.tabIndex >= 0)?.focus();
}

/** `use:autofocusFirst` on a form or panel: its first field takes the focus as it opens. */
export function autofocusFirst(node: HTMLElement): void {
  focusFirst(node);
}

/** `use:pageHeading` on a screen's h1 (with tabindex="-1"): it takes the focus when the
 * screen was just gone to, so a screen reader reads where the user now is. */
export function pageHeading(node: HTMLElement): void {
  if (headingWantsFocus()) node.focus();
}

/** Focuses the element `id` once the page has updated, e.g. the "add" button of a list
 * when the form that added to it closes. */
export async function focusAfterUpdate(id: string): Promise<void> {
  await tick();
  document.getElementById(id)?.focus();
}
