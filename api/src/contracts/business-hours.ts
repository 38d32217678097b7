import { z } from '@hono/zod-openapi';
import { BusinessCalendar as DomainCalendar } from '../domain/business-hours';
import { IsoDate } from './common';

/** Holidays are compiled on every clock call; ten years of public holidays and closures fit easily. */
const MAX_HOLIDAYS = 1000;
/** A year of minutes, the largest SLA target (domain/sla.ts). */
const MAX_PREVIEW_MINUTES = 525_600;

/** Validated by the domain's calendar schema (zone, intervals that do not overlap, real dates). */
export const BusinessCalendar = DomainCalendar.refine((c) => c.holidays.length <= MAX_HOLIDAYS, {
  message: `at most ${MAX_HOLIDAYS} holidays`,
  path: ['holidays'],
}).openapi('BusinessCalendar', {
  description:
    'Local wall-clock intervals per weekday (half-open: 09:00–17:00 is open at 09:00, closed at 17:00; use 24:00 for midnight), ' +
    'holidays as dates or inclusive ranges, in an IANA zone. Mode `calendar` is 24/7 (weekly and holidays are ignored).',
  example: {
    timeZone: 'America/New_York',
    mode: 'business',
    weekly: {
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      tue: [{ start: '09:00', end: '17:00' }],
    },
    holidays: [{ date: '2026-12-25' }, { from: '2026-12-28', to: '2026-12-31' }],
  },
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

export const CreateBusinessHoursInput = z
  .strictObject({ name: z.string().trim().min(1).max(200), calendar: BusinessCalendar })
  .openapi('CreateBusinessHoursInput');
export type CreateBusinessHoursInput = z.infer<typeof CreateBusinessHoursInput>;

/** `calendar`, when given, replaces the whole calendar. */
export const UpdateBusinessHoursInput = CreateBusinessHoursInput.partial().openapi('UpdateBusinessHoursInput');
export type UpdateBusinessHoursInput = z.infer<typeof UpdateBusinessHoursInput>;

export const BusinessHours = z
  .object({ id: z.string(), name: z.string(), calendar: BusinessCalendar, createdAt: IsoDate, updatedAt: IsoDate })
  .openapi('BusinessHours');
export type BusinessHours = z.infer<typeof BusinessHours>;

export const BusinessHoursPreviewQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .openapi({ param: { name: 'from', in: 'query' }, format: 'date-time', example: '2026-03-06T16:00:00-05:00' }),
  minutes: z
    .string()
    .regex(/^\d{1,6}$/, 'expected whole minutes, e.g. 90')
    .transform(Number)
    .pipe(z.number().max(MAX_PREVIEW_MINUTES, `at most ${MAX_PREVIEW_MINUTES} minutes (a year)`))
    .openapi({
      param: { name: 'minutes', in: 'query' },
      type: 'integer',
      minimum: 0,
      maximum: MAX_PREVIEW_MINUTES,
      example: 120,
    }),
});
export type BusinessHoursPreviewQuery = z.infer<typeof BusinessHoursPreviewQuery>;

export const BusinessHoursPreview = z
  .object({ dueAt: IsoDate.openapi({ description: '`from` plus `minutes` of open time in this calendar, in UTC.' }) })
  .openapi('BusinessHoursPreview');
export type BusinessHoursPreview = z.infer<typeof BusinessHoursPreview>;
