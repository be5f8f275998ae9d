import { beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { setLang } from './lib/i18n.svelte';
import { guardForm, reset } from './lib/nav.svelte';
import { HEARTBEAT_MS } from './lib/activity';

const api = vi.hoisted(() => ({
  getSettings: vi.fn(),
  vaultStatus: vi.fn(),
  saveDraft: vi.fn(),
  lock: vi.fn(),
  heartbeat: vi.fn(),
  notify: vi.fn(),
}));
vi.mock('./lib/api', async (original) => ({ ...(await original<typeof import('./lib/api')>()), api }));
vi.mock('./screens/Shell.svelte', async () => await import('./TestBlank.svelte'));

import App from './App.svelte';

const MINUTE = 60_000;

/** The app, open on an unlocked vault. */
async function openApp() {
  render(App);
  await screen.findByText('open');
}

describe('App: locking', () => {
  beforeEach(() => {
    reset();
    setLang('en');
    // Only the clock: the waits of testing-library keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const f of Object.values(api)) f.mockReset();
    api.getSettings.mockResolvedValue({ language: 'en', auto_lock_minutes: 10 });
    api.vaultStatus.mockResolvedValue({ path: '/v.amparo', exists: true, unlocked: true });
    api.saveDraft.mockResolvedValue(undefined);
    api.lock.mockResolvedValue(undefined);
    api.heartbeat.mockResolvedValue(true);
    api.notify.mockResolvedValue(undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('when Rust asks, keeps the half-typed form in the vault, locks and shows the lock screen', async () => {
    await openApp();
    guardForm(() => true, () => ({ given_name: 'Yonas' }), 'newClient');
    window.dispatchEvent(new Event('amparo-lock'));
    expect(await screen.findByLabelText('Passphrase')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.lock).toHaveBeenCalled());
    expect(api.saveDraft).toHaveBeenCalledWith(expect.stringContaining('Yonas'));
    expect(api.saveDraft.mock.invocationCallOrder[0]).toBeLessThan(api.lock.mock.invocationCallOrder[0]);
    expect(screen.queryByText('open')).toBeNull();
  });

  it('tells Rust of keys and clicks, throttled, and never of a mouse that only moves', async () => {
    await openApp();
    vi.advanceTimersByTime(HEARTBEAT_MS);
    for (let i = 0; i < 20; i++) await fireEvent.mouseMove(window);
    expect(api.heartbeat).not.toHaveBeenCalled();
    await fireEvent.keyDown(window, { key: 'a' });
    await fireEvent.pointerDown(window);
    expect(api.heartbeat).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await fireEvent.pointerDown(window);
    expect(api.heartbeat).toHaveBeenCalledTimes(2);
  });

  it('after waking from sleep, the first touch locks instead of keeping the vault open', async () => {
    await openApp();
    vi.advanceTimersByTime(3 * 60 * MINUTE);
    await fireEvent.keyDown(window, { key: 'a' });
    expect(await screen.findByLabelText('Passphrase')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.lock).toHaveBeenCalled());
    expect(api.heartbeat).not.toHaveBeenCalled();
  });

  it('locks when Rust answers a heartbeat with "no longer open"', async () => {
    api.heartbeat.mockResolvedValue(false);
    await openApp();
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await fireEvent.keyDown(window, { key: 'a' });
    expect(await screen.findByLabelText('Passphrase')).toBeInTheDocument();
    await vi.waitFor(() => expect(api.lock).toHaveBeenCalled());
  });
});
