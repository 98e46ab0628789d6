import type { Request, Response } from 'express'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../packages/kit/src/web/errors.ts'
import { enteredValues, formErrors, renderInvalidForm } from '../../../../../packages/kit/src/web/forms.ts'
import { listSetAsideDeliveries, redeliver } from '../../webhooks/delivery.ts'
import { WEBHOOK_MESSAGE_TYPES } from '../../webhooks/schema.ts'
import { createSubscription, listSubscriptions, regenerateSecret, updateSubscription, WebhookSubscriptionError, type WebhookSubscription } from '../../webhooks/subscriptions.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { listClients } from '../clients/client-changes.ts'
import { staffActor } from '../shared/events.ts'
import { redirectWithFlash, takeFlash } from '../shared/flash.ts'
import { formatDateTime } from '../shared/format.ts'
import { ADMIN_PATH } from '../shared/paths.ts'
import { confirmedField } from '../shared/reason.ts'
import { staffOf } from '../shared/require-staff.ts'
import type { AdminRoutes } from '../shared/routes.ts'

const WEBHOOKS_PATH = `${ADMIN_PATH}/webhooks`
const FORM_VIEW = 'admin/webhooks/form'
const SECRET_VIEW = 'admin/webhooks/secret'
const REGENERATE_VIEW = 'admin/webhooks/regenerate-secret'

/** Checkboxes post nothing, one value or several. */
const listOf = (value: unknown): string[] => [value].flat().filter((item): item is string => typeof item === 'string' && item !== '')
const confirmedSchema = z.object({ confirmed: confirmedField })

function readSubscription(body: unknown) {
  const values = enteredValues(body)
  return {
    endpoint: typeof values.endpoint === 'string' ? values.endpoint : '',
    clientId: typeof values.clientId === 'string' && values.clientId !== '' ? values.clientId : null,
    messageTypes: listOf(values.messageTypes),
    enabled: values.enabled === 'yes',
  }
}

/** The subscription module's problems, beside their fields, as sentences. */
function errorsOf(error: WebhookSubscriptionError) {
  return formErrors(
    error.problems.map((problem) => ({
      field: /message type/.test(problem) ? 'messageTypes' : /client/.test(problem) ? 'clientId' : 'endpoint',
      message: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`,
    })),
  )
}

/** /admin/webhooks: subscriptions of client services to changes to people, and deliveries that need an admin (admins only). */
export function webhookPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const { db, clock } = dependencies
  const requireHttps = dependencies.environment === 'production'
  const actor = (res: Response) => staffActor(staffOf(res))

  const subscriptionOr404 = async (req: Request): Promise<WebhookSubscription> => {
    const subscription = (await listSubscriptions(db)).find((candidate) => candidate.id === req.params.subscriptionId)
    if (!subscription) throw pageNotFoundError()
    return subscription
  }
  const formContext = async (subscription?: WebhookSubscription) => ({
    subscription,
    title: subscription ? 'Change a webhook' : 'Add a webhook',
    action: subscription ? `${WEBHOOKS_PATH}/${subscription.id}` : `${WEBHOOKS_PATH}/new`,
    clients: (await listClients(db)).map((client) => ({ value: client.client_id, text: `${client.name} (${client.client_id})` })),
    messageTypes: WEBHOOK_MESSAGE_TYPES,
    backLink: WEBHOOKS_PATH,
  })

  routes.get('/webhooks', 'admin', async (req, res) => {
    const [subscriptions, setAside] = await Promise.all([listSubscriptions(db), listSetAsideDeliveries(db, { limit: 100 })])
    res.render('admin/webhooks/list', {
      subscriptions: subscriptions.map((subscription) => ({ ...subscription, href: `${WEBHOOKS_PATH}/${subscription.id}`, types: subscription.messageTypes.join(', ') })),
      setAside: setAside.map((delivery) => ({
        ...delivery,
        setAside: delivery.setAsideAt ? formatDateTime(delivery.setAsideAt) : '',
        problem: delivery.lastResponseStatus ? `Answered ${delivery.lastResponseStatus}` : (delivery.lastError ?? ''),
        action: `${WEBHOOKS_PATH}/deliveries/${delivery.id}/redeliver`,
      })),
      banner: takeFlash(req),
    })
  })

  routes.get('/webhooks/new', 'admin', async (_req, res) => {
    res.render(FORM_VIEW, { ...(await formContext()), values: { messageTypes: [...WEBHOOK_MESSAGE_TYPES], enabled: 'yes' } })
  })

  routes.post('/webhooks/new', 'admin', async (req, res) => {
    const input = readSubscription(req.body)
    try {
      const { subscription, secret } = await createSubscription(db, clock, input, { actor: actor(res), requireHttps })
      // Shown once, on this page only.
      res.render(SECRET_VIEW, { subscription, secret, added: true, backLink: WEBHOOKS_PATH })
    } catch (error) {
      if (!(error instanceof WebhookSubscriptionError)) throw error
      renderInvalidForm(res, FORM_VIEW, { ...(await formContext()), errors: errorsOf(error), values: { ...input, enabled: input.enabled ? 'yes' : '', clientId: input.clientId ?? '' } })
    }
  })

  routes.get('/webhooks/:subscriptionId', 'admin', async (req, res) => {
    const subscription = await subscriptionOr404(req)
    res.render(FORM_VIEW, { ...(await formContext(subscription)), values: { ...subscription, enabled: subscription.enabled ? 'yes' : '', clientId: subscription.clientId ?? '' } })
  })

  routes.post('/webhooks/:subscriptionId', 'admin', async (req, res) => {
    const subscription = await subscriptionOr404(req)
    const input = readSubscription(req.body)
    try {
      const updated = await updateSubscription(db, clock, subscription.id, input, { actor: actor(res), requireHttps })
      await redirectWithFlash(req, res, `The webhook to ${updated.endpoint} is saved.`, WEBHOOKS_PATH)
    } catch (error) {
      if (!(error instanceof WebhookSubscriptionError)) throw error
      if (error.notFound) throw pageNotFoundError()
      renderInvalidForm(res, FORM_VIEW, { ...(await formContext(subscription)), errors: errorsOf(error), values: { ...input, enabled: input.enabled ? 'yes' : '', clientId: input.clientId ?? '' } })
    }
  })

  routes.get('/webhooks/:subscriptionId/regenerate-secret', 'admin', async (req, res) => {
    const subscription = await subscriptionOr404(req)
    res.render(REGENERATE_VIEW, { subscription, action: `${WEBHOOKS_PATH}/${subscription.id}/regenerate-secret`, backLink: `${WEBHOOKS_PATH}/${subscription.id}`, values: {} })
  })

  routes.post('/webhooks/:subscriptionId/regenerate-secret', 'admin', async (req, res) => {
    const subscription = await subscriptionOr404(req)
    if (!confirmedSchema.safeParse(enteredValues(req.body)).success) {
      return renderInvalidForm(res, REGENERATE_VIEW, {
        subscription,
        action: `${WEBHOOKS_PATH}/${subscription.id}/regenerate-secret`,
        backLink: `${WEBHOOKS_PATH}/${subscription.id}`,
        errors: formErrors([{ field: 'confirmed', message: 'Confirm that you want a new secret' }]),
        values: {},
      })
    }
    const { secret } = await regenerateSecret(db, clock, subscription.id, { actor: actor(res) })
    res.render(SECRET_VIEW, { subscription, secret, added: false, backLink: WEBHOOKS_PATH })
  })

  routes.post('/webhooks/deliveries/:deliveryId/redeliver', 'admin', async (req, res) => {
    if (!confirmedSchema.safeParse(enteredValues(req.body)).success) {
      return res.status(400).render('kit/errors/bad-request', { reason: 'Use the Redeliver button on the webhooks page.' })
    }
    const outcome = await redeliver(db, clock, req.params.deliveryId as string, { actor: actor(res) })
    if (outcome === 'not_found') throw pageNotFoundError()
    await redirectWithFlash(req, res, outcome === 'redelivered' ? 'The delivery is queued to be sent again.' : 'That delivery is no longer set aside: nothing was changed.', WEBHOOKS_PATH)
  })
}
