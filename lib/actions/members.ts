'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  invitationRefSchema,
  inviteSchema,
  memberRefSchema,
  memberRoleSchema,
} from '@/lib/db/schema/workspaces/validation';
import { baseUrl } from '@/lib/http/base-url';
import { acceptInvitation } from '@/lib/members/accept';
import { resendInvitation, inviteMember, revokeInvitation } from '@/lib/members/invite';
import { changeMemberRole, removeMember } from '@/lib/members/manage';
import { authedAction, workspaceAction } from './safe-action';

export const inviteMemberAction = workspaceAction('admin')
  .metadata({ name: 'member.invite' })
  .inputSchema(inviteSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { mail } = await inviteMember({ ctx: ctx.wctx, input: { ...parsedInput, baseUrl: await baseUrl() } });
    return { mailStatus: mail.status, transport: mail.transport };
  });

export const resendInvitationAction = workspaceAction('admin')
  .metadata({ name: 'member.resendInvitation' })
  .inputSchema(invitationRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { mail } = await resendInvitation({ ctx: ctx.wctx, input: { ...parsedInput, baseUrl: await baseUrl() } });
    return { mailStatus: mail.status, transport: mail.transport };
  });

export const revokeInvitationAction = workspaceAction('admin')
  .metadata({ name: 'member.revokeInvitation' })
  .inputSchema(invitationRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeInvitation({ ctx: ctx.wctx, input: parsedInput });
  });

export const changeRoleAction = workspaceAction('admin')
  .metadata({ name: 'member.changeRole' })
  .inputSchema(memberRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    await changeMemberRole({ ctx: ctx.wctx, input: parsedInput });
  });

/** Viewers may call this too, but only to remove themselves (leave); the verb enforces it. */
export const removeMemberAction = workspaceAction('viewer')
  .metadata({ name: 'member.remove' })
  .inputSchema(memberRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await removeMember({ ctx: ctx.wctx, input: parsedInput });
    if (parsedInput.userId === ctx.user.id) redirect('/');
  });

export const acceptInvitationAction = authedAction
  .metadata({ name: 'member.acceptInvitation' })
  .inputSchema(z.object({ token: z.string().min(1).max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    const { slug } = await acceptInvitation(ctx.db, { userId: ctx.user.id, token: parsedInput.token });
    redirect(`/w/${slug}/dashboard`);
  });
