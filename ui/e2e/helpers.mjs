// What the end-to-end files share: the command line on a test's own vault, screenshots at
// the sizes volunteers' laptops have, the language switch, dates counted from today, and a
// few steps several walks take. What differs between files (vault, user, passphrase,
// sizes, a pause) is a parameter, so each walk behaves as it did with its own copy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sleep } from './webdriver.mjs';

/** The laptop sizes screenshots are taken at. */
export const SIZES = [[1280, 800], [1024, 700]];

/** Runs the CLI beside the app binary (APP_BINARY) on `vault` as `user`, JSON out; null
 * when it prints nothing. */
export function runCli({ vault, passphrase, user }, ...args) {
  const cli = join(dirname(process.env.APP_BINARY), 'amparo');
  const out = execFileSync(cli, [...args, '--json'], {
    env: { ...process.env, AMPARO_VAULT: vault, AMPARO_PASSPHRASE: passphrase, AMPARO_USER: user },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim() ? JSON.parse(out) : null;
}

/** Screenshots of the window at each of `sizes`, as `name-WxH.png` in SCREENSHOT_DIR (none
 * when it is not set). `settle`: ms to wait after each resize, since one to the size the
 * window already has repaints nothing; `restore`: back to 1280×800 afterwards. */
export async function screenshots(d, name, sizes, { settle = 0, restore = true } = {}) {
  const shots = process.env.SCREENSHOT_DIR;
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const [w, h] of sizes) {
    await d.resize(w, h);
    if (settle) await sleep(settle);
    writeFileSync(join(shots, `${name}-${w}x${h}.png`), await d.screenshot());
  }
  if (restore) await d.resize(1280, 800);
}

/** Switches the app to `lang` ('en' or 'es') unless it is in it already: the header's
 * switch, or the lock and first-run screens' one. */
export async function setLanguage(d, lang) {
  const current = await d.script("return document.documentElement.lang || 'en'");
  if (current !== lang) {
    const toggle = (await d.exists('#toggle-language')) ? '#toggle-language' : '.gate-head .link';
    await d.click(toggle);
    await sleep(200);
  }
}

/** The UTC date `days` from `from` (now), as YYYY-MM-DD. */
export const utcDay = (days, from = Date.now()) => new Date(from + days * 86_400_000).toISOString().slice(0, 10);

/** A local calendar day `days` from today, as YYYY-MM-DD (never the UTC date). */
export function localDay(days) {
  const t = new Date();
  const d = new Date(t.getFullYear(), t.getMonth(), t.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Creates the vault on the first-run screen, in English (`name`: the user's name, if
 * any), passes the recovery code shown once, and waits for the dashboard. */
export async function createVaultToDashboard(d, passphrase, { name = '' } = {}) {
  await d.find('#create-vault', 30_000);
  await setLanguage(d, 'en');
  if (name) await d.type('#first-run-name', name);
  await d.type('#new-passphrase', passphrase);
  await d.type('#confirm-passphrase', passphrase);
  await d.click('#understood');
  await d.click('#create-vault');
  await d.find('#recovery-code', 60_000);
  await d.click('#recovery-understood');
  await d.click('#recovery-continue');
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
}

/** Unlocks the vault the app was started on, in English, and waits for the dashboard. */
export async function unlockToDashboard(d, passphrase) {
  await d.find('#unlock-passphrase', 30_000);
  await setLanguage(d, 'en');
  await d.type('#unlock-passphrase', passphrase);
  await d.click('#unlock-submit');
  await d.waitText('h1', (t) => t === 'Dashboard', 30_000);
}

/** Picks the option of the select `css` whose text starts with `optionText`. */
export async function chooseOption(d, css, optionText) {
  await d.find(css);
  await d.script(
    `const s = document.querySelector(${JSON.stringify(css)});
     s.value = [...s.options].find((o) => o.text.startsWith(${JSON.stringify(optionText)})).value;
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
}

/** Scrolls `css` to the top of the window (for a screenshot of it). */
export const scrollTo = (d, css) => d.script(`document.querySelector(${JSON.stringify(css)}).scrollIntoView({ block: 'start' });`);

/** Settings' "Sync now", waiting until it is done; fails on a sync error. With
 * `readLastSync`, first reads "last sync" and returns what it said. */
export async function syncNow(d, { readLastSync = false } = {}) {
  await d.click('#nav-settings');
  await d.find('#sync-now');
  const before = readLastSync ? await d.text('#last-sync').catch(() => '') : undefined;
  await d.click('#sync-now');
  await d.waitText('#sync-now', (t) => t === 'Sync now' || t === 'Sincronizar ahora', 60_000);
  assert.ok(!(await d.exists('#sync-error')), `sync failed: ${await d.text('#sync-error').catch(() => '')}`);
  return before;
}
