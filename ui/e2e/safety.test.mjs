// End-to-end: keeping a clinic's cases safe, in the real app. Its own vault (--vault) in
// the same throw-away HOME as app.test.mjs. The recovery code shown once at creation;
// backups to a chosen folder; a re-encrypting passphrase change refused on a mismatch;
// "Forgot your passphrase?" with the code; restore from a backup on the unlock screen;
// English and Spanish; then a plaintext scan of everything written, backups included,
// in UTF-8 and UTF-16, as typed and case-folded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { plaintextHits } from './scan.mjs';
import { screenshots, setLanguage as switchLanguage } from './helpers.mjs';

const PASS = 'tangerine orbit velvet harbor';
const NEW = 'copper lantern meadow quartz';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const vault = join(home, 'safety', 'clinic.amparo');
const usb = join(home, 'usb-backups');
let d;
let recoveryCode = '';

const shot = (name, sizes = [[1280, 800]]) => screenshots(d, name, sizes, { restore: false });
const setLanguage = (lang) => switchLanguage(d, lang);

async function unlock(passphrase) {
  await d.type('#unlock-passphrase', passphrase);
  await d.click('#unlock-submit');
}

after(async () => {
  if (d) await d.quit();
});

test('creating a vault shows the recovery code once, and the app waits until it is written down', async () => {
  mkdirSync(join(home, 'safety'), { recursive: true });
  d = await Driver.start(app, ['--vault', vault]);
  await d.find('#create-vault', 30_000);
  await setLanguage('en');
  await d.type('#new-passphrase', PASS);
  await d.type('#confirm-passphrase', PASS);
  await d.click('#understood');
  await d.click('#create-vault');
  recoveryCode = await d.waitText('#recovery-code', (t) => /^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/.test(t.trim()), 20_000);
  recoveryCode = (await d.text('#recovery-code')).trim();
  await shot('12-recovery-code-en', [[1280, 800], [1024, 700]]);
  await d.click('#recovery-continue');
  await d.waitText('[role=alert]', (t) => t.includes('Tick the box'));
  await d.click('#recovery-understood');
  await d.click('#recovery-continue');
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
  await d.waitText('#backup-warning', (t) => t.includes('never been backed up'));

  await d.click('#nav-clients');
  await d.click('#add-client');
  await d.type('#given_name', 'Marisol');
  await d.type('#family_name', 'Quetzaltenango');
  await d.type('#a_number', 'A209-555-014');
  await d.click('#save-client');
  await d.waitText('#client-a-number', (t) => t === 'A209-555-014');
});

test('the app and its web process can write no core dump (keys and pages stay out of crash files)', () => {
  const pids = (name) =>
    execSync(`pgrep -f ${name} || true`).toString().split('\n').filter(Boolean).filter((p) => p !== String(process.pid));
  // The bracket keeps pgrep from matching the shell that runs it.
  const app = pids('[a]mparo-app');
  assert.ok(app.length > 0, 'the app process was not found');
  const web = pids('[W]ebKitWebProcess');
  for (const pid of [...app, ...web]) {
    let limits;
    try {
      limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const core = limits.split('\n').find((l) => l.startsWith('Max core file size'));
    assert.match(core, /Max core file size\s+0\s+0\s/, `process ${pid}: ${core}`);
  }
});

test('backups: a bad folder is refused inline; Back up now writes a checked backup; the warning goes', async () => {
  await d.click('#nav-settings');
  await d.find('#backups');
  await d.type('#backup-folder', 'usb/backups');
  await d.click('#backup-save');
  await d.waitText('#backup-folder-error', (t) => t.includes('whole path'));
  await d.type('#backup-folder', usb);
  await d.click('#backup-save');
  await d.waitText('#backup-message', (t) => t.includes('Saved'));
  await d.click('#backup-now');
  await d.waitText('#backup-message', (t) => t.includes('Backed up and checked'), 30_000);
  await d.waitText('#backup-last', (t) => t.includes('today'));
  const files = readdirSync(usb).filter((f) => f.endsWith('.amparo-backup'));
  assert.equal(files.length, 1, `one backup in the folder: ${files}`);
  assert.ok(!files[0].includes('Marisol') && !files[0].includes('Quetzaltenango'), 'a name in the file name');
  await d.script("document.querySelector('#backups').scrollIntoView({ block: 'start' });");
  await shot('10-backups-en', [[1280, 800], [1024, 700]]);
  await setLanguage('es');
  await d.waitText('#backups-title', (t) => t === 'Copias de seguridad');
  await d.waitText('#backup-message', (t) => t.includes('Copia hecha y comprobada'));
  await d.script("document.querySelector('#backups').scrollIntoView({ block: 'start' });");
  await shot('10-backups-es');
  await setLanguage('en');
  await d.click('#nav-dashboard');
  await d.waitText('h1', (t) => t === 'Dashboard');
  assert.ok(!(await d.exists('#backup-warning')), 'the dashboard still warns after a good backup');
});

test('the window cannot be sent to another site (nothing leaves in a URL)', async () => {
  await d.script("setTimeout(() => { location.href = 'https://example.org/?d=Marisol'; }, 0); return 1;");
  await sleep(1500);
  assert.equal(await d.script('return location.protocol'), 'tauri:');
  await d.find('#nav-dashboard');
});

test('changing the passphrase: a mismatch is refused; the change re-encrypts and only the new one opens', async () => {
  await d.click('#nav-settings');
  await d.type('#current-passphrase', PASS);
  await d.type('#next-passphrase', NEW);
  await d.type('#repeat-passphrase', NEW + 'x');
  await d.click('#change-submit');
  await d.waitText('#change-error', (t) => t.includes('not the same'));
  await d.type('#repeat-passphrase', NEW);
  await d.click('#change-submit');
  await d.waitText('#change-done', (t) => t.includes('re-encrypted'), 60_000);
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  await unlock(PASS);
  await d.waitText('#unlock-error', (t) => t.includes('not correct'), 20_000);
  await unlock(NEW);
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
});

test('forgot the passphrase: a typo in the code is caught; the code sets a new passphrase', async () => {
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  await setLanguage('es');
  await d.click('#forgot-passphrase');
  await d.waitText('h1', (t) => t.includes('código de recuperación'));
  await shot('13-recover-es');
  await d.click('#recover-back');
  await setLanguage('en');
  await d.click('#forgot-passphrase');
  const typo = recoveryCode.slice(0, 3) + (recoveryCode[3] === 'A' ? 'B' : 'A') + recoveryCode.slice(4);
  await d.type('#recover-code', typo);
  await d.type('#recover-new', PASS);
  await d.type('#recover-repeat', PASS);
  await d.click('#recover-submit');
  await d.waitText('#recover-error', (t) => t.includes('typo'), 20_000);
  await d.type('#recover-code', recoveryCode.toLowerCase());
  await d.click('#recover-submit');
  const after = await d.waitText('body', (t) => t.includes('Dashboard') || (t.includes('Set a new passphrase') && !t.includes('typo') && !t.includes('Re-encrypting')), 60_000);
  assert.ok(after.includes('Dashboard'), after.slice(0, 600));
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  await unlock(NEW);
  await d.waitText('#unlock-error', (t) => t.includes('not correct'), 20_000);
  await unlock(PASS);
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
});

test('restore from a backup on the unlock screen: checked first, then put in place, the old vault kept', async () => {
  await d.click('#nav-clients');
  await d.click('#add-client');
  await d.type('#given_name', 'After');
  await d.type('#family_name', 'Backup');
  await d.click('#save-client');
  await d.waitText('#client-name', (t) => t.includes('Backup, After'));
  // From Settings: Amparo locks first and opens the lock screen's restore form.
  await d.click('#nav-settings');
  await d.click('#settings-restore');
  await d.find('#restore-file');
  const page = await d.script('return document.body.innerText');
  assert.ok(!page.includes('Quetzaltenango'), 'client details visible after locking for a restore');
  const file = join(usb, readdirSync(usb).find((f) => f.endsWith('.amparo-backup')));
  await d.type('#restore-file', join(home, 'nothing-here.amparo-backup'));
  await d.type('#restore-passphrase', PASS);
  await d.click('#restore-check');
  await d.waitText('#restore-error', (t) => t.length > 0, 20_000);
  await d.type('#restore-file', file);
  await d.click('#restore-check');
  await d.waitText('#restore-preview', (t) => t.includes('Clients: 1,') && t.includes('kept aside'), 30_000);
  await shot('11-restore-en', [[1280, 800], [1024, 700]]);
  await d.click('#restore-confirm');
  await d.waitText('#restore-done', (t) => t.includes('Restored') && t.includes('.replaced-'), 30_000);
  await d.click('#restore-back');
  await unlock(PASS);
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
  await d.click('#nav-clients');
  await d.waitText('#client-table', (t) => t.includes('Quetzaltenango') && !t.includes('After'));
  const kept = readdirSync(join(home, 'safety')).filter((f) => f.includes('.replaced-'));
  assert.ok(kept.length >= 2, `the replaced vault and its header are kept: ${kept}`);
  await d.click('#lock');
  await d.find('#unlock-passphrase');
});

test('no client detail, passphrase or recovery code in plaintext anywhere, backups included', async () => {
  await d.quit();
  d = null;
  await sleep(500);
  const { files, hits } = plaintextHits(home, ['Marisol', 'Quetzaltenango', '209555014', PASS, NEW, recoveryCode]);
  assert.ok(files > 3 && readdirSync(usb).length > 0, 'nothing was written: the scan would prove nothing');
  assert.deepEqual(hits, []);
});
