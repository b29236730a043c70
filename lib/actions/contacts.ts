'use server';

import { z } from 'zod';
import { getImport, listImports } from '@/lib/contacts/imports';
import { addListMembers, createList, deleteList, removeListMembers, renameList } from '@/lib/contacts/lists';
import { addTags, createContact, deleteContact, deleteContacts, removeTags, setContactStatus, updateContact } from '@/lib/contacts/manage';
import {
  contactBulkRefSchema,
  contactCreateFormSchema,
  contactRefSchema,
  contactStatusSchema,
  contactTagsSchema,
  contactUpdateSchema,
  listMembersSchema,
  listNameSchema,
  listRefSchema,
  listRenameSchema,
  segmentInputSchema,
  segmentRefSchema,
  segmentUpdateSchema,
} from '@/lib/db/schema/contacts/validation';
import { countSegment, createSegment, deleteSegment, updateSegment } from '@/lib/segments/manage';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { uuid } from '@/lib/validation/fields';
import { workspaceAction, workspaceInput } from './safe-action';

export const createContactAction = workspaceAction('member')
  .metadata({ name: 'contact.create' })
  .inputSchema(contactCreateFormSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await createContact({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id };
  });

export const updateContactAction = workspaceAction('member')
  .metadata({ name: 'contact.update' })
  .inputSchema(contactUpdateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await updateContact({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id, email: row.email };
  });

export const deleteContactAction = workspaceAction('member')
  .metadata({ name: 'contact.delete' })
  .inputSchema(contactRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteContact({ ctx: ctx.wctx, input: parsedInput });
  });

export const deleteContactsAction = workspaceAction('member')
  .metadata({ name: 'contacts.delete' })
  .inputSchema(contactBulkRefSchema)
  .action(async ({ parsedInput, ctx }) => deleteContacts({ ctx: ctx.wctx, input: parsedInput }));

export const setContactStatusAction = workspaceAction('member')
  .metadata({ name: 'contact.setStatus' })
  .inputSchema(contactStatusSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await setContactStatus({ ctx: ctx.wctx, input: parsedInput });
    return { status: row.status };
  });

export const addTagsAction = workspaceAction('member')
  .metadata({ name: 'contact.addTags' })
  .inputSchema(contactTagsSchema)
  .action(async ({ parsedInput, ctx }) => addTags({ ctx: ctx.wctx, input: parsedInput }));

export const removeTagsAction = workspaceAction('member')
  .metadata({ name: 'contact.removeTags' })
  .inputSchema(contactTagsSchema)
  .action(async ({ parsedInput, ctx }) => removeTags({ ctx: ctx.wctx, input: parsedInput }));

export const addListMembersAction = workspaceAction('member')
  .metadata({ name: 'list.addMembers' })
  .inputSchema(listMembersSchema)
  .action(async ({ parsedInput, ctx }) => addListMembers({ ctx: ctx.wctx, input: parsedInput }));

export const removeListMembersAction = workspaceAction('member')
  .metadata({ name: 'list.removeMembers' })
  .inputSchema(listMembersSchema)
  .action(async ({ parsedInput, ctx }) => removeListMembers({ ctx: ctx.wctx, input: parsedInput }));

export const createListAction = workspaceAction('member')
  .metadata({ name: 'list.create' })
  .inputSchema(listNameSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await createList({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id, name: row.name };
  });

export const renameListAction = workspaceAction('member')
  .metadata({ name: 'list.rename' })
  .inputSchema(listRenameSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await renameList({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id, name: row.name };
  });

export const deleteListAction = workspaceAction('member')
  .metadata({ name: 'list.delete' })
  .inputSchema(listRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteList({ ctx: ctx.wctx, input: parsedInput });
  });

/** The segment editor's live preview; viewers may look too. */
export const countSegmentAction = workspaceAction('viewer')
  .metadata({ name: 'segment.count' })
  .inputSchema(workspaceInput(z.object({ rules: segmentRulesSchema })))
  .action(async ({ parsedInput, ctx }) => ({ count: await countSegment(ctx.wctx, parsedInput.rules) }));

export const createSegmentAction = workspaceAction('member')
  .metadata({ name: 'segment.create' })
  .inputSchema(segmentInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await createSegment({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id, name: row.name };
  });

export const updateSegmentAction = workspaceAction('member')
  .metadata({ name: 'segment.update' })
  .inputSchema(segmentUpdateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await updateSegment({ ctx: ctx.wctx, input: parsedInput });
    return { id: row.id, name: row.name };
  });

export const deleteSegmentAction = workspaceAction('member')
  .metadata({ name: 'segment.delete' })
  .inputSchema(segmentRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteSegment({ ctx: ctx.wctx, input: parsedInput });
  });

/** Recent imports without their rejects: the import screen polls this for row progress. */
export const recentImportsAction = workspaceAction('viewer')
  .metadata({ name: 'contacts.recentImports' })
  .inputSchema(workspaceInput(z.object({})))
  .action(async ({ ctx }) => {
    const rows = await listImports(ctx.wctx, 5);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null }));
  });

/** One import with its rejects, for when the upload's own response was lost. */
export const getImportAction = workspaceAction('viewer')
  .metadata({ name: 'contacts.getImport' })
  .inputSchema(workspaceInput(z.object({ importId: uuid })))
  .action(async ({ parsedInput, ctx }) => {
    const row = await getImport({ ctx: ctx.wctx, input: parsedInput });
    return { ...row, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null };
  });
