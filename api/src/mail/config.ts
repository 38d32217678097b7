/**
 * The email provider's settings from the environment, read the same way on Node (local/config.ts)
 * and on Workers (worker.ts): no INLET_MAIL_PROVIDER means email is caught locally.
 */
import { z } from 'zod';
import { MAIL_PROVIDERS, RESEND_API_URL, type MailProviderConfig } from '../domain/mail-provider';

const optional = <T extends z.ZodType>(t: T) => t.optional().or(z.literal('').transform(() => undefined));

export const MailEnv = z.object({
  INLET_MAIL_PROVIDER: optional(z.enum(MAIL_PROVIDERS)),
  INLET_MAIL_API_KEY: optional(z.string().min(1)),
  INLET_MAIL_FROM: optional(z.string().min(3)),
  INLET_MAIL_API_URL: optional(z.url({ protocol: /^https?$/ })),
});

/** The provider the environment configures, or undefined (local catch); a half-configured one is an error. */
export function mailProviderOf(e: z.infer<typeof MailEnv>): MailProviderConfig | undefined {
  if (!e.INLET_MAIL_PROVIDER) return undefined;
  const missing = (['INLET_MAIL_API_KEY', 'INLET_MAIL_FROM'] as const).filter((k) => !e[k]);
  if (missing.length > 0)
    throw new Error(`INLET_MAIL_PROVIDER=${e.INLET_MAIL_PROVIDER} needs ${missing.join(' and ')} as well.`);
  return {
    provider: e.INLET_MAIL_PROVIDER,
    apiKey: e.INLET_MAIL_API_KEY!,
    from: e.INLET_MAIL_FROM!,
    apiUrl: e.INLET_MAIL_API_URL ?? RESEND_API_URL,
  };
}
