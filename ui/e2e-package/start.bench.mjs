// Cold start, measured from outside as a volunteer sees it: from asking for the app
// (WebDriver starts the binary) to a screen that takes input. Amparo: the unlock screen's
// passphrase field, on an existing vault; the floor: a blank Tauri window whose page has
// loaded. Both through the same driver, so its own start-up is in both figures.
// Run by `make bench-start` (scripts/bench-start.sh); prints one JSON line.
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

async function coldStart(binary, ready) {
  const started = performance.now();
  const d = await Driver.start(binary);
  await ready(d);
  const ms = performance.now() - started;
  await d.quit();
  await sleep(1000);
  return ms;
}

const amparo = [];
const blank = [];
for (let i = 0; i < RUNS; i++) {
  amparo.push(await coldStart(process.env.AMPARO_APP, (d) => until(d, () => d.exists('#unlock-passphrase'))));
  blank.push(await coldStart(process.env.BLANK_APP, (d) =>
    until(d, async () => (await d.script('return document.readyState')) === 'complete')));
}
console.log(JSON.stringify({ runs: RUNS, amparo_ms: Math.round(median(amparo)), blank_ms: Math.round(median(blank)),
  amparo_all: amparo.map(Math.round), blank_all: blank.map(Math.round) }));
