// End-to-end: the coordinator's desk in the real app. A clinic of three laptops is set up
// with the CLI (coordinator Rosa, volunteers Lucía and Tomás, a shared folder); the app
// opens Rosa's vault: the caseload board with its filters and a member's cases, a
// reassignment with a co-assignee and a reason, a review answered with "Ask for changes",
// the clinic calendar with its flags and the court-day list. Then the app opens Lucía's
// vault: the case new to her and the changes asked of her on the dashboard; she asks for
// review again, Rosa approves (CLI), and the filing may be filed. English and Spanish
// screenshots at 1280×800 and 1024×700.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Driver } from './webdriver.mjs';
import {
  SIZES, chooseOption, runCli, screenshots, scrollTo as scrollToTop, setLanguage as switchLanguage, syncNow as sync,
  unlockToDashboard, utcDay,
} from './helpers.mjs';

const PASS = { rosa: 'juniper cobalt atlas meadow', lucia: 'saffron pylon glacier tundra', tomas: 'walnut prism harbor quasar' };
const NAME = { rosa: 'Rosa Coordinadora', lucia: 'Lucía Ramos', tomas: 'Tomás Ortega' };
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const dir = join(home, 'desk-e2e');
const vaults = { rosa: join(dir, 'rosa.amparo'), lucia: join(dir, 'lucia.amparo'), tomas: join(dir, 'tomas.amparo') };
const remote = join(dir, 'shared-folder');
const COURT = 'Chicago Immigration Court';
const iso = (days) => utcDay(days);
const HEARING_DAY = iso(9);

let d;
let luciaFiling = 0;

/** Runs the CLI as one of the three, JSON out. */
const as = (who, ...args) => runCli({ vault: vaults[who], passphrase: PASS[who], user: NAME[who] }, ...args);
const shot = (name, sizes = SIZES) => screenshots(d, name, sizes);
const setLanguage = (lang) => switchLanguage(d, lang);
const choose = (css, optionText) => chooseOption(d, css, optionText);
const syncNow = () => sync(d);
const scrollTo = (css) => scrollToTop(d, css);

async function open(who) {
  d = await Driver.start(app, ['--vault', vaults[who]]);
  await unlockToDashboard(d, PASS[who]);
}

after(async () => {
  if (d) await d.quit();
});

test('a clinic of three is set up with the command line', () => {
  mkdirSync(remote, { recursive: true });
  for (const who of ['rosa', 'lucia', 'tomas']) as(who, 'init');
  as('rosa', 'clinic', 'create', '--name', 'Clínica Esperanza');
  for (const who of ['lucia', 'tomas']) {
    const invite = join(dir, `${who}.amparo-invite`);
    const request = join(dir, `${who}.amparo-join`);
    as('rosa', 'clinic', 'invite', '--out', invite);
    const joined = as(who, 'clinic', 'join', invite, '--out', request);
    as('rosa', 'clinic', 'admit', request, '--fingerprint', joined.fingerprint);
  }
  as('rosa', 'clinic', 'require-review', 'on');
  as('rosa', 'sync', '--remote', remote);
  for (const who of ['lucia', 'tomas']) as(who, 'sync', '--remote', remote);

  // Lucía's case: a hearing at the court in 9 days and a draft I-589 asked for review.
  const c = as('lucia', 'client', 'add', '--given', 'Xochitl', '--family', 'Benavides', '--no-a-number', '--language', "K'iche'", '--interpreter');
  const m = as('lucia', 'matter', 'add', '--client', String(c.id), '--kind', 'defensive_asylum', '--forum', 'immigration_court', '--court', COURT);
  as('lucia', 'hearing', 'add', '--matter', String(m.id), '--kind', 'master_calendar', '--at', `${HEARING_DAY} 08:30`, '--judge', 'Hon. A. Rivera');
  const f = as('lucia', 'filing', 'add', '--matter', String(m.id), '--form', 'i589', '--preparer', 'Lucía Ramos, Clínica Esperanza');
  luciaFiling = f.id;
  as('lucia', 'review', 'request', String(f.id), '--comment', 'Please check the one-year exception');
  // Tomás's case, and one the coordinator opened and gave to no one.
  const t = as('tomas', 'client', 'add', '--given', 'Dawit', '--family', 'Haile', '--no-a-number', '--detention', 'detained', '--facility', 'Broadview');
  const tm = as('tomas', 'matter', 'add', '--client', String(t.id), '--kind', 'bond', '--forum', 'immigration_court', '--court', COURT);
  as('tomas', 'deadline', 'add', '--matter', String(tm.id), '--title', 'Bond brief', '--due', iso(5), '--reason', 'IJ order');
  const r = as('rosa', 'client', 'add', '--given', 'Wislande', '--family', 'Pierre', '--no-a-number');
  const rm = as('rosa', 'matter', 'add', '--client', String(r.id), '--kind', 'defensive_asylum', '--forum', 'immigration_court', '--court', COURT);
  as('rosa', 'hearing', 'add', '--matter', String(rm.id), '--kind', 'individual', '--at', `${HEARING_DAY} 13:00`);
  for (const who of ['lucia', 'tomas', 'rosa']) as(who, 'sync');
  const board = as('rosa', 'caseload');
  assert.equal(board.reduce((n, row) => n + row.open_matters, 0), 3, JSON.stringify(board));
});

test('the coordinator’s caseload board: filters, sorting, a member’s cases', async () => {
  await open('rosa');
  await d.find('#nav-desk');
  await d.click('#nav-desk');
  await d.waitText('h1', (t) => t === 'Coordinator’s desk');
  const board = await d.waitText('#caseload-board', (t) => t.includes('Lucía Ramos') && t.includes('Tomás Ortega') && t.includes('No volunteer'));
  assert.ok(board.includes('Never') || board.length > 0);
  await shot('desk-board-en');

  // Detained clients only: Tomás's bond case alone.
  await d.click('#filter-detained');
  await d.waitText('#caseload-board tbody', (t) => /Tomás Ortega\s*1/.test(t) && /Lucía Ramos\s*0/.test(t));
  await d.click('#filter-clear');
  await d.waitText('#caseload-board tbody', (t) => /Lucía Ramos\s*1/.test(t));
  // Sorting by a column and back.
  await d.click('#caseload-board thead th:nth-child(1) button');
  const names = await d.script(`return [...document.querySelectorAll('#caseload-board tbody th')].map((e) => e.textContent.trim())`);
  // The row of cases no one holds has no name: it sorts first.
  assert.deepEqual(names, ['No volunteer', 'Lucía Ramos', 'Rosa Coordinadora', 'Tomás Ortega'], `sorted by name: ${names}`);

  await d.click(`#caseload-board tbody tr:nth-child(${names.indexOf('Lucía Ramos') + 1}) th button`);
  await d.waitText('#member-cases', (t) => t.includes('Open cases of Lucía Ramos') && t.includes('Xochitl Benavides'));
  assert.ok(await d.exists('#offboard'), 'offboarding is offered from a member’s cases');
  await scrollTo('#member-cases');
  await shot('desk-member-cases-en', [[1280, 800]]);
});

test('a reassignment with a co-assignee and a reason, kept in the case’s history', async () => {
  const names = await d.script(`return [...document.querySelectorAll('#caseload-board tbody th')].map((e) => e.textContent.trim())`);
  await d.click(`#caseload-board tbody tr:nth-child(${names.indexOf('Tomás Ortega') + 1}) th button`);
  await d.waitText('#member-cases', (t) => t.includes('Dawit Haile'));
  await d.click('#member-cases tbody th button');
  await d.find('#handover-member');
  await choose('#handover-member', 'Lucía Ramos');
  await d.click('[data-also="Tomás Ortega"]');
  await d.type('#handover-reason', 'Tomás is at the detention center on Tuesdays');
  await d.click('#handover-submit');
  await d.waitText('#handover-done', (t) => t.includes('Handed to Lucía Ramos'));
  await d.waitText('#handover-history', (t) => t.includes('Tomás Ortega → Lucía Ramos') && t.includes('with Tomás Ortega') && t.includes('detention center'));
  await scrollTo('#handover');
  await shot('desk-handover-en', [[1280, 800]]);
  await setLanguage('es');
  await d.waitText('#handover-history-title', (t) => t === 'Quién ha llevado este caso');
  await shot('desk-handover-es', [[1024, 700]]);
  await setLanguage('en');
});

test('a review: the coordinator asks for changes with a comment', async () => {
  await d.click('#nav-desk');
  await d.click('#desk-tab-reviews');
  await d.waitText('#reviews-yours', (t) => t.includes('Xochitl Benavides') && t.includes('Review requested'));
  await shot('desk-reviews-en', [[1280, 800]]);
  await d.click('#reviews-yours .row-link');
  await d.find('#filings [data-action=decide-review]');
  await d.waitText('#filings', (t) => t.includes('Preparer: Lucía Ramos') && t.includes('Asked by Lucía Ramos'));
  await d.click('#filings [data-action=decide-review]');
  // Asking for changes needs a comment: Rust refuses without one.
  await d.click('#filings [data-action=changes]');
  await d.waitText('#filings .error', (t) => t.includes('Say what should change'));
  await d.type('#filings [data-field=review-comment]', 'Add the dates of the threats in part B');
  await scrollTo('#filings');
  await shot('desk-review-decide-en', [[1280, 800]]);
  await d.click('#filings [data-action=changes]');
  await d.waitText('#filings [data-review]', (t) => t.includes('Changes requested') && t.includes('Add the dates of the threats'));
  await syncNow();
});

test('at intake, a client who may already be here shows with why', async () => {
  await d.click('#nav-clients');
  await d.click('#add-client');
  await d.type('#given_name', 'Xochilt');
  await d.type('#family_name', 'Benavidez');
  const found = await d.waitText('#possible-matches', (t) => t.includes('Xochitl Benavides'), 10_000);
  assert.ok(/alike/.test(found), found);
  await shot('desk-similar-en', [[1280, 800]]);
  await d.click('#cancel-client');
  if (await d.exists('#discard-changes')) await d.click('#discard-changes');
});

test('the clinic calendar flags what could fall between two people; the court-day list', async () => {
  await d.click('#nav-desk');
  await d.click('#desk-tab-calendar');
  // A week by default; the hearings are in 9 days.
  await d.find('#cal-to');
  await d.type('#cal-to', iso(13));
  await d.click('#cal-show');
  const cal = await d.waitText('#clinic-calendar', (t) => t.includes('Wislande Pierre') && t.includes('Xochitl Benavides'));
  assert.ok(cal.includes('No volunteer holds this case'), `the unheld hearing is flagged: ${cal}`);
  await d.find('#cal-flagged');
  await shot('desk-calendar-en');
  await choose('#cal-member', 'Lucía Ramos');
  await d.waitText('#clinic-calendar', (t) => !t.includes('Wislande Pierre') && t.includes('Xochitl Benavides'));
  await setLanguage('es');
  await d.waitText('#desk-tab-calendar', (t) => t === 'Calendario de la clínica');
  await choose('#cal-member', 'Todos');
  await d.waitText('#clinic-calendar', (t) => t.includes('Ninguna persona voluntaria lleva este caso'));
  await shot('desk-calendar-es');
  await setLanguage('en');

  await d.click('#desk-tab-courtDay');
  await choose('#court-day-court', COURT);
  await d.type('#court-day-date', HEARING_DAY);
  await d.click('#court-day-make');
  const list = await d.waitText('#court-day-list', (t) => t.includes('08:30'));
  assert.ok(list.includes('X. B.') && !list.includes('Benavides'), `initials only by default: ${list}`);
  assert.ok(list.includes('Hon. A. Rivera') && list.includes("K'iche'") && list.includes('interpreter'), list);
  assert.ok(list.includes('W. P.') && list.includes('No volunteer'), list);
  assert.ok(await d.exists('#court-day-print'));
  await shot('desk-court-day-en');
  await d.click('#court-day-full');
  await d.click('#court-day-make');
  await d.waitText('#court-day-list', (t) => t.includes('Xochitl Benavides'));
  await setLanguage('es');
  await d.waitText('#court-day-list', (t) => t.includes('intérprete'));
  await shot('desk-court-day-es', [[1280, 800]]);
  await d.click('#desk-tab-board');
  await d.waitText('#caseload-board', (t) => t.includes('Carga de casos') || t.includes('Casos abiertos'));
  await shot('desk-board-es');
  await setLanguage('en');
  await d.quit();
  d = null;
});

test('the volunteer’s desk: the case new to her and the changes asked; she asks again and it is approved', async () => {
  as('lucia', 'sync');
  await open('lucia');
  assert.ok(!(await d.exists('#nav-desk')), 'a volunteer who reviews nothing has no desk');
  await d.waitText('#new-to-you', (t) => t.includes('Dawit Haile'));
  await d.waitText('#reviews-yours', (t) => t.includes('Changes requested') && t.includes('Add the dates of the threats'));
  await shot('desk-volunteer-dashboard-en');
  await setLanguage('es');
  await d.waitText('#new-to-you', (t) => t.includes('Nuevo para usted'));
  await d.waitText('#reviews-yours', (t) => t.includes('Cambios pedidos'));
  await shot('desk-volunteer-dashboard-es');
  await setLanguage('en');

  await d.click('#reviews-yours .row-link');
  await d.find('#filings [data-action=ask-review]');
  await d.click('#filings [data-action=ask-review]');
  await d.type('#filings [data-field=review-comment]', 'Dates added');
  await d.click('#filings [data-action=send-review]');
  await d.waitText('#filings [data-review]', (t) => t.includes('Review requested'));
  await syncNow();
  // Opening the case new to her marks it seen.
  await d.click('#nav-dashboard');
  await d.click('#new-to-you .row-link');
  await d.find('#filings');
  await d.click('#nav-dashboard');
  await d.find('#panel-overdue');
  assert.ok(!(await d.exists('#new-to-you')), 'seen once opened');
  await d.quit();
  d = null;

  as('rosa', 'sync');
  const waiting = as('rosa', 'review', 'list');
  assert.equal(waiting[0].filing.review_status, 'requested', JSON.stringify(waiting));
  as('rosa', 'review', 'approve', String(waiting[0].filing.id), '--comment', 'Good to file');
  as('rosa', 'sync');
  as('lucia', 'sync');
  const filed = as('lucia', 'filing', 'filed', String(luciaFiling), '--on', iso(0), '--method', 'ecas');
  assert.equal(filed.status, 'filed');
  assert.equal(filed.review_status, 'approved');
});
