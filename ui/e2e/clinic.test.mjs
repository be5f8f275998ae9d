// End-to-end: a clinic of two laptops. The real app is the coordinator (its own --vault in
// E2E_HOME); the CLI beside the app binary is the volunteer. Create the clinic, invite,
// join (CLI), admit by comparing the words, a shared folder as the remote, the volunteer's
// case arriving, the same deadline moved on both laptops at once, the conflict settled on
// the dashboard with "Keep this" and gone on both sides; English and Spanish screenshots at
// 1280×800 and 1024×700; then the remote folder scanned for the client's name in plaintext.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Driver } from './webdriver.mjs';
import { plaintextHits } from './scan.mjs';
import { SIZES, createVaultToDashboard, runCli, screenshots, scrollTo as scrollToTop, setLanguage as switchLanguage, syncNow as sync, utcDay } from './helpers.mjs';

const PASS = 'juniper cobalt atlas meadow';
const VPASS = 'saffron pylon glacier tundra';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
const shots = process.env.SCREENSHOT_DIR;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const dir = join(home, 'clinic-e2e');
const vault = join(dir, 'coordinator.amparo');
const volunteerVault = join(dir, 'volunteer.amparo');
const remote = join(dir, 'shared-folder');
const invitation = join(dir, 'invitation.amparo-invite');
const request = join(dir, 'request-lucia.amparo-request');
const GIVEN = 'Xochitl';
const FAMILY = 'Benavides';

let d;
let fingerprint = '';
let deadlineId = 0;

const iso = (days) => utcDay(days);
const DUE = iso(20);
const MINE = iso(25); // the coordinator's date: earlier, so shown until settled
const THEIRS = iso(32);

/** The volunteer's CLI, with JSON out. */
const volunteer = (...args) => runCli({ vault: volunteerVault, passphrase: VPASS, user: 'Lucía Ramos' }, ...args);
const shot = (name, sizes = SIZES) => screenshots(d, name, sizes);
const setLanguage = (lang) => switchLanguage(d, lang);
const scrollTo = (css) => scrollToTop(d, css);
const syncNow = () => sync(d, { readLastSync: true });

after(async () => {
  if (d) await d.quit();
});

test('the coordinator creates a clinic in Settings and writes an invitation', async () => {
  mkdirSync(dir, { recursive: true });
  d = await Driver.start(app, ['--vault', vault]);
  await createVaultToDashboard(d, PASS);
  assert.ok(!(await d.exists('#needs-decision')), 'a vault in no clinic has nothing to decide');

  await d.click('#nav-settings');
  await d.find('#clinic-create-name');
  await scrollTo('#clinic');
  await shot('clinic-setup-en', [[1280, 800]]);
  await d.type('#clinic-create-name', 'Clínica Esperanza');
  await d.type('#clinic-create-member', 'Rosa Coordinadora');
  await d.click('#clinic-create');
  await d.find('#clinic-name, #clinic-create-error, #clinic-error', 20_000);
  if (!(await d.exists('#clinic-name'))) {
    if (shots) writeFileSync(join(shots, 'clinic-create-failed.png'), await d.screenshot());
    assert.fail(`not created: ${await d.text('#clinic-create-error, #clinic-error')}`);
  }
  await d.waitText('#clinic-name', (t) => t === 'Clínica Esperanza');
  await d.waitText('#clinic-role', (t) => t === 'Coordinator');
  await d.waitText('#clinic-members', (t) => t.includes('Rosa Coordinadora'));

  // An invitation is written once: an existing file is refused with a message.
  await d.type('#clinic-invite-path', invitation);
  await d.click('#clinic-invite');
  await d.waitText('#clinic-message', (t) => t.includes(invitation));
  assert.ok(existsSync(invitation));
  await d.type('#clinic-invite-path', invitation);
  await d.click('#clinic-invite');
  await d.find('#clinic-members-error');
});

test('the volunteer joins with the CLI; the coordinator admits only with the same words', async () => {
  const init = volunteer('init');
  assert.ok(init.recovery_code, 'the volunteer vault was made');
  const joined = volunteer('clinic', 'join', invitation, '--out', request);
  assert.equal(joined.clinic_name, 'Clínica Esperanza');
  fingerprint = joined.fingerprint;
  assert.equal(fingerprint.split(' ').length, 6, fingerprint);

  await d.type('#clinic-admit-path', request);
  await d.click('#clinic-read-request');
  const shown = await d.waitText('#request-words', (t) => t.trim().length > 0);
  assert.equal(shown.trim(), fingerprint, 'the app shows the words the volunteer sees');
  await d.waitText('#clinic-admit-form', (t) => t.includes('Lucía Ramos'));
  assert.ok(await d.exists('#clinic-admit-form .qr svg'), 'a QR code of the words');
  await scrollTo('#clinic-admit-title');
  await shot('clinic-admit-en');

  // Words that differ are refused, and nothing is admitted.
  const wrong = fingerprint.split(' ').reverse().join(' ');
  await d.type('#clinic-admit-words', wrong);
  await d.click('#clinic-admit');
  await d.waitText('#clinic-admit-error', (t) => t.includes('do not match'));
  assert.ok(!(await d.text('#clinic-members')).includes('Lucía Ramos'));

  await d.type('#clinic-admit-words', fingerprint);
  await d.click('#clinic-admit');
  await d.waitText('#clinic-message', (t) => t.includes('Lucía Ramos was admitted'));
  await d.waitText('#clinic-members', (t) => t.includes('Lucía Ramos') && t.includes('Volunteer'));
});

test('a shared folder as the remote; the volunteer receives the roster and sends a case', async () => {
  mkdirSync(remote, { recursive: true });
  await d.type('#clinic-location', remote);
  await d.type('#clinic-every', '0');
  await d.click('#clinic-save-remote');
  await d.find('#clinic-remote-saved');
  await syncNow();
  await d.waitText('#last-sync', (t) => t !== 'Never');
  assert.ok(plaintextHits(remote, []).files > 0, 'the roster was written to the folder');

  const first = volunteer('sync', '--remote', remote);
  assert.equal(first.waiting_for_admission, false, 'the roster admitting the volunteer arrived');
  const client = volunteer('client', 'add', '--given', GIVEN, '--family', FAMILY, '--no-a-number');
  const matter = volunteer('matter', 'add', '--client', String(client.id), '--kind', 'defensive_asylum', '--forum', 'immigration_court');
  const deadline = volunteer('deadline', 'add', '--matter', String(matter.id), '--title', 'File the I-589 brief', '--due', DUE, '--reason', 'Judge’s scheduling order');
  deadlineId = (Array.isArray(deadline) ? deadline[0] : deadline).id;
  assert.ok(deadlineId > 0);
  volunteer('sync');

  await syncNow();
  await d.waitText('#sync-brought [data-count=received] strong', (t) => Number(t) > 0);
  await d.waitText('#sync-brought [data-count=created] strong', (t) => Number(t) >= 3);
  await scrollTo('#clinic');
  await shot('clinic-settings-en');
  await setLanguage('es');
  await d.waitText('#clinic-title', (t) => t === 'Clínica');
  await d.waitText('#clinic-role', (t) => t === 'Coordinador/a');
  await scrollTo('#clinic');
  await shot('clinic-settings-es');
  await scrollTo('#clinic-remote');
  await shot('clinic-remote-es', [[1024, 700]]);
  await setLanguage('en');
  await scrollTo('#clinic-remote');
  await shot('clinic-remote-en', [[1024, 700]]);

  await d.click('#nav-clients');
  await d.waitText('#client-table', (t) => t.includes(`${FAMILY}, ${GIVEN}`), 10_000);
});

test('a coordinator hands the case over from the matter page', async () => {
  await d.click('#nav-dashboard');
  await d.click('#panel-due30 .row-link');
  await d.find('#handover-member');
  await d.script(`const s = document.querySelector('#handover-member');
    s.value = [...s.options].find((o) => o.text.startsWith('Lucía Ramos')).value;
    s.dispatchEvent(new Event('change', { bubbles: true }));`);
  await d.click('#handover-submit');
  await d.waitText('#handover-done', (t) => t.includes('Handed to Lucía Ramos'));
  await scrollTo('#handover');
  await shot('clinic-handover-en', [[1280, 800]]);
});

test('the same deadline moved on both laptops: the dashboard asks, Keep this settles it everywhere', async () => {
  // The coordinator moves the date on the matter page...
  await d.find('#deadlines [data-action=change-date]');
  await d.click('#deadlines [data-action=change-date]');
  await d.type('#deadlines .inline-form input[id^=due-]', MINE);
  await d.type('#deadlines .inline-form input[id^=override-]', 'Order of the court, received by mail');
  await d.click('#deadlines .inline-form button[type=submit]');
  await d.waitGone('#deadlines .inline-form');
  // ...and, before seeing it, the volunteer moves it too.
  volunteer('deadline', 'set-date', String(deadlineId), '--date', THEIRS, '--reason', 'Clerk said the hearing moved');
  volunteer('sync');
  await syncNow();
  await d.waitText('#sync-conflicts', (t) => t.includes(': 1.'));

  await d.click('#nav-dashboard');
  const panel = await d.waitText('#needs-decision', (t) => t.includes('Deadline date'), 10_000);
  assert.ok(panel.includes(`${FAMILY} ${GIVEN}`) || panel.includes(GIVEN), `client named: ${panel}`);
  assert.ok(panel.includes('this laptop') && panel.includes('Lucía Ramos'), `both sides named: ${panel}`);
  const mine = await d.text('[data-side=mine] .value');
  const theirs = await d.text('[data-side=theirs] .value');
  assert.notEqual(mine, theirs);
  assert.equal(await d.text('[data-shown]'), mine, 'the earlier date is shown until settled');
  assert.ok(mine.includes(String(Number(MINE.slice(8, 10)))), `${mine} is ${MINE}`);
  await shot('clinic-conflict-en');
  await setLanguage('es');
  await d.waitText('#decide-title', (t) => t.startsWith('Requiere una decisión'));
  await d.waitText('#needs-decision', (t) => t.includes('Fecha del plazo') && t.includes('esta computadora'));
  await shot('clinic-conflict-es');
  await setLanguage('en');

  await d.click('[data-side=mine] [data-action=keep]');
  await d.waitGone('#needs-decision');
  await d.find('#decide-done');
  await syncNow();

  volunteer('sync');
  const open = volunteer('conflicts');
  assert.deepEqual(open, [], 'the volunteer has no conflict left');
  const due = volunteer('deadline', 'list', '--due-within', '60d');
  assert.ok(JSON.stringify(due).includes(MINE), `the kept date reached the volunteer: ${JSON.stringify(due)}`);
});

test('the shared folder holds no plaintext of the client', () => {
  const { files, hits } = plaintextHits(remote, [GIVEN, FAMILY, 'Lucía Ramos', 'I-589 brief', 'Clínica Esperanza']);
  assert.ok(files > 3, `bundles were written (${files} files)`);
  assert.deepEqual(hits, []);
});
