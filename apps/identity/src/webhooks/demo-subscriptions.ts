import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentityDb } from './schema.ts'
import { createSubscription, listSubscriptions } from './subscriptions.ts'

/**
 * Development only: the NPQ service's published webhook secret (its NPQ_IDENTITY_WEBHOOK_SECRETS default), so that on
 * `npm start` a TRN linked by a support agent reaches the NPQ service as it would in production.
 */
export const DEMO_NPQ_WEBHOOK_SECRET_BYTES = Buffer.from('npq-development-webhook-secret!!')
export const DEMO_NPQ_WEBHOOK_SECRET = DEMO_NPQ_WEBHOOK_SECRET_BYTES.toString('hex')

/** Subscribes the demo NPQ service to every user message, once. Returns true when it added the subscription. */
export async function seedDemoWebhookSubscriptions(db: IdentityDb, clock: Clock, options: { npqClientId: string; npqBaseUrl: string }): Promise<boolean> {
  const existing = await listSubscriptions(db, { clientId: options.npqClientId })
  if (existing.length > 0) return false
  await createSubscription(
    db,
    clock,
    { clientId: options.npqClientId, endpoint: `${options.npqBaseUrl}/webhooks/identity`, messageTypes: ['UserCreated', 'UserUpdated', 'UserMerged'] },
    { actor: 'seed', requireHttps: false, random: () => DEMO_NPQ_WEBHOOK_SECRET_BYTES },
  )
  return true
}
