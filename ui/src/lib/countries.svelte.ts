// Country names for the nationality field, in the user's language. The list comes from
// Rust (one table for the app, the CLI and the import) once per run; Rust also reads a
// typed name back into its code, so the field can hold either.
import { api } from './api';
import type { Lang } from './i18n.svelte';
import type { CountryName } from './bindings/CountryName';

let list: CountryName[] = $state([]);
let asked = false;

function load() {
  if (asked) return;
  asked = true;
  api.countries().then((c) => (list = c)).catch(() => (asked = false));
}

/** The names to suggest, sorted as the user's language sorts them. */
export function countryOptions(lang: Lang): string[] {
  load();
  return list.map((c) => c[lang]).sort((a, b) => a.localeCompare(b, lang));
}

/** A stored code as a name ("GT" → "Guatemala"); the code itself while the list loads. */
export function countryName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  load();
  return list.find((c) => c.code === code)?.[lang] ?? code;
}
