// End-to-end: a volunteer's day in the real app. A vault made with the command line holds
// a Guatemalan mother with a defensive asylum case, a master calendar hearing and the
// filing deadline counted back from it. In the app the volunteer adds her son as a
// derivative from her page, types a country by name, files the I-589 and lets it close its
// deadline, moves the hearing and sees the deadline move, changes and closes the matter
// and reopens it, and loses nothing typed when the app locks in the middle of an intake.
// Screenshots at 1280×800 and 1024×700, in English and Spanish.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { SIZES, localDay, runCli, screenshots, setLanguage as switchLanguage } from './helpers.mjs';

const PASS = 'juniper cobalt meadow lantern';
const VOLUNTEER = 'Lucía Fernández';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');
const vault = join(home, 'day-e2e', 'day.amparo');
const iso = localDay;

let d;
let mother = 0;
let matter = 0;

const amparo = (...args) => runCli({ vault, passphrase: PASS, user: VOLUNTEER }, ...args);
const shot = (name, sizes = SIZES) => screenshots(d, name, sizes, { settle: 300 });
const setLanguage = (lang) => switchLanguage(d, lang);

async function unlock() {
  await d.find('#unlock-passphrase', 30_000);
  await d.type('#unlock-passphrase', PASS);
  await d.click('#unlock-submit');
}

async function choose(css, value) {
  await d.find(css);
  await d.script(
    `const s = document.querySelector(${JSON.stringify(css)}); s.value = ${JSON.stringify(value)};
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
}

// A field with suggestions (a datalist) is filled as a paste would: typed key by key,
// WebKitGTK opens its suggestion popup, which can swallow the next click.
async function fill(css, text) {
  await d.find(css);
  await d.script(
    `const i = document.querySelector(${JSON.stringify(css)}); i.value = ${JSON.stringify(text)};
     i.dispatchEvent(new Event('input', { bubbles: true }));`,
  );
}


after(async () => {
  if (d) await d.quit();
});

test('a vault with a mother, her case, a hearing and its filing deadline is made with the command line', () => {
  mkdirSync(dirname(vault), { recursive: true });
  amparo('init');
  mother = amparo('client', 'add', '--given', 'Marisol', '--family', 'Pérez Xoc', '--a-number', 'A201-555-014', '--country', 'GT').id;
  matter = amparo('matter', 'add', '--client', String(mother), '--kind', 'defensive_asylum', '--forum', 'immigration_court', '--court', 'Baltimore Immigration Court', '--assigned-to', VOLUNTEER).id;
  amparo('hearing', 'add', '--matter', String(matter), '--kind', 'master_calendar', '--at', `${iso(40)} 09:00`, '--court', 'Baltimore Immigration Court');
  amparo('deadline', 'add', '--matter', String(matter), '--title', 'Filing deadline before the master calendar hearing', '--rule', 'eoir-filing-master', '--trigger', iso(40));
  amparo('deadline', 'add', '--matter', String(matter), '--title', 'Evidence packet', '--due', iso(20), '--reason', 'Judge ordered it at the last hearing');
});

test('a family member is added from the principal’s page, as a derivative, the country typed by name', async () => {
  d = await Driver.start(app, ['--vault', vault]);
  await d.find('#unlock-passphrase', 30_000);
  await setLanguage('en');
  await unlock();
  await d.waitText('h1', (t) => t === 'Dashboard', 30_000);
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.waitText('#client-nationality', (t) => t === 'Guatemala');
  await d.click('#add-family-member');
  await d.find('#family-fields');
  await d.type('#given_name', 'Mateo');
  await d.type('#family_name', 'Pérez Xoc');
  await fill('#nationality', 'guatemala');
  await choose('#relationship', 'parent');
  await d.click('#derivative');
  await d.click('#save-client');
  await d.waitText('#derivative-error', (t) => t.includes('spouse or a child')).catch(async (e) => {
    console.log('PAGE:', await d.script('return document.body.innerText'));
    throw e;
  });
  await choose('#relationship', 'child');
  await d.click('#save-client');
  await d.waitText('#family', (t) => t.includes('Principal applicant') && t.includes('Derivative')).catch(async (e) => {
    console.log('PAGE2:', await d.script('return document.body.innerText'));
    throw e;
  });
  await d.waitText('#client-nationality', (t) => t === 'Guatemala');
  await shot('11-family-en');
  // The mother's page shows her son too.
  await d.click('#family-list .row-link');
  await d.waitText('#family', (t) => t.includes('Pérez Xoc, Mateo') && t.includes('Child'));
});

test('filing the I-589 offers to close the deadline it meets, on the day it was filed', async () => {
  await d.click('#client-page-matters .row-link, .panel .items .row-link');
  await d.waitText('#deadlines', (t) => t.includes('Filing deadline before the master calendar hearing'));
  // The son added above as a derivative is named on his mother's asylum case.
  await d.waitText('#matter-derivatives', (t) => t.includes('Pérez Xoc, Mateo') && t.includes('(child)'));
  // The date typed the U.S. way is read as the user meant it.
  const [y, m, day] = iso(-2).split('-');
  await d.click('#add-filing');
  await d.type('#filed_on', `${m}/${day}/${y}`);
  await d.click('#filing-description');
  await d.waitText('#filed_on-reads', (t) => t.length > 8);
  assert.equal(await d.script("return document.querySelector('#filed_on').value"), iso(-2), 'an MM/DD/YYYY date was not read in English');
  await d.script(
    "const s = document.querySelector('#filing-status'); s.value = 'filed'; s.dispatchEvent(new Event('change'));" +
      "const k = document.querySelector('#filing-deadline'); k.value = [...k.options].find((o) => o.text.includes('Evidence packet')).value; k.dispatchEvent(new Event('change'));",
  );
  await d.click('#save-filing');
  await d.waitText('#filing-meets-deadline', (t) => t.includes('still open'));
  await shot('12-filing-meets-deadline-en');
  await d.click('#mark-met');
  await d.waitText('#deadlines', (t) => t.includes('Done') && t.includes('done on'));
  // Undo puts it back, and marking it done again asks for the day.
  await d.click('#deadlines [data-action=reopen]');
  // The page reloads the list: wait for it, or the click lands on the next deadline's button.
  await d.waitText('#deadlines', (t) => !t.includes('done on'));
  await d.click('#deadlines [data-action=done]');
  const field = await d.find('#deadlines .inline-form input[id^=done-]');
  assert.equal(await d.cmd('GET', `/element/${field}/property/value`), iso(0), 'mark done did not start from the local date');
  await d.type('#deadlines .inline-form input[id^=done-]', iso(-2));
  await d.click('#deadlines [data-action=save-deadline]');
  await d.waitText('#deadlines', (t) => t.includes('done on'));
});

test('moving the hearing moves the deadlines counted back from it', async () => {
  await d.click('#hearings [data-action=edit-hearing]');
  await d.type('#starts_at', `${iso(61)} 13:00`);
  await choose('#hearing-source', 'eoir_line');
  await d.type('#hearing-confirmed', iso(0));
  await d.click('#save-hearing');
  await d.waitText('#matter-notice', (t) => t.includes('1 deadline(s)')).catch(async (e) => {
    console.log('PAGE:', await d.script('return document.body.innerText'));
    throw e;
  });
  await d.waitText('#hearings', (t) => t.includes('Date confirmed') && t.includes('EOIR automated line'));
  await shot('13-hearing-moved-en');
});

test('a matter is changed, closed with its open deadlines, and reopened', async () => {
  await d.click('#edit-matter');
  await d.type('#judge', 'Okonkwo');
  await fill('#assigned_to', 'lucia fernandez');
  await choose('#representation', 'full');
  await d.click('#save-matter');
  await d.waitText('#matter-facts', (t) => t.includes('Okonkwo') && t.includes(VOLUNTEER) && t.includes('Full representation'));
  await d.click('#close-matter');
  await d.click('#confirm-close');
  await d.waitText('#close-outcome-error', (t) => t.includes('how the matter ended'));
  await choose('#close-outcome', 'withdrawn');
  await d.type('#closing_reason', 'Client moved to Texas');
  await d.waitText('#close-hearings', (t) => t.includes('stay on the calendar'));
  await shot('14-close-matter-en');
  await d.click('#confirm-close');
  await d.waitText('#matter-status', (t) => t === 'Closed');
  await d.waitText('#deadlines', (t) => t.includes('Client moved to Texas'));
  await d.click('#reopen-matter');
  await d.waitText('#matter-status', (t) => t === 'Open');
});

test('an intake half-typed when the app locks comes back after unlocking', async () => {
  await d.click('#nav-clients');
  await d.click('#add-client');
  await d.type('#given_name', 'Yonas');
  await d.type('#family_name', 'Tesfaye');
  await d.type('#address', '12 Harbor St, Baltimore');
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  assert.ok(!(await d.script('return document.body.innerText')).includes('Tesfaye'), 'the locked page shows the draft');
  await unlock();
  await d.waitText('#draft-notice', (t) => t.includes('kept'), 20_000);
  await shot('15-draft-kept-en', [[1280, 800]]);
  await d.click('#draft-open');
  await d.waitText('h1', (t) => t === 'Add a client');
  assert.equal(await d.script("return document.querySelector('#family_name').value"), 'Tesfaye');
  assert.equal(await d.script("return document.querySelector('#address').value"), '12 Harbor St, Baltimore');
  await d.click('#save-client');
  await d.find('#client-name');
  // Offered once: locking and unlocking again brings nothing back.
  await d.click('#lock');
  await unlock();
  await d.waitText('h1', (t) => t === 'Dashboard', 20_000);
  await sleep(500);
  assert.ok(!(await d.exists('#draft-notice')), 'the draft was offered twice');
});

test('the day in Spanish: the family, the matter, its close and a filing dated day first', async () => {
  await setLanguage('es');
  await d.click('#nav-clients');
  await d.waitText('h1', (t) => t === 'Clientes');
  await d.click('#client-table .row-link');
  await d.waitText('#family', (t) => t.includes('Solicitante principal') || t.includes('Familia'));
  await shot('11-family-es');
  await d.click('.panel .items .row-link');
  await d.waitText('#deadlines', (t) => t.includes('Plazos'));
  await d.click('#close-matter');
  await d.waitText('#close-matter-form', (t) => t.includes('Cerrar el caso'));
  await shot('14-close-matter-es');
  await d.click('#close-cancel');

  // A date typed the Spanish way, day first, is read as meant: 05/12 is the 5th of
  // December in Spanish (the English walk above reads MM/DD). A day of 12 or less is
  // chosen so the two readings differ.
  const filed = iso(-40).slice(0, 8) + '05';
  const [y, m, day] = filed.split('-');
  await d.click('#add-filing');
  await d.type('#filed_on', `${day}/${m}/${y}`);
  await d.type('#filing-description', 'Pruebas de identidad, con traducción certificada');
  await d.waitText('#filed_on-reads', (t) => t.length > 8);
  assert.equal(await d.script("return document.querySelector('#filed_on').value"), filed, 'a DD/MM/YYYY date was not read in Spanish');
  await d.script("const s = document.querySelector('#filing-status'); s.value = 'filed'; s.dispatchEvent(new Event('change'));");
  const filedBefore = ((await d.text('#filings')).match(/Presentado/g) ?? []).length;
  await d.click('#save-filing');
  // Listed as filed on that day, written the Spanish way ("5 de oct de 2026").
  await d.waitText('#filings', (t) => (t.match(/Presentado/g) ?? []).length === filedBefore + 1 && t.includes(`${Number(day)} de `) && t.includes(y));
  await setLanguage('en');
});
