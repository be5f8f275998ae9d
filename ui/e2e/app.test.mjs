// End-to-end tests of the built app, driven through tauri-driver (WebKitWebDriver)
// under Xvfb. Run by `make test` via scripts/e2e.sh, which sets:
//   APP_BINARY  the built amparo-app
//   E2E_HOME    a fresh folder that HOME and the XDG dirs point into (vault, webview data)
//   SCREENSHOT_DIR  where to keep screenshots (optional)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { plaintextHits } from './scan.mjs';
import { screenshots, utcDay } from './helpers.mjs';

const PASS = 'tangerine orbit velvet harbor';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
const shots = process.env.SCREENSHOT_DIR;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

let d;
const today = new Date();
const iso = (days) => utcDay(days, today.getTime());

// `name.png` at the window's 1280×800, and `name-1024x700.png` at the smaller laptop size.
async function shot(name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await sleep(300);
  writeFileSync(join(shots, `${name}.png`), await d.screenshot());
  await screenshots(d, name, [[1024, 700]], { settle: 300 });
}

async function pageText() {
  return d.script('return document.body.innerText');
}

after(async () => {
  if (d) await d.quit();
});

test('first run creates a vault, refusing a weak passphrase', async () => {
  d = await Driver.start(app);
  await d.find('#create-vault', 30_000);
  await shot('01-first-run-en');
  await d.click('.gate-head .link');
  await d.waitText('h1', (t) => t.includes('Cree su bóveda'));
  await shot('01-first-run-es');
  await d.click('.gate-head .link');
  await d.waitText('h1', (t) => t.includes('Create your Amparo vault'));

  await d.type('#new-passphrase', 'password1234');
  await d.type('#confirm-passphrase', 'password1234');
  await d.click('#understood');
  await d.click('#create-vault');
  await d.waitText('#first-run-error', (t) => t.includes('too easy to guess'));

  await d.type('#new-passphrase', PASS);
  await d.type('#confirm-passphrase', PASS);
  await d.click('#create-vault');
  // The recovery code is shown once (safety.test.mjs checks it in full).
  await d.find('#recovery-code', 60_000);
  await d.click('#recovery-understood');
  await d.click('#recovery-continue');
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
});

test('adding a client: a bad A-number is refused inline and nothing is saved', async () => {
  await d.click('#nav-clients');
  await d.click('#add-client');
  await d.type('#given_name', 'Amina');
  await d.type('#family_name', 'Haile');
  await d.type('#a_number', 'A12-34');
  await d.type('#date_of_birth', '1990-02-30');
  await d.click('#save-client');
  await d.waitText('#a_number-error', (t) => t.includes('is not an A-number'));
  await d.waitText('#date_of_birth-error', (t) => t.includes('February 1990 has 28 days'));
  await shot('03-client-form-errors-en');

  await d.type('#a_number', 'A201-555-019');
  await d.type('#date_of_birth', '1990-02-28');
  await d.type('#nationality', 'ER');
  await d.type('#last_arrival', iso(-330));
  await d.click('#save-client');
  await d.waitText('#client-a-number', (t) => t === 'A201-555-019');
  assert.match(await d.text('#client-name'), /Haile, Amina/);
});

test('a defensive asylum matter with a deadline and a hearing', async () => {
  await d.click('#add-matter');
  await d.type('#court_name', 'Baltimore Immigration Court');
  await d.type('#judge', 'Okonkwo');
  await d.type('#opened_on', '2026-04-31');
  await d.click('#save-matter');
  await d.waitText('#opened_on-error', (t) => t.includes('April 2026 has 30 days'));
  assert.ok(!(await d.exists('#add-deadline')), 'a refused matter was saved');
  await d.type('#opened_on', iso(0));
  await d.click('#save-matter');
  await d.find('#add-deadline');

  // A blank note cannot be sent; a real one is kept.
  await d.type('#note-body', '   ');
  assert.equal(await d.script("return document.querySelector('#add-note').disabled;"), true, 'a blank note could be sent');
  await d.type('#note-body', 'Client brought the IJ decision to the clinic.');
  await d.click('#add-note');
  await d.waitText('#notes', (t) => t.includes('Client brought the IJ decision'));

  await d.click('#add-deadline');
  await d.type('#deadline-title', 'BIA appeal (EOIR-26)');
  await d.type('#due_on', '2026-02-30');
  await d.type('#manual_reason', 'IJ decision; 30 days, 8 CFR 1003.38(b)');
  await d.click('#save-record');
  await d.waitText('#due_on-error', (t) => t.includes('not a real date'));
  const before = await d.text('#deadlines');
  assert.ok(!before.includes('BIA appeal (EOIR-26)'), 'a refused deadline was saved');
  assert.ok(before.includes('File the I-589 (one-year deadline)'), 'the one-year deadline did not appear on its own');

  await d.type('#due_on', iso(10));
  await d.click('#save-record');
  await d.waitText('#deadlines', (t) => t.includes('BIA appeal (EOIR-26)'));

  // The IJ decided five days ago: Amparo proposes the BIA appeal and the motions.
  await d.click('#record-event');
  await d.type('#event-date', '2026-13-01');
  await d.click('#show-proposals');
  await d.waitText('#event-date-error', (t) => t.includes('no month 13'));
  await d.type('#event-date', iso(-5));
  await d.click('#show-proposals');
  await d.waitText('#proposals', (t) => t.includes("Appeal of an immigration judge's decision to the BIA") && t.includes('8 CFR 1003.38(b)'));
  await shot('04-matter-event-en');
  await d.click('#add-proposals');
  await d.waitText('#deadlines', (t) => t.includes("Appeal of an immigration judge's decision to the BIA") && t.includes('Motion to reopen'));

  // An order entered in absentia cannot be appealed: Amparo proposes the motion to rescind
  // and not the BIA appeal, and says a motion for lack of notice may be filed at any time.
  await d.click('#record-event');
  await d.script(
    "const s = document.querySelector('#event-kind'); s.value = 'in_absentia_order'; s.dispatchEvent(new Event('change', { bubbles: true }));",
  );
  await d.type('#event-date', iso(-5));
  await d.click('#show-proposals');
  await d.waitText('#proposals', (t) => t.includes('Motion to reopen to rescind an in absentia removal order'));
  const absentia = await d.text('#proposals');
  assert.ok(!absentia.includes("Appeal of an immigration judge's decision to the BIA"), 'an in absentia order proposed the BIA appeal');
  assert.ok(absentia.includes('AT ANY TIME') && absentia.includes('stays removal'), 'the lack-of-notice and stay text is missing');
  await d.click('#event-cancel');
  await d.waitGone('#event-panel');

  await d.click('#add-hearing');
  await d.type('#starts_at', `${iso(3)} 25:00`);
  await d.click('#save-hearing');
  await d.waitText('#starts_at-error', (t) => t.includes('not a time'));
  assert.ok((await d.text('#hearings')).includes('None'), 'a refused hearing was saved');
  await d.type('#starts_at', `${iso(3)} 09:00`);
  await d.click('#save-hearing');
  await d.waitText('#hearings', (t) => t.includes('Master calendar hearing'));
  // A new hearing offers the deadlines it starts with its date filled in. The filing
  // deadline 15 days before a hearing in 3 days has passed: shown, said, not ticked.
  await d.find('#event-panel');
  assert.equal(await d.script("return document.querySelector('#event-date').value"), iso(3));
  await d.click('#show-proposals');
  await d.waitText('#proposals', (t) => t.includes('already passed'));
  assert.equal(await d.script("return document.querySelector('#proposals input[type=checkbox]').checked"), false, 'a passed deadline was ticked');
  await d.click('#event-cancel');
  await d.waitGone('#event-panel');
  await shot('04-matter-en');
});

test('the dashboard shows the BIA appeal deadline with its explanation', async () => {
  await d.click('#nav-dashboard');
  const panel = await d.waitText('#panel-due30', (t) => t.includes("Appeal of an immigration judge's decision to the BIA"));
  assert.match(panel, /Haile, Amina/);
  assert.match(panel, /in 10 days/);
  const summaries = await d.findAll('#panel-due30 details summary');
  for (const s of summaries) await d.cmd('POST', `/element/${s}/click`, {});
  await d.waitText('#panel-due30', (t) => t.includes(`Decision ${iso(-5)} + 30 calendar days`) && t.includes('Rule: 8 CFR 1003.38(b)'));
  await d.waitText('#panel-hearings', (t) => t.includes('Haile, Amina'));
  await d.waitText('#panel-oneyear', (t) => t.includes('File the I-589 (one-year deadline)') && t.includes('Haile, Amina'));
  await shot('02-dashboard-en');
});

test('hearings, filings and deadlines change as the case moves on; bad input saves nothing', async () => {
  await d.click('#panel-due30 .row-link');
  await d.click('#hearings [data-action=edit-hearing]');
  await d.type('#hearing-outcome', 'Pleadings taken; individual hearing set');
  await d.click('#save-hearing');
  await d.waitText('#hearings', (t) => t.includes('Pleadings taken; individual hearing set'));

  await d.click('#add-filing');
  await d.type('#filed_on', iso(-1));
  await d.type('#receipt_number', 'IOE12');
  await d.click('#save-filing');
  await d.waitText('#receipt_number-error', (t) => t.includes('not a USCIS receipt number'));
  assert.ok((await d.text('#filings')).includes('None'), 'a refused filing was saved');
  await d.type('#receipt_number', 'IOE0912345678');
  await d.click('#save-filing');
  await d.waitText('#filings', (t) => t.includes('IOE0912345678'));
  await d.click('#filings [data-action=edit-filing]');
  await d.script("const s = document.querySelector('#filing-status'); s.value = 'received'; s.dispatchEvent(new Event('change'));");
  await d.type('#received_on', '2026-02-30');
  await d.click('#save-filing');
  await d.waitText('#received_on-error', (t) => t.includes('not a real date'));
  await d.type('#received_on', iso(0));
  await d.click('#save-filing');
  await d.waitText('#filings', (t) => t.includes('Received'));

  await d.click('#deadlines [data-action=change-date]');
  await d.type('#deadlines .inline-form input[id^=due-]', '2026-02-30');
  await d.click('#deadlines .inline-form button[type=submit]');
  await d.waitText('#deadlines .inline-form', (t) => t.includes('not a real date'));
  await d.type('#deadlines .inline-form input[id^=due-]', iso(12));
  await d.type('#deadlines .inline-form input[id^=override-]', 'Judge ordered briefs by this date');
  await d.click('#deadlines .inline-form button[type=submit]');
  await d.waitGone('#deadlines .inline-form');
  for (const s of await d.findAll('#deadlines details summary')) await d.cmd('POST', `/element/${s}/click`, {});
  await d.waitText('#deadlines', (t) => t.includes('Judge ordered briefs by this date'));

  await d.click('#deadlines [data-action=waive]');
  await d.click('#deadlines .inline-form button[type=submit]');
  await d.waitText('#deadlines .inline-form', (t) => t.includes('required'));
  await d.type('#deadlines .inline-form input[id^=waive-]', 'Client chose not to pursue it');
  await d.click('#deadlines .inline-form button[type=submit]');
  await d.waitText('#deadlines', (t) => t.includes('No longer applies'));
  await shot('04-matter-changes-en');

  // The same refusal reads in Spanish when the app is in Spanish.
  await d.click('#toggle-language');
  await d.click('#add-filing');
  await d.type('#receipt_number', 'IOE12');
  await d.click('#save-filing');
  await d.waitText('#receipt_number-error', (t) => t.includes('no es un número de recibo de USCIS'));
  await d.script("document.querySelector('#receipt_number').scrollIntoView({ block: 'center' });");
  await shot('05-form-errors-es');
  await d.click('#filing-cancel');
  await d.waitText('#deadlines', (t) => t.includes('Plazos') || t.includes('Ya no aplica'));
  for (const s of await d.findAll('#deadlines details summary')) await d.cmd('POST', `/element/${s}/click`, {});
  await d.waitText('#deadlines', (t) => t.includes('Presentar el I-589 (plazo de un año)') && t.includes('días calendario'));
  await d.script("document.querySelector('#deadlines').scrollIntoView();");
  await shot('04-matter-es');
  await d.click('#toggle-language');
});

test('lock clears the page; a wrong passphrase is refused; the right one unlocks', async () => {
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  const locked = await pageText();
  assert.ok(!locked.includes('Haile') && !locked.includes('Amina'), 'client details visible while locked');
  await d.type('#unlock-passphrase', 'tangerine orbit velvet harbour');
  await d.click('#unlock-submit');
  await d.waitText('#unlock-error', (t) => t.includes('not correct'));
  await shot('05-unlock-wrong-en');
  await d.type('#unlock-passphrase', PASS);
  await d.click('#unlock-submit');
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
});

test('the client is found by search, by name and by A-number', async () => {
  await d.click('#nav-clients');
  await d.type('#client-search', 'hail');
  await d.waitText('#client-table', (t) => t.includes('Haile, Amina'));
  await d.type('#client-search', '201555019');
  await d.waitText('#client-table', (t) => t.includes('A201-555-019'));
  await d.type('#client-search', 'nobody-like-this');
  await d.find('#no-match');
  await d.type('#client-search', '');
  await d.waitText('#client-table', (t) => t.includes('Haile, Amina'));
  await shot('06-clients-en');
});

test('leaving a form with typed input asks first', async () => {
  await d.click('#add-client');
  await d.type('#given_name', 'Half-typed');
  await d.click('#nav-dashboard');
  await d.find('#keep-editing');
  await d.click('#keep-editing');
  assert.equal(await d.script('return document.getElementById("given_name").value'), 'Half-typed');
  await d.click('#nav-dashboard');
  await d.click('#discard-changes');
  await d.waitText('h1', (t) => t === 'Dashboard');
});

test('editing a client: bad input is refused inline, good input is saved', async () => {
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.click('#edit-client');
  await d.type('#email', 'amina-at-example');
  await d.click('#save-client');
  await d.waitText('#email-error', (t) => t.includes('is not an email address'));
  await d.type('#email', 'amina@example.org');
  await d.click('#save-client');
  await d.find('#client-a-number');
  assert.match(await pageText(), /amina@example\.org/);
});

test('the calendar shows the hearing and the deadlines by month and as an agenda', async () => {
  await d.click('#nav-calendar');
  await d.waitText('#calendar-grid', (t) => t.includes('Haile, Amina'));
  const next = iso(3).slice(0, 7) !== iso(0).slice(0, 7);
  if (next) await d.click('#calendar-next');
  await d.waitText('#calendar-grid', (t) => t.includes('Master calendar hearing'));
  await shot('09-calendar-en');
  await d.click('#view-agenda');
  await d.waitText('#calendar-agenda', (t) => t.includes('Master calendar hearing') && t.includes('Haile, Amina'));
  await shot('09-agenda-en');
});

test('settings: the user name is saved and names the user in the history; a bad auto-lock time is refused', async () => {
  await d.click('#nav-settings');
  await d.type('#user-name', 'Ana Volunteer');
  await d.click('#save-user-name');
  await d.find('#settings-saved');
  await d.type('#autolock', '0');
  await d.script("document.getElementById('autolock').dispatchEvent(new Event('change', { bubbles: true }))");
  await d.waitText('#settings-error', (t) => t.includes('between 1 and 240'));
  await d.type('#autolock', '10');
  await d.script("document.getElementById('autolock').dispatchEvent(new Event('change', { bubbles: true }))");
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.click('#edit-client');
  await d.type('#phone', '+1 410 555 0199');
  await d.click('#save-client');
  await d.find('#client-a-number');
  await d.click('details.panel summary');
  await d.waitText('details.panel', (t) => t.includes('Ana Volunteer: changed'));
});

test('every screen in Spanish', async () => {
  await d.click('#nav-dashboard');
  await d.click('#toggle-language');
  await d.waitText('h1', (t) => t === 'Panel');
  await shot('02-dashboard-es');
  await d.click('#nav-clients');
  await d.waitText('h1', (t) => t === 'Clientes');
  await shot('06-clients-es');
  await d.click('#client-table .row-link');
  await d.find('#client-a-number');
  await shot('07-client-es');
  await d.click('#nav-calendar');
  await d.waitText('h1', (t) => t.startsWith('Calendario'));
  await shot('09-calendar-es');
  await d.click('#nav-settings');
  await d.waitText('h1', (t) => t === 'Configuración');
  await shot('08-settings-es');
  await d.click('#toggle-language');
  await d.waitText('h1', (t) => t === 'Settings');
  await shot('08-settings-en');
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.find('#client-a-number');
  await shot('07-client-en');
  await d.click('#lock');
  await d.find('#unlock-passphrase');
});

test('no client detail or passphrase is left in plaintext anywhere the app wrote', async () => {
  await d.quit();
  d = null;
  await sleep(500);
  // UTF-8 and UTF-16, as typed, lower- and upper-cased (scan.mjs).
  const { files, hits } = plaintextHits(home, ['Haile', 'Amina', '201555019', 'Okonkwo', 'Ana Volunteer', PASS]);
  assert.ok(files > 0, 'nothing was written under E2E_HOME: the scan would prove nothing');
  assert.deepEqual(hits, []);
});
