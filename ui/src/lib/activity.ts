// The page's part in the auto-lock, which Rust decides (src-tauri/src/auto_lock.rs): it
// tells Rust when the user is at work, and refuses to count a touch that comes after the
// auto-lock time (the laptop woke from sleep before Rust's next look), locking instead.
//
// What counts: a key, a press of the pointer (click, tap, pen), the wheel. A mouse merely
// moving does not: a mouse nudged on a desk, or a "mouse jiggler", must not keep a vault
// open for hours with nobody in front of it.

/** How often at most Rust hears of activity. Rust may therefore lock up to this much
 * earlier than the page would by its own count. */
export const HEARTBEAT_MS = 10_000;

/** What to do with a touch: lock now, tell Rust, or nothing more. */
export type Touch = 'lock' | 'beat' | 'quiet';

export function createActivity(limitMs: () => number, now: () => number = () => Date.now()) {
  let last = now();
  let lastBeat = last;
  return {
    /** The user did something. */
    touch(): Touch {
      const t = now();
      if (t - last >= limitMs()) return 'lock';
      last = t;
      if (t - lastBeat < HEARTBEAT_MS) return 'quiet';
      lastBeat = t;
      return 'beat';
    },
    /** Whether the user has been away for the whole auto-lock time. */
    isDue(): boolean {
      return now() - last >= limitMs();
    },
    /** An unlock: the count starts again (Rust's does too). */
    restart(): void {
      last = lastBeat = now();
    },
  };
}
