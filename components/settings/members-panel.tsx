'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  changeRoleAction,
  inviteMemberAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from '@/lib/actions/members';
import { ROLE_RANK, ROLES, type Role } from '@/lib/db/schema/workspaces/constants';

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}
export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

interface Props {
  workspaceId: string;
  myUserId: string;
  myRole: Role;
  members: MemberRow[];
  invitations: InvitationRow[];
}

/** Roles the caller may hand out: admins up to admin, owners everything. */
function assignable(myRole: Role): Role[] {
  return ROLES.filter((r) => (r === 'owner' ? myRole === 'owner' : ROLE_RANK[myRole] >= ROLE_RANK.admin));
}

export function MembersPanel({ workspaceId, myUserId, myRole, members, invitations }: Props) {
  const t = useTranslations('settings.members');
  const isAdmin = ROLE_RANK[myRole] >= ROLE_RANK.admin;
  return (
    <>
      <Card title={t('title')} description={t('description')}>
        <Table label={t('tableCaption')} layout="stack" flush data-testid="members">
          <TableHeader>
            <TableRow>
              <TableHead>{t('name')}</TableHead>
              <TableHead>{t('role')}</TableHead>
              <TableHead align="right" hideLabel>
                {t('actions')}
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => (
              <MemberRowView key={m.userId} member={m} workspaceId={workspaceId} myUserId={myUserId} myRole={myRole} />
            ))}
          </TableBody>
        </Table>
      </Card>
      {isAdmin ? <InviteForm workspaceId={workspaceId} roles={assignable(myRole)} /> : null}
      {isAdmin ? <Invitations workspaceId={workspaceId} invitations={invitations} myRole={myRole} /> : null}
    </>
  );
}

function MemberRowView({ member: m, workspaceId, myUserId, myRole }: { member: MemberRow; workspaceId: string; myUserId: string; myRole: Role }) {
  const t = useTranslations();
  const role = useActionForm(changeRoleAction);
  const remove = useActionForm(removeMemberAction);
  const me = m.userId === myUserId;
  const canManage = !me && ROLE_RANK[myRole] >= ROLE_RANK.admin && (m.role !== 'owner' || myRole === 'owner');
  const error = role.formError ?? remove.formError;
  return (
    <TableRow data-testid={`member-${m.email}`}>
      <TableRowHeader className="font-normal">
        <p className="font-medium text-zinc-900">
          {m.name} {me ? <span className="text-xs font-normal text-zinc-500">({t('settings.members.you')})</span> : null}
        </p>
        <p className="text-zinc-500">{m.email}</p>
        {error ? <p role="alert" className="mt-1 text-sm text-red-700">{error}</p> : null}
      </TableRowHeader>
      <TableCell label={t('settings.members.role')}>
        {canManage ? (
          <form onSubmit={role.onSubmit} className="flex items-center gap-2">
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="userId" value={m.userId} />
            <label className="sr-only" htmlFor={`role-${m.userId}`}>
              {t('settings.members.changeRole', { name: m.name })}
            </label>
            <select
              id={`role-${m.userId}`}
              name="role"
              defaultValue={m.role}
              onChange={(e) => e.currentTarget.form?.requestSubmit()}
              className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-zinc-300"
            >
              {assignable(myRole).map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </form>
        ) : (
          <Badge>{t(`roles.${m.role}`)}</Badge>
        )}
      </TableCell>
      <TableCell align="right" className="py-1.5">
        {canManage || me ? (
          <form
            onSubmit={(e) => {
              if (!window.confirm(me ? t('settings.members.confirmLeave') : t('settings.members.confirmRemove', { name: m.name }))) {
                e.preventDefault();
                return;
              }
              void remove.onSubmit(e);
            }}
          >
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="userId" value={m.userId} />
            <Button type="submit" variant="ghost" className="text-red-700" pending={remove.isPending}>
              {me ? t('settings.members.leave') : t('settings.members.remove', { name: m.name })}
            </Button>
          </form>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

function InviteForm({ workspaceId, roles }: { workspaceId: string; roles: Role[] }) {
  const t = useTranslations();
  const [sent, setSent] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const form = useActionForm(inviteMemberAction, {
    reset: true,
    onSuccess: (data) => {
      const d = data as { mailStatus: string; transport: string };
      setSent(
        d.mailStatus === 'failed'
          ? t('settings.members.inviteMailFailed')
          : t(d.transport === 'outbox' ? 'settings.members.invitedOutbox' : 'settings.members.invited', { email }),
      );
    },
  });
  return (
    <Card title={t('settings.members.inviteTitle')} description={t('settings.members.inviteHelp')}>
      <form onSubmit={form.onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" aria-label={t('settings.members.inviteTitle')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <TextField label={t('settings.members.email')} name="email" type="email" required onChange={(e) => setEmail(e.target.value)} error={form.fieldErrors.email} />
        <SelectField
          label={t('settings.members.role')}
          name="role"
          defaultValue="member"
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={form.fieldErrors.role}
        />
        <Button type="submit" className="sm:mt-6" pending={form.isPending} pendingLabel={t('settings.members.inviting')}>
          {t('settings.members.invite')}
        </Button>
        <div className="sm:col-span-3">
          <FormStatus error={form.formError} success={form.succeeded ? sent : null} />
        </div>
      </form>
    </Card>
  );
}

function Invitations({ workspaceId, invitations, myRole }: { workspaceId: string; invitations: InvitationRow[]; myRole: Role }) {
  const t = useTranslations();
  return (
    <Card title={t('settings.members.pendingTitle')}>
      {invitations.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('settings.members.noPending')}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {invitations.map((inv) => (
            <InvitationItem key={inv.id} inv={inv} workspaceId={workspaceId} canManage={inv.role !== 'owner' || myRole === 'owner'} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function InvitationItem({ inv, workspaceId, canManage }: { inv: InvitationRow; workspaceId: string; canManage: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const resend = useActionForm(resendInvitationAction);
  const revoke = useActionForm(revokeInvitationAction);
  const expiresAt = new Date(inv.expiresAt);
  // eslint-disable-next-line react-hooks/purity -- expiry is judged at render time on purpose
  const expired = expiresAt.getTime() < Date.now();
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid={`invitation-${inv.email}`}>
      <div className="text-sm">
        <p className="font-medium text-zinc-900">{inv.email}</p>
        <p className="text-zinc-500">
          {t(`roles.${inv.role}`)} · {expired ? t('settings.members.expired') : `${t('settings.members.expires')} ${format.dateTime(expiresAt, 'date')}`}
        </p>
        <FormStatus error={resend.formError ?? revoke.formError} success={resend.succeeded ? t('settings.members.resent') : null} />
      </div>
      {canManage ? (
        <div className="flex gap-2">
          <form onSubmit={resend.onSubmit}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="invitationId" value={inv.id} />
            <Button type="submit" variant="secondary" pending={resend.isPending}>
              {t('settings.members.resend')}
            </Button>
          </form>
          <form onSubmit={revoke.onSubmit}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="invitationId" value={inv.id} />
            <Button type="submit" variant="ghost" className="text-red-700" pending={revoke.isPending}>
              {t('settings.members.revoke')}
            </Button>
          </form>
        </div>
      ) : null}
    </li>
  );
}
