// Retry delay after consecutive failures: the first retry comes on the next cycle, then doubles, never past a cap.
export const BACKOFF_CAP_MS = 60 * 60_000;

export function retryDelayMs(failures: number, intervalMinutes: number, random: () => number = Math.random): number {
  const base = intervalMinutes * 60_000;
  const exp = base * 2 ** Math.max(0, Math.min(failures - 1, 20));
  const capped = Math.min(exp, Math.max(base, BACKOFF_CAP_MS));
  // ±10 % jitter so mailboxes that failed together (network outage) do not retry in lockstep
  const jitter = capped * 0.1 * (random() * 2 - 1);
  return Math.max(base, Math.round(capped + jitter));
}
