'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction, workspaceInput } from '@/lib/actions/safe-action';
import { sequenceAudienceSchema, sequenceCreateSchema, sequenceRefSchema, sequenceSettingsSchema } from '@/lib/db/schema/sequences/validation';
import { baseUrl } from '@/lib/http/base-url';
import { createSequence } from '@/lib/sequences/create';
import { activateSequence, pauseSequence, resumeSequence, stopSequence } from '@/lib/sequences/lifecycle';
import { countSequenceAudience, deleteSequence, updateSequenceSettings } from '@/lib/sequences/manage';

export const createSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.create' })
  .inputSchema(sequenceCreateSchema)
  .action(async ({ parsedInput, ctx }) => {
    const sequence = await createSequence({ ctx: ctx.wctx, input: parsedInput });
    return { id: sequence.id };
  });

export const updateSequenceSettingsAction = workspaceAction('member')
  .metadata({ name: 'sequence.update' })
  .inputSchema(sequenceSettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateSequenceSettings({ ctx: ctx.wctx, input: parsedInput });
  });

export const deleteSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.delete' })
  .inputSchema(sequenceRefSchema.extend({ slug: z.string().max(100) }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteSequence({ ctx: ctx.wctx, input: parsedInput });
    redirect(`/w/${encodeURIComponent(parsedInput.slug)}/sequences`);
  });

export const activateSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.activate' })
  .inputSchema(sequenceRefSchema)
  .action(async ({ parsedInput, ctx }) => {
    // The worker has no request: tracked links in step mail need the origin the app is reached on.
    const { sequence, enrolled } = await activateSequence({ ctx: ctx.wctx, input: { sequenceId: parsedInput.sequenceId, baseUrl: await baseUrl() } });
    return { status: sequence.status, enrolled };
  });

export const pauseSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.pause' })
  .inputSchema(sequenceRefSchema)
  .action(async ({ parsedInput, ctx }) => ({ status: (await pauseSequence({ ctx: ctx.wctx, input: parsedInput })).status }));

export const resumeSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.resume' })
  .inputSchema(sequenceRefSchema)
  .action(async ({ parsedInput, ctx }) => ({ status: (await resumeSequence({ ctx: ctx.wctx, input: { sequenceId: parsedInput.sequenceId, baseUrl: await baseUrl() } })).sequence.status }));

export const stopSequenceAction = workspaceAction('member')
  .metadata({ name: 'sequence.stop' })
  .inputSchema(sequenceRefSchema)
  .action(async ({ parsedInput, ctx }) => ({ status: (await stopSequence({ ctx: ctx.wctx, input: parsedInput })).sequence.status }));

export const countSequenceAudienceAction = workspaceAction('viewer')
  .metadata({ name: 'sequence.countAudience' })
  .inputSchema(workspaceInput(z.object({ audience: sequenceAudienceSchema })))
  .action(async ({ parsedInput, ctx }) => ({ count: await countSequenceAudience({ ctx: ctx.wctx, input: parsedInput }) }));
