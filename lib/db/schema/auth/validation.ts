import { tooLong } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { isGuessablePassword } from '@/lib/auth/password-policy';
import { email, password, plainText } from '@/lib/validation/fields';
import { LOCALES } from '../workspaces/constants';

/** The sign-up rules for a new password, so a changed password is never weaker than a new account's. */
const newPassword = password.refine((v) => !isGuessablePassword(v), 'validation.passwordCommon');

export const signUpSchema = z
  .object({
    name: plainText(80),
    email,
    password: newPassword,
    /** Required unless the visitor signs up through an invitation and joins that workspace instead. */
    workspaceName: z.union([z.literal(''), plainText(80)]).optional(),
    inviteToken: z.string().max(100, 'validation.invalid').optional(),
  })
  .refine((v) => Boolean(v.inviteToken) || Boolean(v.workspaceName), {
    message: 'validation.required',
    path: ['workspaceName'],
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254, tooLong(254)),
  password: z.string().min(1, 'validation.required').max(200, tooLong(200)),
  callbackUrl: z.string().max(500).optional(),
});

export const localeSchema = z.object({ locale: z.enum(LOCALES, { error: 'validation.choose' }) });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200, tooLong(200)),
    newPassword,
    confirmPassword: z.string().min(1, 'validation.required').max(200, tooLong(200)),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { message: 'validation.passwordMismatch', path: ['confirmPassword'] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: 'validation.passwordUnchanged', path: ['newPassword'] });
