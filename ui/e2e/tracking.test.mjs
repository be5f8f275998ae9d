// End-to-end: what a clinic tracks beyond hearings, in the real app. A vault made with the
// command line holds an Eritrean woman with an affirmative asylum case and an I-589
// receipt, and an Ethiopian man in detention with a court case. In the app the volunteer
// books her biometrics (only USCIS appointments are offered on her case), checks her
// receipt, records his release on bond with an ankle monitor, finds him by the last four
// digits of his A-number with "detained only", sees a federal holiday in the week view,
// and archives her once her case is closed: the retention list shows when she may be
// purged, and purging before then is not possible. English and Spanish, 1280×800 and
// 1024×700.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { SIZES, localDay, runCli, screenshots, setLanguage as switchLanguage, unlockToDashboard } from './helpers.mjs';

const PASS = 'saffron tundra kettle orchard';
const VOLUNTEER = 'Lucía Fernández';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');
const vault = join(home, 'tracking-e2e', 'tracking.amparo');
const iso = localDay;

let d;
let senait = 0;
let uscis = 0;
let yonas = 0;
let receipt = 0;

const amparo = (...args) => runCli({ vault, passphrase: PASS, user: VOLUNTEER }, ...args);
const shot = (name, sizes = SIZES) => screenshots(d, name, sizes, { settle: 300 });
const setLanguage = (lang) => switchLanguage(d, lang);

async function choose(css, value) {
  await d.find(css);
  await d.script(
    `const s = document.querySelector(${JSON.stringify(css)}); s.value = ${JSON.stringify(value)};
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
}

/** Opens a client's page from the client list, by the name shown. */
async function openClient(name) {
  await d.click('#nav-clients');
  // The table is drawn before its rows arrive: wait for the name, then click it.
  await d.waitText('#client-table', (t) => t.includes(name));
  await d.script(
    `[...document.querySelectorAll('#client-table .row-link')].find((b) => b.textContent.includes(${JSON.stringify(name)})).click();`,
  );
  await d.waitText('#client-name', (t) => t.includes(name));
}

after(async () => {
  if (d) await d.quit();
});

test('two clients, a USCIS case with a receipt and a detained client with a court case, made with the command line', () => {
  mkdirSync(dirname(vault), { recursive: true });
  amparo('init');
  senait = amparo('client', 'add', '--given', 'Senait', '--family', 'Berhe', '--a-number', 'A209-111-222', '--country', 'ER').id;
  uscis = amparo('matter', 'add', '--client', String(senait), '--kind', 'affirmative_asylum', '--forum', 'uscis_asylum_office', '--assigned-to', VOLUNTEER).id;
  receipt = amparo('filing', 'add', '--matter', String(uscis), '--form', 'i589', '--filed', iso(-60), '--receipt', 'ZLA2690012345').id;
  yonas = amparo('client', 'add', '--given', 'Yonas', '--family', 'Tesfaye', '--a-number', 'A201-345-678', '--country', 'ET').id;
  amparo('matter', 'add', '--client', String(yonas), '--kind', 'defensive_asylum', '--forum', 'immigration_court', '--court', 'San Diego Immigration Court', '--assigned-to', VOLUNTEER);
  amparo('custody', 'add', '--client', String(yonas), '--facility', 'Otay Mesa Detention Center', '--detained-on', iso(-90), '--bond-status', 'requested');
});

test('biometrics are booked on the USCIS case, and the receipt is checked from the dashboard', async () => {
  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
  await d.waitText('#receipts', (t) => t.includes('ZLA2690012345'));
  await d.script("document.querySelector('#receipts').scrollIntoView({ block: 'start' })");
  // The window starts at 1280×800, and a resize to the size it has repaints nothing.
  await shot('16-dashboard-receipts-en', [[1024, 700], [1280, 800]]);
  await d.click(`#filing-checked-${receipt}`);
  await d.waitText('#receipts', (t) => !t.includes('ZLA2690012345')).catch(async () => {
    assert.ok(!(await d.exists('#receipts')), 'the checked receipt left the list');
  });

  await openClient('Berhe');
  await d.click('#client-page-matters .row-link, .panel .items .row-link');
  await d.find('#appointments');
  await d.click('#appointment-add');
  await d.find('#appointment-form');
  const offered = await d.script("return [...document.querySelectorAll('#appointment-kind option')].map((o) => o.value).filter(Boolean)");
  assert.ok(offered.includes('biometrics') && offered.includes('asylum_interview'), `USCIS kinds on a USCIS case: ${offered}`);
  await choose('#appointment-kind', 'biometrics');
  await d.type('#appointment-starts-at', `${iso(3)} 08:30`);
  await d.type('#appointment-place', 'Application Support Center, San Diego');
  await d.type('#appointment-accompanied', VOLUNTEER);
  await d.click('#appointment-save');
  await d.waitText('#appointments', (t) => t.includes('Biometrics') && t.includes('Application Support Center'));
  await shot('17-appointments-en');
  await d.click('#nav-dashboard');
  await d.waitText('#panel-appointments', (t) => t.includes('Biometrics') && t.includes('Berhe'));
});

test('the detained client is released on bond with an ankle monitor; the history keeps both states', async () => {
  await openClient('Tesfaye');
  await d.waitText('#custody', (t) => t.includes('Otay Mesa'));
  const [edit] = await d.findAll('#custody [id^="custody-edit-"]');
  assert.ok(edit, 'the period has a change button');
  await d.script("document.querySelector('#custody [id^=\"custody-edit-\"]').click()");
  await d.find('#custody-form');
  await d.type('#custody-released-on', iso(-2));
  await choose('#custody-bond-status', 'denied');
  await d.type('#custody-bond-amount', '$7,500');
  await d.click('#custody-save');
  await d.waitText('#custody-bond-amount-error', (t) => t.includes('bond'));
  await choose('#custody-bond-status', 'posted');
  await choose('#custody-alternative', 'ankle_monitor');
  await d.click('#custody-save');
  await d.waitText('#custody', (t) => t.includes('7,500') && t.includes('Ankle monitor'));
  await shot('18-custody-en');
});

test('search finds the last four digits of an A-number, and "detained only" applies while searching', async () => {
  await d.click('#nav-clients');
  await d.type('#client-search', '5678');
  await d.waitText('#client-table', (t) => t.includes('Tesfaye'));
  // Released now: "detained only" leaves no one.
  await d.click('#detained-only');
  await d.waitText('main', (t) => !(t.includes('Tesfaye, Yonas')), 10_000);
  await d.click('#detained-only');
  await d.waitText('#client-table', (t) => t.includes('Tesfaye') && t.includes('Ethiopia'));
  await shot('19-search-digits-en');
});

test('the calendar week view marks a federal holiday and shows court and volunteer on each item', async () => {
  await d.click('#nav-calendar');
  await d.click('#view-week');
  await d.find('#calendar-week');
  // The longest stretch without a federal holiday is about 14 weeks (February to May).
  for (let i = 0; i < 16 && !(await d.exists('#calendar-week [data-holiday]')); i++) {
    await d.click('#calendar-next');
    await sleep(250);
  }
  assert.ok(await d.exists('#calendar-week [data-holiday]'), 'a holiday within 16 weeks');
  await shot('20-calendar-week-holiday-en');
  await d.click('#calendar-today');
  await d.click('#view-agenda');
  await d.waitText('#calendar-agenda', (t) => t.includes('Biometrics') && t.includes(VOLUNTEER));
});

test('a client whose case is closed is archived; purging waits for the retention period', async () => {
  await openClient('Berhe');
  assert.ok(!(await d.exists('#archive-client')), 'no archive while a case is open');
  await d.click('#client-page-matters .row-link, .panel .items .row-link');
  await d.click('#close-matter');
  await choose('#close-outcome', 'granted');
  await d.click('#confirm-close');
  await d.waitText('main', (t) => t.includes('Closed') || t.includes('Reopen'));
  await openClient('Berhe');
  await d.click('#archive-client');
  await d.find('#client-archived');
  await shot('21-archived-en');
  await d.click('#nav-clients');
  await d.find('#client-table');
  assert.ok(!(await d.text('#client-table')).includes('Berhe'), 'an archived client leaves the list');
  await d.click('#show-archived');
  await d.waitText('#client-table', (t) => t.includes('Berhe'));
  await d.click('#nav-settings');
  await d.waitText('#retention-list', (t) => t.includes('Berhe'));
  const disabled = await d.script(`return document.querySelector('#purge-${senait}').disabled`);
  assert.equal(disabled, true, 'purge waits for the retention period');
  await d.script("document.querySelector('#retention').scrollIntoView({ block: 'start' })");
  await shot('22-retention-en');
});

test('the same screens in Spanish', async () => {
  await setLanguage('es');
  await d.waitText('#retention-title', (t) => t.includes('Conservación'));
  await d.script("document.querySelector('#retention').scrollIntoView({ block: 'start' })");
  await shot('22-retention-es');
  await openClient('Tesfaye');
  await d.waitText('#custody', (t) => t.includes('Grillete') || t.includes('grillete'));
  await shot('18-custody-es');
  await d.click('#nav-calendar');
  await d.click('#view-week');
  await d.find('#calendar-week');
  await shot('20-calendar-week-es');
  await setLanguage('en');
});
