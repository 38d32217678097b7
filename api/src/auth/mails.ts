/** The account emails: what they say, and the one link each carries. */
import type { MailInput } from '../mail/index';

interface Person {
  name: string;
  email: string;
}

export function verifyEmailMail(user: Person, link: string): MailInput {
  return {
    tenantId: null,
    kind: 'verify_email',
    to: user.email,
    subject: 'Verify your email for Inlet',
    text: `Hi ${user.name},\n\nConfirm that ${user.email} is yours:\n${link}\n\nIf you did not sign up for Inlet, ignore this email.`,
  };
}

export function resetPasswordMail(user: Person, link: string): MailInput {
  return {
    tenantId: null,
    kind: 'reset_password',
    to: user.email,
    subject: 'Reset your Inlet password',
    text: `Hi ${user.name},\n\nChoose a new password within the hour:\n${link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.`,
  };
}

export function invitationMail(input: {
  to: string;
  role: string;
  workspace: { id: string; name: string };
  inviter: Person;
  link: string;
}): MailInput {
  return {
    tenantId: input.workspace.id,
    kind: 'invitation',
    to: input.to,
    subject: `${input.inviter.name} invited you to ${input.workspace.name} on Inlet`,
    text: `${input.inviter.name} (${input.inviter.email}) invited you to join ${input.workspace.name} on Inlet as ${input.role}.\n\nAccept the invitation:\n${input.link}\n\nIt expires in 7 days.`,
  };
}
