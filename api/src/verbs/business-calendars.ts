/** Deleting a business-hours calendar: refused while an SLA policy measures time against it. */
import type { Database } from '../db/database';
import { deleteBusinessCalendar, lockBusinessCalendars } from '../db/queries/business-calendars';
import { slaPoliciesUsingCalendar } from '../db/queries/sla-policies';
import { ApiError, notFound } from '../errors';

export function removeBusinessCalendar(db: Database, tenantId: string, calendarId: string): Promise<void> {
  return db.transaction(async (tx) => {
    // `update` waits for policies being written with this calendar (they hold `key share`) and
    // makes new ones wait, so the policies found below are all there are until the delete commits.
    const locked = await lockBusinessCalendars(tx, tenantId, [calendarId], 'update');
    if (!locked.has(calendarId)) throw notFound('business-hours calendar');
    const policies = await slaPoliciesUsingCalendar(tx, tenantId, calendarId);
    if (policies.length > 0) {
      const named = policies.map((p) => `${p.id} "${p.name}"`).join(', ');
      throw new ApiError(
        'conflict',
        `The calendar is still in use: SLA policies measure time against it (${named}); give them another calendar or delete them first.`,
        {
          policies,
        },
      );
    }
    await deleteBusinessCalendar(tx, tenantId, calendarId);
  });
}
