import { z } from '@hono/zod-openapi';
import { FormField, FormFields } from '../domain/fields';
import { AllowedOrigin } from '../domain/origins';
import { IsoDate } from './common';

const CssColor = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'a hex colour like #1f6feb');

export const FormTheme = z
  .strictObject({
    primaryColor: CssColor.optional(),
    textColor: CssColor.optional(),
    backgroundColor: CssColor.optional(),
    borderRadius: z.number().int().min(0).max(32).optional(),
    fontFamily: z
      .string()
      .regex(/^[\w\s,'"-]{1,120}$/, 'a CSS font-family list')
      .optional(),
  })
  .openapi('FormTheme');

export const FormCopy = z
  .strictObject({
    title: z.string().max(200).optional(),
    submitLabel: z.string().min(1).max(60).optional(),
    successMessage: z.string().max(1000).optional(),
  })
  .openapi('FormCopy');

export const FormConsent = z.enum(['not_required', 'implied_by_submit', 'required']).openapi('FormConsent', {
  description:
    "What the widget may store and send before the visitor consents (the script tag's `data-consent`); the stricter of the form's and the tag's applies.",
});

export const CreateFormInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    fields: FormFields,
    allowedOrigins: z.array(AllowedOrigin).max(50),
    theme: FormTheme.optional(),
    copy: FormCopy.optional(),
    consent: FormConsent.optional(),
  })
  .openapi('CreateFormInput');
export type CreateFormInput = z.infer<typeof CreateFormInput>;

export const UpdateFormInput = CreateFormInput.partial().openapi('UpdateFormInput');
export type UpdateFormInput = z.infer<typeof UpdateFormInput>;

export const Form = z
  .object({
    id: z.string(),
    name: z.string(),
    fields: z.array(FormField.openapi('FormField')),
    allowedOrigins: z.array(z.string()),
    theme: FormTheme,
    copy: FormCopy,
    consent: FormConsent,
    embed: z.string().openapi({ description: 'The script tag to paste.' }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('Form');
export type Form = z.infer<typeof Form>;
