// Files dropped on the window. Rust keeps them and tells the page with a DOM event
// (`amparo-drop`, since the page may not receive Tauri events); the page then takes them
// with `droppedDocuments`. The documents panel mounted last (the one of the record on
// screen) takes them; with none on screen, they are taken and let go, and the user is told
// to open a client or a case first.
import { api } from './api';

type Target = () => void | Promise<void>;
const targets: Target[] = [];

/** Makes `receive` the drop target until the returned function is called (on destroy). */
export function dropTarget(receive: Target): () => void {
  targets.push(receive);
  return () => {
    const i = targets.lastIndexOf(receive);
    if (i >= 0) targets.splice(i, 1);
  };
}

/** Listens for drops on the window while the app is unlocked; `nowhere` is called when
 * files were dropped with no documents panel on screen. Returns the function that stops. */
export function listenForDrops(nowhere: () => void): () => void {
  const heard = async () => {
    const target = targets.at(-1);
    if (target) {
      await target();
      return;
    }
    // Taken anyway, so they are not attached later to whatever opens next.
    const files = await api.droppedDocuments().catch(() => []);
    if (files.length) nowhere();
  };
  const listener = () => void heard();
  window.addEventListener('amparo-drop', listener);
  return () => window.removeEventListener('amparo-drop', listener);
}
