/**
 * Spam traps the widget fills in: a hidden input people never see (bots fill every input) and the
 * time from render to submit (people need more than a moment to type).
 */
export const MIN_HUMAN_FILL_MS = 800;

export function isLikelySpam(trap: { honeypot?: string; fillMs?: number }): boolean {
  if (trap.honeypot && trap.honeypot.trim() !== '') return true;
  return trap.fillMs !== undefined && trap.fillMs < MIN_HUMAN_FILL_MS;
}
