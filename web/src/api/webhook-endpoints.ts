/**
 * 系统对接（结算订阅） (decision 0033): the system administrator's subscriptions, their deliveries, a
 * retry of a dead delivery, the test event and one delivery run by hand. Types from schema.gen.ts.
 */
import { api, type RequestOptions } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './openapi';

export type WebhookList = ResponseOf<'/api/admin/webhooks'>;
export type WebhookRow = WebhookList['items'][number];
export type WebhookTopics = ResponseOf<'/api/admin/webhooks/topics'>;
export type CreateWebhookBody = BodyOf<'/api/admin/webhooks', 'post'>;
export type CreatedWebhook = ResponseOf<'/api/admin/webhooks', 'post'>;
export type DeliveryPage = ResponseOf<'/api/admin/webhooks/{id}/deliveries'>;
export type DeliveryRow = DeliveryPage['items'][number];
export type DeliveryQuery = QueryOf<'/api/admin/webhooks/{id}/deliveries'>;
export type TestOutcome = ResponseOf<'/api/admin/webhooks/{id}/test', 'post'>;
export type DeliverReport = ResponseOf<'/api/admin/outbox/deliver', 'post'>;

const base = (id: string) => `/api/admin/webhooks/${encodeURIComponent(id)}`;

export const webhookApi = {
  topics: () => api.get<WebhookTopics>('/api/admin/webhooks/topics'),
  list: () => api.get<WebhookList>('/api/admin/webhooks'),
  create: (body: CreateWebhookBody, opts?: RequestOptions) => api.post<CreatedWebhook>('/api/admin/webhooks', body, opts),
  setActive: (id: string, active: boolean, version: number, reason?: string) =>
    api.post<unknown>(`${base(id)}/${active ? 'activate' : 'deactivate'}`, { version, reason: reason ?? null }),
  deliveries: (id: string, q: DeliveryQuery) => api.get<DeliveryPage>(`${base(id)}/deliveries`, { query: { ...q } }),
  retry: (id: string, eventId: number) => api.post<unknown>(`${base(id)}/deliveries/${eventId}/retry`),
  test: (id: string) => api.post<TestOutcome>(`${base(id)}/test`),
  deliverNow: () => api.post<DeliverReport>('/api/admin/outbox/deliver'),
};
