/** How long a retired public key stays published after a rotation, in words ("7 days"); null when not at all. */
export function overlapInWords(overlapMs: number): string | null {
  const hours = Math.round(overlapMs / 3600_000);
  if (hours <= 0) return null;
  return hours % 24 === 0 ? plural(hours / 24, 'day') : plural(hours, 'hour');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
