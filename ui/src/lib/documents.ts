// Attaching files chosen or dropped, one after another: a file Rust refuses (a program, an
// empty file, one too large) is reported and the next one still goes in.
import { asApiError } from './api';
import { errorText, t, type Lang } from './i18n.svelte';
import type { PickedFile } from './bindings/PickedFile';
import type { Document } from './bindings/Document';

/** Where one file of a batch stands. */
export type FileProgress = {
  token: number;
  name: string;
  state: 'waiting' | 'attaching' | 'attached' | 'refused';
  /** Why it was refused, in the user's language. */
  reason: string;
};

/** Why an action on a document failed, in the user's language: the field message Rust
 * gave (the refused file's reason), else the message for its code. */
export function documentError(err: unknown): string {
  const a = asApiError(err);
  return a.firstFieldMessage() || errorText(a.code, a.message);
}

/** Attaches `files` in turn with `attach`, calling `update` with the whole batch each time
 * a file changes state. Returns the documents attached. */
export async function attachAll(
  files: PickedFile[],
  attach: (f: PickedFile) => Promise<Document>,
  update: (batch: FileProgress[]) => void,
): Promise<Document[]> {
  const batch: FileProgress[] = files.map((f) => ({ token: f.token, name: f.name, state: 'waiting', reason: '' }));
  const done: Document[] = [];
  update(batch.map((b) => ({ ...b })));
  for (let i = 0; i < files.length; i++) {
    batch[i].state = 'attaching';
    update(batch.map((b) => ({ ...b })));
    try {
      done.push(await attach(files[i]));
      batch[i].state = 'attached';
    } catch (err) {
      batch[i].state = 'refused';
      batch[i].reason = documentError(err);
    }
    update(batch.map((b) => ({ ...b })));
  }
  return done;
}

/** The local calendar day of an RFC 3339 instant: "Dec 6, 2026". */
export function localDate(instant: string, lang: Lang): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  return t.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium' });
}

/** What to say about a batch: the file being attached, then the outcome ("Attached
 * Pasaporte.pdf", or "Attached 2 of 3 files." with each file's line shown beside it). */
export function batchSummary(batch: FileProgress[]): { text: string; bad: boolean } {
  const working = batch.find((f) => f.state === 'attaching');
  if (working) return { text: t('documents.attaching', { name: working.name }), bad: false };
  const refused = batch.filter((f) => f.state === 'refused');
  if (batch.length === 1) {
    const [f] = batch;
    return f.state === 'refused'
      ? { text: t('documents.notAttached', { name: f.name, reason: f.reason }), bad: true }
      : { text: t('documents.attached', { name: f.name }), bad: false };
  }
  const n = batch.filter((f) => f.state === 'attached').length;
  return { text: t('documents.attachedSome', { n, total: batch.length }), bad: refused.length > 0 };
}
