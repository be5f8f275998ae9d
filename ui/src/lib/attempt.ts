// A form's action run once: '' when it worked, else the message to show, in the user's
// language (a field message Rust gave wins over the code's general one).
import { asApiError, type ApiError } from './api';
import { errorText } from './i18n.svelte';

export async function attempt(action: () => Promise<unknown>, field?: string): Promise<string> {
  try {
    await action();
    return '';
  } catch (err) {
    const a = asApiError(err);
    return (field && a.fieldMessage(field)) || errorText(a.code, a.message);
  }
}

/** A record form's save or remove: on success the form lets go of its draft and reports
 * it saved; else the error, kept whole so each field can show its own message. */
export async function submitRecord(
  action: () => Promise<unknown>,
  release: () => void,
  onSaved: () => void,
): Promise<ApiError | null> {
  try {
    await action();
    release();
    onSaved();
    return null;
  } catch (err) {
    return asApiError(err);
  }
}
