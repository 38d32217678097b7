/**
 * Business hours: calendars (zone, weekly intervals, holidays) and the clock that measures
 * SLA time against them. See business-hours/calendar.ts for the rules of a calendar and
 * business-hours/walk.ts for how DST gaps and overlaps are treated.
 */
export {
  ALWAYS_OPEN,
  BusinessCalendar,
  Holiday,
  OpenInterval,
  WEEKDAYS,
  WeeklySchedule,
  isIanaTimeZone,
  type BusinessCalendarInput,
  type Weekday,
} from './calendar';
export {
  CalendarNeverOpensError,
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpenAt,
  openUntil,
} from './clock';
