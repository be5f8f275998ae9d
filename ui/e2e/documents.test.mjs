// End-to-end: documents in the real app. Its own vault (made with the command line: a
// client and a defensive asylum case); the case's evidence checklist shows items missing;
// "Attach for this item" takes a passport PDF through Amparo's dialog (replaced under the
// driver by AMPARO_E2E_PICK), ticks the item and lists the file; English and Spanish
// screenshots; "Save a copy" (AMPARO_E2E_SAVE_DIR) writes the same bytes; "Open" makes a
// private copy under $XDG_RUNTIME_DIR/amparo-documents (AMPARO_VIEWER=true, so no viewer
// starts) that the lock removes; and a word only the PDF holds is nowhere in plaintext in
// the vault's folder or the webview's storage.
//
// scripts/e2e.sh exports, for the app (through tauri-driver) and for this file:
//   AMPARO_E2E_PICK="$E2E_HOME/documents-pick/Pasaporte Haile.pdf"
//   AMPARO_E2E_SAVE_DIR="$E2E_HOME/documents-saved"
//   AMPARO_VIEWER=true
//   XDG_RUNTIME_DIR="$E2E_HOME/run" (mode 0700) and E2E_RUNTIME_DIR, the same folder
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Driver, sleep } from './webdriver.mjs';
import { plaintextHits } from './scan.mjs';
import { runCli, screenshots, scrollTo, setLanguage, unlockToDashboard } from './helpers.mjs';

const PASS = 'walnut harbor lantern cobalt';
const WORD = 'Zyxquorbian';
const app = process.env.APP_BINARY;
const home = process.env.E2E_HOME;
const runtime = process.env.E2E_RUNTIME_DIR;
assert.ok(app && home, 'APP_BINARY and E2E_HOME must be set (run through scripts/e2e.sh)');

const vault = join(home, 'documents', 'clinic.amparo');
const picked = join(home, 'documents-pick', 'Pasaporte Haile.pdf');
const savedDir = join(home, 'documents-saved');
const copies = runtime ? join(runtime, 'amparo-documents') : '';
const amparo = (...args) => runCli({ vault, passphrase: PASS, user: 'Volunteer' }, ...args);
let d;

after(async () => {
  if (d) await d.quit();
});

/** A one-page PDF whose page reads `text` (no scripts, no compression). */
function pdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 24 Tf 72 700 Td (Pasaporte ${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Every file under `dir`. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
}

/** Waits until the page's `expression` returns something truthy, returning it. */
async function waitFor(expression, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await d.script(`return ${expression}`).catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await sleep(100);
  }
}

const lineState = (item) => d.script(`return document.querySelector('.checklist-line[data-item="${item}"]')?.dataset.state ?? null`);
const missingCount = async () => Number((await d.text('#checklist-missing')).match(/\d+/)?.[0] ?? 0);

test('the run is set up for documents: the dialogs replaced, a private runtime folder', () => {
  // What scripts/e2e.sh exports for the app must match what this file writes and reads.
  assert.equal(process.env.AMPARO_E2E_PICK, picked, 'export AMPARO_E2E_PICK="$E2E_HOME/documents-pick/Pasaporte Haile.pdf"');
  assert.equal(process.env.AMPARO_E2E_SAVE_DIR, savedDir, 'export AMPARO_E2E_SAVE_DIR="$E2E_HOME/documents-saved"');
  assert.equal(process.env.AMPARO_VIEWER, 'true', 'export AMPARO_VIEWER=true (no viewer starts)');
  assert.ok(runtime && process.env.XDG_RUNTIME_DIR === runtime, 'export XDG_RUNTIME_DIR and E2E_RUNTIME_DIR, the same folder');
  assert.ok(statSync(runtime).isDirectory() && (statSync(runtime).mode & 0o077) === 0, 'the runtime folder is 0700');
});

test('a vault with a client and a defensive asylum case, and a passport PDF to attach', () => {
  mkdirSync(dirname(vault), { recursive: true });
  mkdirSync(dirname(picked), { recursive: true });
  mkdirSync(savedDir, { recursive: true });
  writeFileSync(picked, pdf(WORD));
  amparo('init');
  const client = amparo('client', 'add', '--given', 'Amina', '--family', 'Haile');
  const matter = amparo('matter', 'add', '--client', String(client.id), '--kind', 'defensive_asylum', '--forum', 'immigration_court');
  amparo('hearing', 'add', '--matter', String(matter.id), '--kind', 'master_calendar', '--at', '2027-02-09 09:00', '--court', 'Baltimore Immigration Court');
});

let docId;

test('attaching for a checklist item ticks it and lists the file', async () => {
  d = await Driver.start(app, ['--vault', vault]);
  await unlockToDashboard(d, PASS);
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.waitText('#client-name', (t) => t.includes('Haile, Amina'));
  await d.waitText('#documents', (t) => t.includes('No documents yet.'));
  await d.click('.panel .items .row-link');
  await d.waitText('#checklist-missing', (t) => /\d+ missing/.test(t));
  const before = await missingCount();
  assert.ok(before > 1, `items missing on a new case: ${before}`);
  assert.equal(await lineState('identity_documents'), 'missing');
  await d.waitText('#documents', (t) => t.includes('No documents yet.') && t.includes('or drop files here'));

  await d.click('#attach-item-identity_documents');
  await d.waitText('#checklist-message', (t) => t.includes('Attached Pasaporte Haile.pdf'), 30_000);
  await waitFor(`document.querySelector('.checklist-line[data-item="identity_documents"]')?.dataset.state === 'attached'`, 'the item ticked');
  assert.equal(await missingCount(), before - 1);
  await d.waitText('.checklist-line[data-item="identity_documents"] [data-documents]', (t) => t.includes('Pasaporte Haile.pdf'));
  const row = await d.waitText('.document-row', (t) => t.includes('Pasaporte Haile.pdf'));
  assert.match(row, /PDF/);
  assert.match(row, /For: Passport/);
  assert.ok(!row.includes('Contains scripts'), row);
  docId = await d.script("return document.querySelector('.document-row').dataset.id");
  assert.ok(docId, 'the row names its document');

  await scrollTo(d, '#documents');
  await screenshots(d, '27-documents-en', [[1280, 800], [1024, 700]], { settle: 300 });
  await setLanguage(d, 'es');
  await d.waitText('#documents-title', (t) => t === 'Documentos');
  await d.waitText('#checklist-title', (t) => t === 'Lista de pruebas');
  await scrollTo(d, '#documents');
  await screenshots(d, '27-documents-es', [[1280, 800], [1024, 700]], { settle: 300 });
  await setLanguage(d, 'en');
  await d.waitText('#documents-title', (t) => t === 'Documents');
});

test('Save a copy writes the same bytes, under the name it had', async () => {
  await d.click(`#export-document-${docId}`);
  await d.waitText('#documents-message', (t) => t.includes('Saved a copy as Pasaporte Haile.pdf'), 30_000);
  const copy = join(savedDir, 'Pasaporte Haile.pdf');
  assert.ok(existsSync(copy), `no copy at ${copy}: ${readdirSync(savedDir)}`);
  assert.ok(readFileSync(copy).equals(readFileSync(picked)), 'the copy differs from the file attached');
});

test('Open makes a private copy in the runtime folder, and locking removes it', async () => {
  await d.click(`#open-document-${docId}`);
  const said = await d.waitText('#documents-message', (t) => t.includes('Opened Pasaporte Haile.pdf'), 30_000);
  assert.ok(!said.includes('on disk'), `the copy should be in memory: ${said}`);
  // `.held` is the lock file of this app's own folder, not a copy.
  const made = filesUnder(copies).filter((f) => !f.endsWith('/.held'));
  assert.equal(made.length, 1, `one private copy under ${copies}: ${made}`);
  assert.ok(made[0].endsWith('Pasaporte Haile.pdf'), made[0]);
  assert.equal(statSync(copies).mode & 0o077, 0, 'the copies folder is open to others');
  assert.ok(readFileSync(made[0]).equals(readFileSync(picked)), 'the private copy differs from the file attached');

  await d.click('#lock');
  await d.find('#unlock-passphrase');
  for (let i = 0; i < 100 && existsSync(copies); i++) await sleep(100);
  assert.ok(!existsSync(copies), `still there after the lock: ${filesUnder(copies)}`);
});

test('a hearing keeps its own documents; a file attached there by mistake is removed, its content gone', async () => {
  await unlockToDashboard(d, PASS);
  await d.click('#nav-clients');
  await d.click('#client-table .row-link');
  await d.waitText('#client-name', (t) => t.includes('Haile, Amina'));
  await d.click('.panel .items .row-link');
  await d.click('#hearings [data-action=hearing-documents]');
  await d.waitText('#record-documents-title', (t) => t.startsWith('Documents: Master calendar hearing'));
  await d.waitText('#record-documents', (t) => t.includes('No documents yet.'));
  // The vault is open in the app, so the command line cannot look: the page says it.
  const caseRows = () => d.script("return document.querySelectorAll('#documents .document-row').length");
  const caseDocs = await caseRows();
  await d.click('#record-attach-documents');
  await d.waitText('#record-documents-message', (t) => t.includes('Attached Pasaporte Haile.pdf'), 30_000);
  const hearingDoc = await d.script("return document.querySelector('#record-documents .document-row').dataset.id");
  assert.ok(hearingDoc && hearingDoc !== docId, `a new document on the hearing: ${hearingDoc}`);
  assert.equal(await caseRows(), caseDocs, 'the hearing’s document is not listed on the case itself');

  // It was the wrong file: removed, with the reason asked first.
  await d.click(`#remove-document-${hearingDoc}`);
  await d.waitText(`#remove-panel-${hearingDoc}`, (t) => t.includes('cannot be brought back'));
  await scrollTo(d, `#remove-panel-${hearingDoc}`);
  await screenshots(d, '29-document-remove-en', [[1280, 800], [1024, 700]], { settle: 300 });
  await d.type(`#remove-reason-${hearingDoc}`, 'Wrong file: the notice is still to come');
  await d.click(`#remove-confirm-${hearingDoc}`);
  await d.waitText('#record-documents-message', (t) => t.includes('Removed Pasaporte Haile.pdf'), 30_000);
  await d.waitText('#record-documents', (t) => t.includes('No documents yet.'));
  await setLanguage(d, 'es');
  await d.waitText('#record-documents-title', (t) => t.startsWith('Documentos: Audiencia'));
  await scrollTo(d, '#record-documents');
  await screenshots(d, '29-hearing-documents-es', [[1280, 800], [1024, 700]], { settle: 300 });
  await setLanguage(d, 'en');
  await d.click('#lock');
  await d.find('#unlock-passphrase');
  // Locked, the command line may look: nothing on the hearing, the case's passport kept.
  assert.deepEqual(amparo('document', 'list', '--hearing', '1'), []);
  assert.equal(amparo('document', 'list', '--matter', '1').length, 1);
});

test('the PDF’s words and the names are nowhere in plaintext in the vault’s folder or the webview’s storage', async () => {
  await d.quit();
  d = null;
  await sleep(500);
  const inVault = plaintextHits(dirname(vault), [WORD, 'Pasaporte Haile', 'Haile']);
  assert.ok(inVault.files > 0, 'nothing was written: the scan would prove nothing');
  assert.deepEqual(inVault.hits, []);
  for (const dir of ['.local', '.cache', '.config'].map((f) => join(home, f)).filter((p) => existsSync(p))) {
    assert.deepEqual(plaintextHits(dir, [WORD]).hits, [], dir);
  }
});
