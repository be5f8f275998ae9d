// End-to-end: getting data in and out, in the real app. A vault made with the CLI holds
// one client with a case and a hearing (Ana Voluntaria's); the app opens it. A messy
// spreadsheet (UTF-8 with a BOM, semicolons, Spanish headers, a bad A-number, a date that
// reads both ways) is checked, its refused rows listed by the row numbers a spreadsheet
// shows, and its good row imported with the others saved to a file to fix; that file,
// fixed, is imported in turn. The calendar is exported with case references only; the
// caseload report is shown and printed (window.print stubbed); then the import screen,
// the calendar export and the report in Spanish. Screenshots at 1280×800 and 1024×700.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { SIZES, chooseOption, runCli, screenshots, scrollTo as scrollToTop, setLanguage as switchLanguage, unlockToDashboard, utcDay } from './helpers.mjs';

const PASS = 'lantern quarry mosaic tundra';
const VOLUNTEER = 'Ana Voluntaria';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const vault = join(home, 'exchange-e2e', 'exchange.amparo');
// The spreadsheet, its refused rows and the calendar are the user's own plaintext files:
// they go to a temporary folder outside E2E_HOME (whose plaintext scans must find no
// client), removed at the end.
const files = mkdtempSync(join(tmpdir(), 'amparo-exchange-'));
const sheet = join(files, 'clientes.csv');
const rejected = join(files, 'clientes-rejected.csv');
const calendar = join(files, 'amparo.ics');
const calendarEs = join(files, 'amparo-es.ics');
const iso = (days) => utcDay(days);

let d;
let matterId = 0;

/** Runs the CLI on this test's vault, JSON out. */
const amparo = (...args) => runCli({ vault, passphrase: PASS, user: VOLUNTEER }, ...args);
const shot = (name, sizes = SIZES) => screenshots(d, name, sizes, { settle: 300 });
const setLanguage = (lang) => switchLanguage(d, lang);
const choose = (css, optionText) => chooseOption(d, css, optionText);
const scrollTo = (css) => scrollToTop(d, css);

/** Prints the report shown, with window.print stubbed (a real print dialog would hang
 * the driver), and checks the print reached it and was recorded. `button` names the
 * Print button in the language on screen, for the message. */
async function printReport(button) {
  await d.script('window.__printed = false; window.print = () => { window.__printed = true; };');
  await d.click('#report-print');
  const deadline = Date.now() + 10_000;
  while (!(await d.script('return window.__printed === true'))) {
    assert.ok(Date.now() < deadline, `${button} did not reach window.print`);
    await sleep(100);
  }
  assert.ok(!(await d.exists('#report-action-error')), 'recording the print failed');
}

async function open() {
  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
}
const disabled = (css) => d.script(`return document.querySelector(${JSON.stringify(css)}).disabled;`);

after(async () => {
  if (d) await d.quit();
  rmSync(files, { recursive: true, force: true });
});

test('a vault with one case and a hearing is made with the command line; a messy spreadsheet is written', () => {
  mkdirSync(dirname(vault), { recursive: true });
  amparo('init');
  const c = amparo('client', 'add', '--given', 'Itzel', '--family', 'Coyoy', '--no-a-number');
  const m = amparo('matter', 'add', '--client', String(c.id), '--kind', 'defensive_asylum', '--forum', 'immigration_court', '--court', 'Chicago Immigration Court', '--assigned-to', VOLUNTEER);
  matterId = m.id;
  amparo('hearing', 'add', '--matter', String(m.id), '--kind', 'master_calendar', '--at', `${iso(9)} 09:00`, '--court', 'Chicago Immigration Court');

  // As a clinic's spreadsheet comes: Excel's UTF-8 with a BOM, semicolons, Spanish headers.
  // Row 2 is good; row 3 has a bad A-number; row 4's date could be 3 April or 4 March.
  const rows = [
    'Nombre;Apellido(s);A#;Fecha de nacimiento;País',
    'Marta;Quispe Mamani;A209-555-123;22/07/1985;Perú',
    'Rosa Elena;Cutipa;A12;15/01/1992;Bolivia',
    'Julio;Condori;;03/04/1990;Ecuador',
  ];
  writeFileSync(sheet, '\uFEFF' + rows.join('\r\n') + '\r\n', 'utf8');
});

test('the spreadsheet is checked: refused rows by the row numbers a spreadsheet shows', async () => {
  await open();
  await d.click('#nav-exchange');
  await d.waitText('h1', (t) => t === 'Import & export');
  await d.find('#import-file');
  await d.type('#import-file', sheet);
  await d.click('#import-check');
  const refused = await d.waitText('#import-refused', (t) => t.includes('is not an A-number') && t.includes('could be'), 30_000);
  assert.ok(refused.includes('A-number (column C)'), refused);
  assert.ok(refused.includes('Date of birth (column D)'), refused);
  const rows = await d.script(`return [...document.querySelectorAll('#import-refused tbody tr')].map((r) => r.dataset.row)`);
  assert.deepEqual(rows, ['3', '4'], 'the header is row 1: the bad A-number is on row 3, the ambiguous date on row 4');
  await d.waitText('#import-counts [data-count=clients]', (t) => /Clients:\s*1$/.test(t.trim()));
  await d.waitText('#import-read', (t) => t.includes('semicolons'));
  assert.equal(await d.text('#import-run'), 'Import 1 client');
  assert.equal(await disabled('#import-run'), true, 'an import with refused rows was offered without “only good rows”');
  await d.waitText('#import-blocked', (t) => t.includes('Some rows are refused'));
  await scrollTo('#import-preview');
  await shot('exchange-import-check');
});

test('the good rows are imported and the refused ones saved to a file to fix', async () => {
  await d.click('#import-only-good');
  assert.equal(await disabled('#import-run'), false, 'ticking “only good rows” did not allow the import');
  await d.click('#import-run');
  await d.waitText('#import-done', (t) => t.includes('The import is done'), 30_000);
  await d.waitText('#import-created [data-count=clients]', (t) => /Clients:\s*1$/.test(t.trim()));
  await d.waitText('#import-rejected-file', (t) => t.includes(rejected));
  await d.waitText('#import-skipped-refused', (t) => t.includes('2'));
  assert.ok(existsSync(rejected), `no refused-rows file at ${rejected}`);
  const fix = readFileSync(rejected, 'utf8');
  assert.ok(fix.includes('A12') && fix.includes('03/04/1990') && !fix.includes('Quispe'), fix);
  await scrollTo('#import-done');
  await shot('exchange-import-done');

  await d.click('#nav-clients');
  await d.waitText('#client-table', (t) => t.includes('Quispe Mamani') && !t.includes('Cutipa') && !t.includes('Condori'));
});

test('the refused rows, fixed in their file, are imported from it', async () => {
  // As a volunteer fixes them: the A-number as the client's papers give it, and the date
  // of birth written so it cannot be read two ways. The reason column stays; it is read
  // as a column Amparo does not import.
  const fixed = readFileSync(rejected, 'utf8').replaceAll('A12;', 'A212-555-987;').replaceAll('A12,', 'A212-555-987,').replaceAll('03/04/1990', '1990-04-03');
  assert.notEqual(fixed, readFileSync(rejected, 'utf8'), 'nothing was fixed in the refused rows');
  const fixedFile = join(files, 'clientes-corregidos.csv');
  writeFileSync(fixedFile, fixed, 'utf8');
  await d.click('#nav-exchange');
  await d.click('#exchange-tab-import');
  await d.find('#import-file');
  await d.type('#import-file', fixedFile);
  await d.click('#import-check');
  await d.waitText('#import-counts [data-count=clients]', (t) => /Clients:\s*2$/.test(t.trim()), 30_000);
  assert.ok(!(await d.exists('#import-refused tbody tr')), `rows still refused: ${await d.text('#import-refused').catch(() => '')}`);
  await d.waitText('#import-run', (t) => t === 'Import 2 clients');
  await d.click('#import-run');
  await d.waitText('#import-done', (t) => t.includes('The import is done'), 30_000);
  await d.waitText('#import-created [data-count=clients]', (t) => /Clients:\s*2$/.test(t.trim()));
  await d.click('#nav-clients');
  await d.waitText('#client-table', (t) => t.includes('Cutipa') && t.includes('Condori') && t.includes('Quispe Mamani'));
});

test('the calendar is exported with case references only', async () => {
  await d.click('#nav-exchange');
  await d.click('#exchange-tab-calendar');
  await d.find('#export-file');
  assert.equal(await d.script("return document.querySelector('#export-names-reference').checked"), true, 'case reference is not the default');
  await d.type('#export-file', calendar);
  await d.click('#export-submit');
  await d.waitText('#export-done', (t) => t.includes('The calendar was saved'), 30_000);
  await d.waitText('#export-counts', (t) => /Hearings:\s*1/.test(t));
  assert.ok(existsSync(calendar), `no calendar at ${calendar}`);
  const ics = readFileSync(calendar, 'utf8');
  assert.ok(ics.includes('BEGIN:VCALENDAR') && ics.includes('BEGIN:VEVENT'), ics.slice(0, 400));
  assert.ok(ics.includes(`M-${matterId}`), 'the hearing is not named by its case reference');
  for (const name of ['Coyoy', 'Itzel', 'Quispe']) assert.ok(!ics.includes(name), `the calendar names a client: ${name}`);
  await scrollTo('#export-done');
  await shot('exchange-calendar');
});

test('the caseload report is shown and printed', async () => {
  await d.click('#exchange-tab-reports');
  await d.find('#report-kind');
  await choose('#report-kind', 'Caseload');
  await d.click('#report-show');
  await d.waitText('#report-table tbody', (t) => t.includes(VOLUNTEER), 30_000);
  // The volunteer's row: name, then one open case (WebKit's text of a row has no spaces
  // between cells, so the cells are read one by one).
  const name = await d.text('#report-table tbody tr:first-child th');
  const open = await d.text('#report-table tbody tr:first-child td:nth-child(2)');
  assert.deepEqual([name, open], [VOLUNTEER, '1'], `one open case for ${VOLUNTEER}`);
  await printReport('Print');
  await scrollTo('#report');
  await shot('exchange-report');
});

test('the import screen in Spanish', async () => {
  await setLanguage('es');
  await d.click('#exchange-tab-import');
  await d.waitText('h1', (t) => t === 'Importar y exportar');
  await d.waitText('#exchange-tab-import', (t) => t === 'Importar desde una hoja de cálculo');
  await d.find('#import-file');
  await d.type('#import-file', sheet);
  await d.click('#import-check');
  // Imported once already: the good row is now a client who is here, by its A-number.
  await d.waitText('#import-refused', (t) => t.includes('no es un número A') && t.includes('Número A (columna C)'), 30_000);
  await d.waitText('#import-duplicates', (t) => t.includes('mismo número A'));
  await d.waitText('#import-run', (t) => t === 'Importar 0 clientes');
  await d.waitText('#import-blocked', (t) => t.includes('No hay nada que importar'));
  await scrollTo('#import-preview');
  await shot('exchange-import-es');
});

test('the calendar is exported and the report printed in Spanish', async () => {
  await d.click('#exchange-tab-calendar');
  await d.waitText('#exchange-tab-calendar', (t) => t === 'Exportar calendario');
  await d.find('#export-file');
  await d.type('#export-file', calendarEs);
  await d.click('#export-submit');
  await d.waitText('#export-done', (t) => t.includes('Se guardó el calendario'), 30_000);
  assert.ok(existsSync(calendarEs), `no calendar at ${calendarEs}`);
  // The same calendar whatever the screen's language: the same events under the same UIDs.
  const uids = (f) => readFileSync(f, 'utf8').split(/\r?\n/).filter((l) => l.startsWith('UID:')).sort();
  assert.deepEqual(uids(calendarEs), uids(calendar));
  await scrollTo('#export-done');
  await shot('exchange-calendar-es');

  await d.click('#exchange-tab-reports');
  await d.find('#report-kind');
  await choose('#report-kind', 'Carga de casos por voluntario/a');
  await d.click('#report-show');
  await d.waitText('#report-table tbody', (t) => t.includes(VOLUNTEER), 30_000);
  await d.waitText('#report-table thead', (t) => t.length > 0 && !/\bOpen\b/.test(t));
  await printReport('Imprimir');
  await scrollTo('#report');
  await shot('exchange-report-es');
  await setLanguage('en');
  await d.quit();
  d = null;
});
