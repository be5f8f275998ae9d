// The plaintext scan of every file the app wrote: each word in UTF-8 and UTF-16LE, as
// typed, lower- and upper-cased. Returns how many files were read and every hit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function plaintextHits(dir, words) {
  const needles = [];
  for (const w of words) {
    for (const form of new Set([w, w.toLowerCase(), w.toUpperCase()])) {
      needles.push([w, Buffer.from(form, 'utf8')], [w, Buffer.from(form, 'utf16le')]);
    }
  }
  const hits = [];
  let files = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        files++;
        const bytes = readFileSync(p);
        for (const [w, n] of needles) if (bytes.includes(n)) hits.push(`${p}: ${w}`);
      }
    }
  };
  walk(dir);
  return { files, hits };
}
