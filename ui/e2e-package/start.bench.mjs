// Cold start, measured from outside as a volunteer sees it: from asking for the app
// (WebDriver starts the binary) to a screen that takes input. Amparo: the unlock screen's
// passphrase field, on an existing vault; the floor: a blank Tauri window whose page has
// loaded. Both through the same driver, so its own start-up is in both figures.
// Run by `make bench-start` (scripts/bench-start.sh); prints one JSON line.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Driver, sleep } from '../e2e/webdriver.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Polled every 10 ms for both, so the polling costs them the same.
async function until(d, check) {
  for (;;) {
    if (await check().catch(() => false)) return;
    await sleep(10);
  }
}

// DROP_CACHES=1 (root): the kernel's page cache is emptied before each start, as after a
// reboot; otherwise the binaries and WebKit's libraries are already in memory after the first.
async function coldStart(binary, ready) {
  if (process.env.DROP_CACHES === '1') execSync('sync; echo 3 > /proc/sys/vm/drop_caches');
  const started = performance.now();
  const d = await Driver.start(binary);
  await ready(d);
  const ms = performance.now() - started;
  await sleep(2000);
  const mib = memoryMiB(binary);
  await d.quit();
  await sleep(1000);
  return { ms, mib };
}

// Memory of the app and the WebKit processes it started, as the PSS the kernel counts
// (shared libraries split among the processes using them), in MiB.
function memoryMiB(binary) {
  const pids = (cmd) => execSync(`${cmd} || true`, { encoding: 'utf8' }).split('\n').filter(Boolean);
  const all = [];
  const visit = (pid) => {
    all.push(pid);
    for (const child of pids(`pgrep -P ${pid}`)) visit(child);
  };
  for (const pid of pids(`pgrep -x -f '${binary}'`)) visit(pid);
  let kib = 0;
  for (const pid of all) {
    try {
      kib += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]);
    } catch {
      // a process that ended meanwhile
    }
  }
  return kib / 1024;
}

const amparo = [];
const blank = [];
for (let i = 0; i < RUNS; i++) {
  amparo.push(await coldStart(process.env.AMPARO_APP, (d) => until(d, () => d.exists('#unlock-passphrase'))));
  blank.push(await coldStart(process.env.BLANK_APP, (d) =>
    until(d, async () => (await d.script('return document.readyState')) === 'complete')));
}
// Then a working vault: BENCH_CLIENTS made-up clients (scripts/bench-start.sh seeds them),
// unlocked to the dashboard, and the memory once it shows.
let unlocked = null;
if (process.env.SEEDED === '1') {
  const d = await Driver.start(process.env.AMPARO_APP);
  await until(d, () => d.exists('#unlock-passphrase'));
  await d.type('#unlock-passphrase', process.env.BENCH_PASS);
  const started = performance.now();
  await d.click('#unlock-submit');
  // The dashboard with its figures: its panels appear once the data has come.
  await until(d, () => d.exists('#dashboard-panels .panel'));
  const ms = performance.now() - started;
  await sleep(2000);
  unlocked = { clients: Number(process.env.BENCH_CLIENTS), unlock_to_dashboard_ms: Math.round(ms), pss_mib: Math.round(memoryMiB(process.env.AMPARO_APP)) };
  await d.quit();
}

const ms = (xs) => Math.round(median(xs.map((x) => x.ms)));
const mib = (xs) => Math.round(median(xs.map((x) => x.mib)));
if (!RUNS) console.log(JSON.stringify({ unlocked }));
else console.log(JSON.stringify({ runs: RUNS, amparo_ms: ms(amparo), blank_ms: ms(blank), amparo_pss_mib: mib(amparo),
  blank_pss_mib: mib(blank), unlocked, amparo_all_ms: amparo.map((x) => Math.round(x.ms)), blank_all_ms: blank.map((x) => Math.round(x.ms)) }));
