// End-to-end: closing the window locks the vault on the way out. The app is driven to a
// backup folder and a client, then its window is closed as a user closes it; once the
// process is gone the WAL has been folded in (no -wal or -shm beside the vault) and the
// automatic backup that was due has been written: both happen only in the lock the app
// makes as it exits (src-tauri/src/window_guard.rs), not when a process is simply killed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Driver, sleep } from './webdriver.mjs';
import { runCli, unlockToDashboard } from './helpers.mjs';

const PASS = 'tangerine orbit velvet harbor';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const vault = join(home, 'closing', 'clinic.amparo');
const folder = join(home, 'closing-backups');
const here = dirname(fileURLToPath(import.meta.url));
const amparo = (...args) => runCli({ vault, passphrase: PASS, user: 'Volunteer' }, ...args);
let d;

after(async () => {
  if (d) await d.quit();
});

/** The pids of app processes started on this file's vault. */
function appPids() {
  // The bracket keeps pgrep from matching the shell that runs it.
  const out = execSync(`pgrep -f '[a]mparo-app --vault ${vault}' || true`).toString();
  return out.split('\n').filter(Boolean);
}

test('closing the window locks the vault: the WAL is folded in and the due backup made', async () => {
  mkdirSync(dirname(vault), { recursive: true });
  mkdirSync(folder, { recursive: true });
  amparo('init');
  amparo('client', 'add', '--given', 'Wendimu', '--family', 'Tesfamariam');

  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
  await d.click('#nav-settings');
  await d.type('#backup-folder', folder);
  await d.click('#backup-save');
  await d.waitText('#backup-message', (t) => t.includes('Saved'));
  await d.click('#nav-clients');
  await d.waitText('main', (t) => t.includes('Tesfamariam'));
  const pids = appPids();
  assert.equal(pids.length, 1, `one app on this vault: ${pids}`);
  assert.ok(existsSync(`${vault}-wal`), 'an unlocked vault has its WAL beside it');
  assert.equal(readdirSync(folder).length, 0, 'a backup was made before the window closed');

  // As the window manager does when the close button is clicked (a WebDriver "close
  // window" ends the session instead, and the driver kills the app).
  // A close sent in the first moments after a cold start was seen lost twice in ten
  // runs (no close request reached the app): a second click, as a user would give.
  for (let click = 1; click <= 2 && appPids().length > 0; click++) {
    execSync(`/usr/bin/python3 ${join(here, 'close_window.py')} ${pids[0]}`);
    for (let i = 0; i < 100 && appPids().length > 0; i++) await sleep(100);
    if (appPids().length > 0) console.log(`close click ${click} did not end the app`);
  }
  assert.equal(appPids().length, 0, 'the app did not exit when its window closed');
  // The driver's session outlives the app: end it, so the next test may start one.
  await d.quit();
  d = null;

  assert.ok(!existsSync(`${vault}-wal`) && !existsSync(`${vault}-shm`), 'the vault was left open: -wal or -shm remain');
  const backups = readdirSync(folder).filter((f) => f.endsWith('.amparo-backup'));
  assert.equal(backups.length, 1, `the automatic backup at the closing lock: ${readdirSync(folder)}`);
  // The vault opens again and holds the client.
  const found = amparo('client', 'list');
  assert.ok(JSON.stringify(found).includes('Tesfamariam'));
});

test('the session ending (SIGTERM) locks the vault the same way', async () => {
  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
  await d.click('#nav-clients');
  await d.waitText('main', (t) => t.includes('Tesfamariam'));
  const pids = appPids();
  assert.equal(pids.length, 1);
  assert.ok(existsSync(`${vault}-wal`));
  process.kill(Number(pids[0]), 'SIGTERM');
  for (let i = 0; i < 300 && appPids().length > 0; i++) await sleep(100);
  assert.equal(appPids().length, 0, 'the app did not exit on SIGTERM');
  // The driver's session outlives the app: end it, so the next test may start one.
  await d.quit();
  d = null;
  assert.ok(!existsSync(`${vault}-wal`) && !existsSync(`${vault}-shm`), 'SIGTERM left the vault open');
});
