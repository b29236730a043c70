'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  createSmartlinkPage,
  deleteSmartlinkPage,
  saveSmartlinkPage,
  setSmartlinkPublished,
  setSmartlinkSlug,
  smartlinkSlugAvailable,
} from '@/lib/smartlinks/manage';
import {
  smartlinkCreateInput,
  smartlinkPublishInput,
  smartlinkRef,
  smartlinkSaveInput,
  smartlinkSlugCheckInput,
  smartlinkSlugInput,
} from '@/lib/smartlinks/validation';
import { workspaceAction } from './safe-action';

export const createSmartlinkAction = workspaceAction('member')
  .metadata({ name: 'smartlink.create' })
  .inputSchema(smartlinkCreateInput)
  .action(async ({ parsedInput, ctx }) => {
    const page = await createSmartlinkPage({ ctx: ctx.wctx, input: parsedInput });
    return { id: page.id, slug: page.slug };
  });

export const saveSmartlinkAction = workspaceAction('member')
  .metadata({ name: 'smartlink.save' })
  .inputSchema(smartlinkSaveInput)
  .action(async ({ parsedInput, ctx }) => {
    const saved = await saveSmartlinkPage({ ctx: ctx.wctx, input: parsedInput });
    return { items: saved.items.map((i) => ({ id: i.id, kind: i.kind, label: i.label, url: i.url, imageUrl: i.imageUrl })) };
  });

/** Viewers may check too (read only); the answer names no other workspace. */
export const checkSmartlinkSlugAction = workspaceAction('viewer')
  .metadata({ name: 'smartlink.checkSlug' })
  .inputSchema(smartlinkSlugCheckInput)
  .action(async ({ parsedInput, ctx }) => ({ status: await smartlinkSlugAvailable(ctx.wctx, parsedInput.slug, parsedInput.pageId) }));

export const setSmartlinkSlugAction = workspaceAction('member')
  .metadata({ name: 'smartlink.setSlug' })
  .inputSchema(smartlinkSlugInput)
  .action(async ({ parsedInput, ctx }) => {
    const page = await setSmartlinkSlug({ ctx: ctx.wctx, input: parsedInput });
    return { slug: page.slug };
  });

export const publishSmartlinkAction = workspaceAction('member')
  .metadata({ name: 'smartlink.publish' })
  .inputSchema(smartlinkPublishInput)
  .action(async ({ parsedInput, ctx }) => {
    const page = await setSmartlinkPublished({ ctx: ctx.wctx, input: parsedInput });
    return { status: page.status };
  });

export const deleteSmartlinkAction = workspaceAction('member')
  .metadata({ name: 'smartlink.delete' })
  .inputSchema(smartlinkRef.extend({ slug: z.string().max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteSmartlinkPage({ ctx: ctx.wctx, input: parsedInput });
    redirect(`/w/${encodeURIComponent(parsedInput.slug)}/links`);
  });
