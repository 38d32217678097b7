/** Whether a form takes submissions now. Capacity policies (their own issue) plug in here. */
import type { Availability } from '../contracts/public';
import type { Database } from '../db/database';
import type { FormRow } from '../db/queries/forms';

export async function formAvailability(_db: Database, _form: FormRow, _now: Date): Promise<Availability> {
  return { state: 'open' };
}
