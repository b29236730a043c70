'use server';

import { z } from 'zod';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  retryWebhookDelivery,
  revealWebhookEndpointSecret,
  rotateWebhookEndpointSecret,
  sendWebhookTest,
  setWebhookEndpointActive,
  updateWebhookEndpoint,
} from '@/lib/webhooks/outgoing/endpoints';
import {
  webhookDeliveryIdSchema,
  webhookEndpointActiveSchema,
  webhookEndpointIdSchema,
  webhookEndpointSchema,
} from '@/lib/webhooks/outgoing/validation';
import { workspaceAction, workspaceInput } from './safe-action';

export const createWebhookEndpointAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.create' })
  .inputSchema(workspaceInput(webhookEndpointSchema))
  .action(async ({ parsedInput, ctx }) => createWebhookEndpoint({ ctx: ctx.wctx, input: parsedInput }));

export const updateWebhookEndpointAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.update' })
  .inputSchema(workspaceInput(webhookEndpointSchema.extend(webhookEndpointIdSchema.shape)))
  .action(async ({ parsedInput, ctx }) => {
    await updateWebhookEndpoint({ ctx: ctx.wctx, input: parsedInput });
  });

export const setWebhookEndpointActiveAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.setActive' })
  .inputSchema(workspaceInput(webhookEndpointActiveSchema))
  .action(async ({ parsedInput, ctx }) => {
    await setWebhookEndpointActive({ ctx: ctx.wctx, endpointId: parsedInput.endpointId, active: parsedInput.active });
  });

export const deleteWebhookEndpointAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.delete' })
  .inputSchema(workspaceInput(webhookEndpointIdSchema))
  .action(async ({ parsedInput, ctx }) => {
    await deleteWebhookEndpoint({ ctx: ctx.wctx, endpointId: parsedInput.endpointId });
  });

export const revealWebhookSecretAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.revealSecret' })
  .inputSchema(workspaceInput(webhookEndpointIdSchema))
  .action(async ({ parsedInput, ctx }) => ({ secret: await revealWebhookEndpointSecret({ ctx: ctx.wctx, endpointId: parsedInput.endpointId }) }));

export const rotateWebhookSecretAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.rotateSecret' })
  .inputSchema(workspaceInput(webhookEndpointIdSchema))
  .action(async ({ parsedInput, ctx }) => ({ secret: await rotateWebhookEndpointSecret({ ctx: ctx.wctx, endpointId: parsedInput.endpointId }) }));

export const sendWebhookTestAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.sendTest' })
  .inputSchema(workspaceInput(webhookEndpointIdSchema))
  .action(async ({ parsedInput, ctx }) => sendWebhookTest({ ctx: ctx.wctx, endpointId: parsedInput.endpointId }));

export const retryWebhookDeliveryAction = workspaceAction('admin')
  .metadata({ name: 'outgoingWebhooks.retry' })
  .inputSchema(workspaceInput(webhookDeliveryIdSchema.extend({ deliveryId: z.coerce.number().int().positive() })))
  .action(async ({ parsedInput, ctx }) => {
    await retryWebhookDelivery({ ctx: ctx.wctx, deliveryId: parsedInput.deliveryId });
  });
