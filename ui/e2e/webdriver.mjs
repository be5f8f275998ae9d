// A minimal W3C WebDriver client over fetch, enough to drive the real app through
// tauri-driver: sessions, elements, clicks, typing, text and screenshots.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Driver {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(application, args = [], base = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444') {
    const res = await request(
      base,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { 'tauri:options': { application, args } } } },
      60_000,
    );
    return new Driver(base, res.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd('DELETE', '').catch(() => {});
  }

  /** The first element matching `css`, waiting up to `timeout` ms for it. */
  async find(css, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
        return el[ELEMENT];
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no element ${css}: ${e.message}`);
        await sleep(100);
      }
    }
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => e[ELEMENT]);
  }

  async exists(css) {
    return (await this.findAll(css)).length > 0;
  }

  /** Clicks `css` once it is enabled: a button bound to fields just typed may still be
   * disabled for a frame, and a click on it then would be lost without a word. */
  async click(css, timeout = 5_000) {
    const el = await this.find(css);
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline && !(await this.cmd('GET', `/element/${el}/enabled`).catch(() => true))) await sleep(50);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  /** Clears the field and types `text` into it. */
  async type(css, text) {
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/clear`, {});
    // WebKit's Element Clear fires no input event (and ignores Ctrl+A), so the page would
    // never hear that the field was emptied; a user's own deletion does fire it.
    await this.script("arguments[0].dispatchEvent(new Event('input', { bubbles: true }))", { [ELEMENT]: el });
    if (text) await this.cmd('POST', `/element/${el}/value`, { text });
  }

  async text(css) {
    return this.cmd('GET', `/element/${await this.find(css)}/text`);
  }

  /** Waits until the text of `css` satisfies `ok`, returning it. */
  async waitText(css, ok, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      try {
        last = await this.text(css);
        if (ok(last)) return last;
      } catch {
        /* not there yet */
      }
      if (Date.now() > deadline) throw new Error(`text of ${css} never matched; last: ${JSON.stringify(last)}`);
      await sleep(100);
    }
  }

  async waitGone(css, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    while (await this.exists(css)) {
      if (Date.now() > deadline) throw new Error(`${css} is still there`);
      await sleep(100);
    }
  }

  async script(body, ...args) {
    return this.cmd('POST', '/execute/sync', { script: body, args });
  }

  /** Resizes the window (for screenshots at the sizes volunteers' laptops have). */
  async resize(width, height) {
    await this.cmd('POST', '/window/rect', { width, height }).catch(() => {});
    await sleep(400);
  }

  /** A PNG of the window, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}

async function request(base, method, path, body, timeout = 30_000) {
  const res = await fetch(base + path, {
    method,
    signal: AbortSignal.timeout(timeout),
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
