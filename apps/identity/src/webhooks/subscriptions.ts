import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { recordWebhookEvent } from './events.ts'
import { isUuid, WEBHOOK_MESSAGE_TYPES, webhookDb, type WebhookMessageType, type IdentityDb, type WebhookSchema, type WebhookSubscriptionRow } from './schema.ts'

export type RandomBytes = (size: number) => Buffer

/** A subscription as admins and callers see it: everything but the secret. */
export type WebhookSubscription = {
  id: string
  clientId: string | null
  endpoint: string
  enabled: boolean
  messageTypes: WebhookMessageType[]
  createdAt: Date
  updatedAt: Date
}

export type NewWebhookSubscription = {
  /** The client service the endpoint belongs to, if it is one of ours. */
  clientId?: string | null
  endpoint: string
  messageTypes: readonly string[]
  enabled?: boolean
}

export type WebhookSubscriptionChanges = Partial<NewWebhookSubscription>

export class WebhookSubscriptionError extends Error {
  readonly problems: string[]
  readonly notFound: boolean
  constructor(problems: string[], options: { notFound?: boolean } = {}) {
    super(problems.join('; '))
    this.name = 'WebhookSubscriptionError'
    this.problems = problems
    this.notFound = options.notFound ?? false
  }
}

type Actor = { /** Who acts, as in events: `cli`, `admin:<id>`... */ actor: string }

const CLIENT_ID = /^[a-z0-9][a-z0-9_-]{2,63}$/
const MAX_ENDPOINT_LENGTH = 2000

/** 32 random bytes as hex, the secret a subscriber verifies signatures with. */
export function generateWebhookSecret(random: RandomBytes = randomBytes): string {
  return random(32).toString('hex')
}

function endpointProblems(endpoint: unknown, requireHttps: boolean): string[] {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') return ['enter the endpoint URL']
  const trimmed = endpoint.trim()
  const parsed = URL.parse(trimmed)
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return [`the endpoint "${trimmed}" must be an absolute http(s) URL`]
  const problems: string[] = []
  if (trimmed.length > MAX_ENDPOINT_LENGTH) problems.push(`the endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters`)
  if (parsed.hash || trimmed.includes('#')) problems.push('the endpoint must not have a fragment')
  if (parsed.username || parsed.password) problems.push('the endpoint must not hold a user name or password: deliveries are signed instead')
  if (requireHttps && parsed.protocol !== 'https:') problems.push('the endpoint must use https in production')
  return problems
}

function messageTypeProblems(messageTypes: unknown): string[] {
  if (!Array.isArray(messageTypes) || messageTypes.length === 0) return [`choose at least one message type (${WEBHOOK_MESSAGE_TYPES.join(', ')})`]
  return messageTypes
    .filter((type) => !(WEBHOOK_MESSAGE_TYPES as readonly unknown[]).includes(type))
    .map((type) => `unknown message type "${String(type)}" (message types: ${WEBHOOK_MESSAGE_TYPES.join(', ')})`)
}

/** Everything wrong with the fields given (all of them for a new subscription), so an admin fixes them in one go. */
export function subscriptionProblems(input: WebhookSubscriptionChanges, options: { requireHttps: boolean; isNew: boolean }): string[] {
  const problems: string[] = []
  if (options.isNew || input.endpoint !== undefined) problems.push(...endpointProblems(input.endpoint, options.requireHttps))
  if (options.isNew || input.messageTypes !== undefined) problems.push(...messageTypeProblems(input.messageTypes))
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') problems.push('enabled must be true or false')
  if (input.clientId !== undefined && input.clientId !== null && (typeof input.clientId !== 'string' || !CLIENT_ID.test(input.clientId))) {
    problems.push('the client id must be 3 to 64 lower-case letters, digits, "-" or "_"')
  }
  return problems
}

/** In the order of the contract, each once. */
const canonicalTypes = (messageTypes: readonly string[]): WebhookMessageType[] => WEBHOOK_MESSAGE_TYPES.filter((type) => messageTypes.includes(type))

export function toSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    clientId: row.client_id,
    endpoint: row.endpoint,
    enabled: row.enabled,
    messageTypes: row.message_types,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** What an event says about a subscription: its settings, never its secret. */
const settingsOf = (subscription: WebhookSubscription) => ({
  clientId: subscription.clientId,
  endpoint: subscription.endpoint,
  enabled: subscription.enabled,
  messageTypes: subscription.messageTypes,
})

async function clientProblems(db: Kysely<WebhookSchema>, clientId: string | null | undefined): Promise<string[]> {
  if (clientId === undefined || clientId === null) return []
  const client = await db.selectFrom('clients').select('client_id').where('client_id', '=', clientId).executeTakeFirst()
  return client ? [] : [`there is no client "${clientId}"`]
}

const notFound = (id: unknown) => new WebhookSubscriptionError([`there is no webhook subscription "${String(id)}"`], { notFound: true })

async function lockedRow(db: Kysely<WebhookSchema>, id: string): Promise<WebhookSubscriptionRow> {
  const row = isUuid(id) ? await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined
  if (!row) throw notFound(id)
  return row
}

/** Adds a subscription and returns its secret, for the admin to give the client service. */
export async function createSubscription(
  db: IdentityDb,
  clock: Clock,
  input: NewWebhookSubscription,
  options: Actor & { requireHttps: boolean; random?: RandomBytes },
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const problems = subscriptionProblems(input, { requireHttps: options.requireHttps, isNew: true })
  if (problems.length > 0) throw new WebhookSubscriptionError(problems)
  const secret = generateWebhookSecret(options.random)
  const now = clock.now()
  return webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const missingClient = await clientProblems(trx, input.clientId)
      if (missingClient.length > 0) throw new WebhookSubscriptionError(missingClient)
      const row = await trx
        .insertInto('webhook_subscriptions')
        .values({
          client_id: input.clientId ?? null,
          endpoint: input.endpoint.trim(),
          enabled: input.enabled ?? true,
          secret,
          message_types: canonicalTypes(input.messageTypes),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      const subscription = toSubscription(row)
      await recordWebhookEvent(trx, {
        type: 'webhook_subscription_added',
        actor: options.actor,
        clientId: subscription.clientId ?? undefined,
        occurredAt: now,
        details: { subscriptionId: subscription.id, before: null, after: settingsOf(subscription) },
      })
      return { subscription, secret }
    })
}

/** Changes the fields given; a change that changes nothing records nothing. */
export async function updateSubscription(
  db: IdentityDb,
  clock: Clock,
  id: string,
  changes: WebhookSubscriptionChanges,
  options: Actor & { requireHttps: boolean },
): Promise<WebhookSubscription> {
  const problems = subscriptionProblems(changes, { requireHttps: options.requireHttps, isNew: false })
  if (problems.length > 0) throw new WebhookSubscriptionError(problems)
  const now = clock.now()
  return webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const before = toSubscription(await lockedRow(trx, id))
      const missingClient = await clientProblems(trx, changes.clientId)
      if (missingClient.length > 0) throw new WebhookSubscriptionError(missingClient)
      const after: WebhookSubscription = {
        ...before,
        clientId: changes.clientId === undefined ? before.clientId : changes.clientId,
        endpoint: changes.endpoint === undefined ? before.endpoint : changes.endpoint.trim(),
        enabled: changes.enabled ?? before.enabled,
        messageTypes: changes.messageTypes === undefined ? before.messageTypes : canonicalTypes(changes.messageTypes),
      }
      if (JSON.stringify(settingsOf(before)) === JSON.stringify(settingsOf(after))) return before
      const row = await trx
        .updateTable('webhook_subscriptions')
        .set({ client_id: after.clientId, endpoint: after.endpoint, enabled: after.enabled, message_types: after.messageTypes, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
      const updated = toSubscription(row)
      await recordWebhookEvent(trx, {
        type: 'webhook_subscription_updated',
        actor: options.actor,
        clientId: updated.clientId ?? before.clientId ?? undefined,
        occurredAt: now,
        details: { subscriptionId: updated.id, before: settingsOf(before), after: settingsOf(updated) },
      })
      return updated
    })
}

/**
 * Replaces the secret at once and returns the new one. Deliveries are signed when sent, so everything from now on,
 * retries of older messages included, is signed with it: the client service should accept both secrets while it
 * switches (see packages/kit/src/webhooks/README.md).
 */
export async function regenerateSecret(
  db: IdentityDb,
  clock: Clock,
  id: string,
  options: Actor & { random?: RandomBytes },
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const secret = generateWebhookSecret(options.random)
  const now = clock.now()
  return webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const before = await lockedRow(trx, id)
      const row = await trx.updateTable('webhook_subscriptions').set({ secret, updated_at: now }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
      const subscription = toSubscription(row)
      await recordWebhookEvent(trx, {
        type: 'webhook_subscription_secret_regenerated',
        actor: options.actor,
        clientId: subscription.clientId ?? undefined,
        occurredAt: now,
        details: { subscriptionId: subscription.id, endpoint: subscription.endpoint },
      })
      return { subscription, secret }
    })
}

/** Removes a subscription; its deliveries not yet made are dropped, not sent. */
export async function deleteSubscription(db: IdentityDb, clock: Clock, id: string, options: Actor): Promise<void> {
  const now = clock.now()
  await webhookDb(db)
    .transaction()
    .execute(async (trx) => {
      const before = toSubscription(await lockedRow(trx, id))
      await trx.deleteFrom('webhook_subscriptions').where('id', '=', before.id).execute()
      await recordWebhookEvent(trx, {
        type: 'webhook_subscription_deleted',
        actor: options.actor,
        clientId: before.clientId ?? undefined,
        occurredAt: now,
        details: { subscriptionId: before.id, before: settingsOf(before), after: null },
      })
    })
}

/**
 * Every subscription (or one client's), oldest first, without secrets. Reading changes nothing, so it records no
 * event: the events table is for changes.
 */
export async function listSubscriptions(db: IdentityDb, filter: { clientId?: string } = {}): Promise<WebhookSubscription[]> {
  let query = webhookDb(db).selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id')
  if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId)
  return (await query.execute()).map(toSubscription)
}
