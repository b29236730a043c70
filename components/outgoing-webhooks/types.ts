import type { WebhookDeliveryStatus, WebhookEvent } from '@/lib/db/schema';

export interface DeliveryView {
  id: number;
  event: string;
  isTest: boolean;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  /** The request body, pretty-printed for reading (the signed body is its compact form). */
  body: string;
}

export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  deliveries: DeliveryView[];
}
