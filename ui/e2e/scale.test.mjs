// End-to-end: a clinic-sized vault in the real app. The command line fills a new vault
// with made-up cases (AMPARO_SEED_CLIENTS clients, 1,000 by default) and puts 14 deadlines
// on one day; the dashboard shows the 15 most urgent of each list beside the full count and
// pages through the rest with "Show all"; the calendar shows 12 a day and opens a crowded
// day in full from "+N more". English and Spanish, 1280×800 and 1024×700.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Driver } from './webdriver.mjs';
import { localDay, runCli, screenshots, setLanguage, unlockToDashboard } from './helpers.mjs';

const PASS = 'saffron tundra kettle orchard';
const CLIENTS = Number(process.env.AMPARO_SEED_CLIENTS || 1000);
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');
const vault = join(home, 'scale-e2e', 'scale.amparo');
// A day of this month, so the month view the calendar opens on shows it.
const crowded = localDay(new Date().getDate() <= 25 ? 3 : -3);

let d;
const amparo = (...args) => runCli({ vault, passphrase: PASS, user: 'Coordinator' }, ...args);
const shot = (name, sizes) => screenshots(d, name, sizes, { settle: 300 });

after(async () => {
  if (d) await d.quit();
});

test(`a vault of ${CLIENTS} made-up clients, and a crowded day`, () => {
  mkdirSync(dirname(vault), { recursive: true });
  amparo('init');
  const made = amparo('seed', '--clients', String(CLIENTS));
  assert.equal(made.clients, CLIENTS);
  for (let n = 0; n < 14; n++) {
    amparo('deadline', 'add', '--matter', '1', '--title', `Exhibit ${n + 1}`, '--due', crowded, '--reason', "Judge's order");
  }
});

test('the dashboard lists the most urgent overdue deadlines and pages through all of them', async () => {
  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
  const note = await d.waitText('#more-overdue', (t) => t.includes('most urgent'));
  const total = Number(note.match(/of ([\d,]+)/)[1].replace(',', ''));
  assert.ok(total > 15, `more than 15 overdue at ${CLIENTS} clients (${note})`);
  assert.equal((await d.findAll('#panel-overdue .row-link')).length, 15);
  await shot('23-dashboard-bounded-en', [[1024, 700], [1280, 800]]);
  await d.click('#show-all-overdue');
  await d.waitText('#all-deadlines-range', (t) => t.includes(String(total)));
  const first = await d.text('#all-deadlines');
  if (total > 50) {
    await d.click('#all-deadlines-next');
    await d.waitText('#all-deadlines-range', (t) => t.startsWith('51'));
    assert.notEqual(await d.text('#all-deadlines'), first, 'the next page shows other deadlines');
  }
  await shot('24-dashboard-show-all-en', [[1280, 800], [1024, 700]]);
  await d.click('#all-deadlines-back');
  await d.find('#show-all-overdue');
});

test('the calendar shows 12 a day and opens the crowded day in full', async () => {
  await d.click('#nav-calendar');
  await d.waitText(`#more-${crowded}`, (t) => t.includes('+'));
  await d.script(`document.getElementById('more-${crowded}').scrollIntoView({ block: 'center' })`);
  await shot('25-calendar-more-en', [[1280, 800], [1024, 700]]);
  await d.click(`#more-${crowded}`);
  await d.waitText('main', (t) => t.includes('Exhibit 14') && t.includes('Exhibit 1'));
  await shot('26-calendar-day-en', [[1280, 800], [1024, 700]]);
});

test('the same screens in Spanish', async () => {
  await setLanguage(d, 'es');
  await d.click('#nav-dashboard');
  await d.waitText('#more-overdue', (t) => t.includes('más urgentes'));
  await shot('23-dashboard-bounded-es', [[1280, 800], [1024, 700]]);
  await d.click('#nav-calendar');
  await d.waitText(`#more-${crowded}`, (t) => t.includes('más'));
  await d.script(`document.getElementById('more-${crowded}').scrollIntoView({ block: 'center' })`);
  await shot('25-calendar-more-es', [[1280, 800], [1024, 700]]);
  await setLanguage(d, 'en');
});
