import type { ColumnType, Generated, Kysely, Selectable } from 'kysely'
import type { IdentitySchema } from '../database/schema.ts'

export const WEBHOOK_MESSAGE_TYPES = ['UserCreated', 'UserUpdated', 'UserMerged'] as const
export type WebhookMessageType = (typeof WEBHOOK_MESSAGE_TYPES)[number]

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dropped'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export type DropReason = 'subscription_disabled' | 'subscription_deleted' | 'client_disabled' | 'message_type_unsubscribed'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>

export type WebhookSubscriptionsTable = {
  id: Generated<string>
  client_id: Nullable<string>
  endpoint: string
  enabled: Generated<boolean>
  /** Kept as given because every delivery is signed with it; see the migration. Never logged, never in an event. */
  secret: string
  message_types: WebhookMessageType[]
  created_at: Timestamp
  updated_at: Timestamp
}

export type WebhookNotificationsTable = {
  notification_id: string
  message_type: WebhookMessageType
  /** The exact bytes sent, so every attempt carries the same body. */
  body: string
  created_at: Timestamp
}

export type WebhookDeliveriesTable = {
  id: string
  notification_id: string
  subscription_id: string | null
  job_id: Nullable<number>
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>
  attempts: ColumnType<number, number | undefined, number>
  last_attempted_at: NullableTimestamp
  last_response_status: Nullable<number>
  last_error: Nullable<string>
  delivered_at: NullableTimestamp
  dropped_at: NullableTimestamp
  drop_reason: Nullable<DropReason>
  created_at: Timestamp
}

export type WebhookTables = {
  webhook_subscriptions: WebhookSubscriptionsTable
  webhook_notifications: WebhookNotificationsTable
  webhook_deliveries: WebhookDeliveriesTable
}

export type WebhookSchema = IdentitySchema & WebhookTables
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>

/** The service's database or a transaction on it, typed with or without this folder's tables. */
export type IdentityDb = Kysely<IdentitySchema> | Kysely<WebhookSchema>

/** The service's schema type does not list this folder's tables (migration 0004 creates them); this adds them. */
export function webhookDb(db: IdentityDb): Kysely<WebhookSchema> {
  return db as unknown as Kysely<WebhookSchema>
}

export const isWebhookMessageType = (value: unknown): value is WebhookMessageType =>
  typeof value === 'string' && (WEBHOOK_MESSAGE_TYPES as readonly string[]).includes(value)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids come from admin pages and URLs: anything that is not a uuid is simply not found, never a database error. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)
