/** After a commit that wrote outbox messages: deliver them once the response is on its way. */
import type { AppContext } from '../context';

export function deliverAfterResponse(c: AppContext, messageIds: string[]): void {
  const { deps } = c.var;
  if (messageIds.length > 0 && deps.onOutboxWritten) deps.defer(c, deps.onOutboxWritten(c, messageIds));
}
