import type { Request, Response } from 'express'
import { z } from 'zod'
import { pageNotFoundError } from '../../../../../packages/kit/src/web/errors.ts'
import { enteredValues, formErrors, renderInvalidForm, type FormFieldError } from '../../../../../packages/kit/src/web/forms.ts'
import { ClientRegistrationError } from '../../clients/clients.ts'
import type { ClientRow } from '../../database/schema.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { redirectWithFlash, takeFlash } from '../shared/flash.ts'
import { ADMIN_PATH } from '../shared/paths.ts'
import { confirmedField } from '../shared/reason.ts'
import { staffOf } from '../shared/require-staff.ts'
import type { AdminRoutes } from '../shared/routes.ts'
import { clientSettings, findClient, listClients, rotateClientSecret, updateClient, type ClientChanges } from './client-changes.ts'

const CLIENTS_PATH = `${ADMIN_PATH}/clients`
const EDIT_VIEW = 'admin/clients/client'
const ROTATE_VIEW = 'admin/clients/rotate-secret'

const lines = (value: unknown) => [...new Set((typeof value === 'string' ? value : '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean))]

const uriLines = (label: string) => z.string({ error: `Enter the ${label}, one a line` }).optional().transform(lines)
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'yes')

const settingsSchema = z.object({
  redirectUris: uriLines('redirect URIs'),
  postLogoutRedirectUris: uriLines('post-logout redirect URIs'),
  trnRequirement: z.enum(['required', 'optional'], { error: 'Select whether the service requires a TRN' }),
  trnMatchPolicy: z.enum(['default', 'strict'], { error: 'Select the match policy' }),
  raiseTrnSupportTickets: checkbox,
  blockProhibitedTeachers: checkbox,
})

/** The registration rules speak of URIs and scopes; each problem goes beside the field it is about. */
function fieldOf(problem: string): string {
  if (/post-logout/i.test(problem)) return 'postLogoutRedirectUris'
  if (/redirect URI/i.test(problem)) return 'redirectUris'
  if (/TRN/.test(problem)) return 'trnRequirement'
  return 'redirectUris'
}
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

function formValues(row: ClientRow) {
  const settings = clientSettings(row)
  return {
    ...settings,
    redirectUris: settings.redirectUris.join('\n'),
    postLogoutRedirectUris: settings.postLogoutRedirectUris.join('\n'),
    raiseTrnSupportTickets: settings.raiseTrnSupportTickets ? 'yes' : '',
    blockProhibitedTeachers: settings.blockProhibitedTeachers ? 'yes' : '',
  }
}

/** /admin/clients: the client services, their redirect URIs and journey settings, and rotating a secret (admins only). */
export function clientPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  const { db, clock } = dependencies
  const requireHttps = dependencies.environment === 'production'

  const clientOr404 = async (req: Request) => {
    const client = await findClient(db, req.params.clientId as string)
    if (!client) throw pageNotFoundError()
    return client
  }
  const editContext = (client: ClientRow) => ({ client, action: `${CLIENTS_PATH}/${client.client_id}`, backLink: CLIENTS_PATH })
  const invalid = (res: Response, client: ClientRow, errors: FormFieldError[], body: unknown) => renderInvalidForm(res, EDIT_VIEW, { ...editContext(client), errors: formErrors(errors), values: enteredValues(body) })

  routes.get('/clients', 'admin', async (req, res) => {
    const clients = await listClients(db)
    res.render('admin/clients/list', {
      rows: clients.map((client) => ({ ...client, href: `${CLIENTS_PATH}/${client.client_id}`, grants: client.grant_types.join(', ') })),
      banner: takeFlash(req),
    })
  })

  routes.get('/clients/:clientId', 'admin', async (req, res) => {
    const client = await clientOr404(req)
    res.render(EDIT_VIEW, { ...editContext(client), values: formValues(client), banner: takeFlash(req) })
  })

  routes.post('/clients/:clientId', 'admin', async (req, res) => {
    const client = await clientOr404(req)
    const form = settingsSchema.safeParse(enteredValues(req.body))
    if (!form.success) return invalid(res, client, form.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })), req.body)
    try {
      const result = await updateClient(db, clock, client.client_id, form.data satisfies ClientChanges, { by: staffOf(res), requireHttps })
      if (result.outcome === 'not_found') throw pageNotFoundError()
      await redirectWithFlash(req, res, result.outcome === 'updated' ? `${client.name} is updated.` : `Nothing was changed for ${client.name}.`, `${CLIENTS_PATH}/${client.client_id}`)
    } catch (error) {
      if (error instanceof ClientRegistrationError) return invalid(res, client, error.problems.map((problem) => ({ field: fieldOf(problem), message: sentence(problem) })), req.body)
      throw error
    }
  })

  const rotateContext = (client: ClientRow) => ({ client, action: `${CLIENTS_PATH}/${client.client_id}/rotate-secret`, backLink: `${CLIENTS_PATH}/${client.client_id}` })

  routes.get('/clients/:clientId/rotate-secret', 'admin', async (req, res) => {
    res.render(ROTATE_VIEW, { ...rotateContext(await clientOr404(req)), values: {} })
  })

  routes.post('/clients/:clientId/rotate-secret', 'admin', async (req, res) => {
    const client = await clientOr404(req)
    const confirmed = z.object({ confirmed: confirmedField }).safeParse(enteredValues(req.body))
    if (!confirmed.success) return renderInvalidForm(res, ROTATE_VIEW, { ...rotateContext(client), errors: formErrors([{ field: 'confirmed', message: 'Confirm that you want a new secret' }]), values: {} })
    const result = await rotateClientSecret(db, clock, client.client_id, { by: staffOf(res) })
    switch (result.outcome) {
      case 'not_found':
        throw pageNotFoundError()
      case 'no_secret':
        return renderInvalidForm(res, ROTATE_VIEW, { ...rotateContext(client), errors: formErrors([{ field: 'confirmed', message: 'This service signs in with its own keys (private_key_jwt): it has no secret' }]), values: {} })
      case 'rotated':
        // Shown once, on this page only: it is not stored, and the page is never cached.
        return res.render('admin/clients/new-secret', { client, secret: result.secret, backLink: `${CLIENTS_PATH}/${client.client_id}` })
    }
  })
}
