// A form's action run once: '' when it worked, else the message to show, in the user's
// language (a field message Rust gave wins over the code's general one).
import { asApiError } from './api';
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
