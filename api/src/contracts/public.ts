/** The contract between the widget and the API; the widget imports these types with `import type`. */
import { z } from '@hono/zod-openapi';
import { FormField } from '../domain/fields';
import { FormConsent, FormCopy, FormTheme } from './forms';

export const Availability = z
  .object({
    state: z.enum(['open', 'waitlist', 'closed', 'redirect']),
    message: z.string().optional(),
    reopensAt: z.string().optional(),
    url: z.string().optional(),
  })
  .openapi('Availability');
export type Availability = z.infer<typeof Availability>;

export const PublicForm = z
  .object({
    id: z.string(),
    fields: z.array(FormField),
    theme: FormTheme,
    copy: FormCopy,
    consent: FormConsent.optional(),
    availability: Availability,
  })
  .openapi('PublicForm');
export type PublicForm = z.infer<typeof PublicForm>;

const HttpUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'an http(s) URL');

export const TouchInput = z
  .strictObject({
    url: HttpUrl,
    referrer: z.union([HttpUrl, z.literal(''), z.null()]).optional(),
    // Within what both JavaScript dates and Postgres hold: year 0000 and 8.64e15 + 1 ms are valid
    // ISO text and safe integers, but neither can be stored (found by the fuzz).
    occurredAt: z
      .union([z.iso.datetime({ offset: true }), z.number().int().positive()])
      .refine((v) => new Date(v).getTime() >= 0, 'a time from 1970 to the year 275760'),
    utm: z
      .strictObject({
        source: z.string().max(200).optional(),
        medium: z.string().max(200).optional(),
        campaign: z.string().max(200).optional(),
        term: z.string().max(200).optional(),
        content: z.string().max(200).optional(),
      })
      .optional(),
  })
  .openapi('TouchInput');
export type TouchInput = z.infer<typeof TouchInput>;

export const SubmissionInput = z
  .strictObject({
    values: z.record(z.string().max(64), z.unknown()),
    touchpoints: z.array(TouchInput).max(50).optional(),
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -')
      .optional(),
    honeypot: z.string().max(500).optional().openapi({ description: 'Spam trap: a hidden input people leave empty.' }),
    fillMs: z.number().int().min(0).optional().openapi({ description: 'Milliseconds from form render to submit.' }),
  })
  .openapi('SubmissionInput');
export type SubmissionInput = z.infer<typeof SubmissionInput>;

export const SubmissionResult = z
  .object({ leadId: z.string(), status: z.enum(['accepted', 'waitlisted']), message: z.string().optional() })
  .openapi('SubmissionResult');
export type SubmissionResult = z.infer<typeof SubmissionResult>;
