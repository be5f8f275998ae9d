// A long Rust job (re-encryption, backup) with its progress polled for a progress bar.
import { api } from './api';

/** Runs `job`, reporting its percent done every 400 ms, and null once it has ended. */
export async function withProgress<T>(job: () => Promise<T>, onPercent: (p: number | null) => void): Promise<T> {
  const poll = setInterval(() => api.jobProgress().then(onPercent).catch(() => {}), 400);
  try {
    return await job();
  } finally {
    clearInterval(poll);
    onPercent(null);
  }
}
