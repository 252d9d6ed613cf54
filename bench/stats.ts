// Small numeric helpers for the bench table.
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function minMax(xs: number[]): [number, number] {
  return [Math.min(...xs), Math.max(...xs)];
}

export const MiB = 1024 * 1024;
