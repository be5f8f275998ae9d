import { describe, expect, it } from 'vitest';
import { createActivity, HEARTBEAT_MS } from './activity';

const MINUTE = 60_000;

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('activity', () => {
  it('tells Rust at most once per heartbeat interval', () => {
    const c = clock();
    const a = createActivity(() => 10 * MINUTE, c.now);
    const seen = [];
    for (let i = 0; i < 25; i++) {
      c.advance(1_000);
      seen.push(a.touch());
    }
    expect(seen.filter((s) => s === 'beat')).toHaveLength(Math.floor((25 * 1_000) / HEARTBEAT_MS));
    expect(seen).not.toContain('lock');
  });

  it('a touch just before the limit keeps the vault open; one at the limit locks and counts for nothing', () => {
    const c = clock();
    const a = createActivity(() => 10 * MINUTE, c.now);
    c.advance(10 * MINUTE - 1);
    expect(a.touch()).toBe('beat');
    c.advance(10 * MINUTE);
    expect(a.isDue()).toBe(true);
    expect(a.touch()).toBe('lock');
    c.advance(1);
    expect(a.touch()).toBe('lock');
  });

  it('after waking from sleep the first touch locks instead of counting', () => {
    const c = clock();
    const a = createActivity(() => 10 * MINUTE, c.now);
    c.advance(3 * 60 * MINUTE);
    expect(a.touch()).toBe('lock');
    a.restart();
    expect(a.isDue()).toBe(false);
    c.advance(HEARTBEAT_MS);
    expect(a.touch()).toBe('beat');
  });
});
