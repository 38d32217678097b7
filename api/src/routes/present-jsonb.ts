/**
 * jsonb stores object keys sorted by length, not as written; these put nested values that several
 * resources share (conditions, calendars) back in reading order.
 */
import { WEEKDAYS, type BusinessCalendar, type WeeklySchedule } from '../domain/business-hours';
import type { Condition } from '../domain/conditions';

export function presentCondition(c: Condition): Condition {
  if ('all' in c) return { all: c.all.map(presentCondition) };
  if ('any' in c) return { any: c.any.map(presentCondition) };
  if ('not' in c) return { not: presentCondition(c.not) };
  return ('value' in c ? { field: c.field, op: c.op, value: c.value } : { field: c.field, op: c.op }) as Condition;
}

export function presentCalendar(c: BusinessCalendar): BusinessCalendar {
  return {
    timeZone: c.timeZone,
    mode: c.mode,
    weekly: Object.fromEntries(
      WEEKDAYS.map((d) => [d, (c.weekly[d] ?? []).map((i) => ({ start: i.start, end: i.end }))]),
    ) as WeeklySchedule,
    holidays: c.holidays.map((h) => ('date' in h ? { date: h.date } : { from: h.from, to: h.to })),
  };
}
