import type { Request, Response } from 'express'
import type { Kysely } from 'kysely'
import type { InteractionResults } from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { findClientSettings, type ClientSettings } from '../clients/clients.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEvent } from '../events/record-event.ts'
import type { ProviderHolder } from '../oidc/provider-holder.ts'
import { findUserBySub } from '../users/users.ts'
import type { HandoverCookie } from './handover-cookie.ts'

/**
 * What the sign-in journey needs to know about the authorization request it is signing someone in for.
 *
 * The journey starts at `GET /sign-in?interaction=<uid>`: read the uid from the query string, keep it in the journey's
 * own state, and pass it to every call below.
 */
export type SignInRequest = {
  interactionUid: string
  /** The service the person came from, with its TRN settings. */
  client: ClientSettings
  /** Scopes requested (already limited to those the client may have), e.g. ['openid', 'email', 'trn']. */
  scopes: string[]
  /** The client asked for `trn`: the journey must look up the person's teaching record. */
  trnRequested: boolean
  /** `login_hint` from the client, usually an email address it already knows. Untrusted: prefill at most. */
  loginHint?: string
  /** Who is signed in here already, when the client asked for a fresh sign-in (prompt=login or max_age). */
  signedInUserSub?: string
  /** After this the request is gone and the person must start again from the service. */
  expiresAt: Date
}

export type SignInOutcome = {
  /** The `sub` of the users row for the person who has proved who they are. */
  userSub: string
  /** How they proved it (RFC 8176 values), e.g. ['otp'] for an emailed code. */
  amr?: string[]
}

export type SignInRefusal = {
  /** `access_denied` when the person may not continue (blocked) or gave up; `login_required` when they cannot sign in. */
  error: 'access_denied' | 'login_required'
  /** Sent to the client service; no personal data. */
  description: string
}

/**
 * The seam between the OpenID Connect provider and the sign-in journey (apps/identity/src/sign-in/**).
 *
 *   const request = await seam.signInRequest(req, uid)   // undefined: unknown, expired or another browser's
 *   ...ask for email, code, details; create or update the users row...
 *   await seam.completeSignIn(req, res, uid, { userSub })  // responds with a redirect back to the client
 *   await seam.abandonSignIn(req, res, uid, { error: 'access_denied', description: '...' })  // or this
 *
 * Both finishing calls send the response (303 to the provider, which redirects to the client); the journey must not
 * write to `res` afterwards. They throw SignInNotFound when `signInRequest` would have answered undefined.
 */
export type SignInSeam = {
  signInRequest(req: Request, interactionUid: string): Promise<SignInRequest | undefined>
  completeSignIn(req: Request, res: Response, interactionUid: string, outcome: SignInOutcome): Promise<void>
  abandonSignIn(req: Request, res: Response, interactionUid: string, refusal: SignInRefusal): Promise<void>
}

export class SignInNotFound extends Error {
  constructor() {
    super('There is no sign-in in progress for this browser with that interaction id; it may have expired.')
    this.name = 'SignInNotFound'
  }
}

export function createSignInSeam(options: { providers: ProviderHolder; db: Kysely<IdentitySchema>; clock: Clock; handover: HandoverCookie }): SignInSeam {
  const { providers, db, clock, handover } = options
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

  /** The login interaction `uid`, if this browser was handed it and it has not expired. */
  async function ownedInteraction(req: Request, uid: string) {
    if (typeof uid !== 'string' || !handover.uids(req).includes(uid)) return undefined
    const provider = await providers.current()
    const interaction = await provider.Interaction.find(uid)
    if (!interaction || interaction.prompt.name !== 'login' || interaction.exp <= nowSeconds()) return undefined
    return interaction
  }

  async function finish(req: Request, res: Response, uid: string, result: InteractionResults, record?: (clientId: string) => Promise<void>) {
    const interaction = await ownedInteraction(req, uid)
    if (!interaction) throw new SignInNotFound()
    interaction.result = result
    await interaction.save(interaction.exp - nowSeconds())
    await record?.(String(interaction.params.client_id))
    handover.remove(req, res, uid)
    res.redirect(303, interaction.returnTo)
  }

  return {
    async signInRequest(req, uid) {
      const interaction = await ownedInteraction(req, uid)
      if (!interaction) return undefined
      const client = await findClientSettings(db, String(interaction.params.client_id))
      if (!client) return undefined
      const scopes = String(interaction.params.scope ?? '').split(' ').filter(Boolean)
      const loginHint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined
      return {
        interactionUid: interaction.uid,
        client,
        scopes,
        trnRequested: scopes.includes('trn'),
        ...(loginHint ? { loginHint } : {}),
        ...(interaction.session?.accountId ? { signedInUserSub: interaction.session.accountId } : {}),
        expiresAt: new Date(interaction.exp * 1000),
      }
    },

    async completeSignIn(req, res, uid, outcome) {
      const user = await findUserBySub(db, outcome.userSub)
      if (!user) throw new Error(`completeSignIn: there is no user with sub ${outcome.userSub}`)
      const login = { accountId: user.sub, remember: false, ...(outcome.amr ? { amr: outcome.amr } : {}) }
      await finish(req, res, uid, { login }, async (clientId) => {
        const now = clock.now()
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('users').set({ last_signed_in_at: now }).where('sub', '=', user.sub).execute()
          await recordEvent(trx, { type: 'user_signed_in', actor: `user:${user.sub}`, userSub: user.sub, clientId, occurredAt: now, details: { amr: outcome.amr ?? [] } })
        })
      })
    },

    async abandonSignIn(req, res, uid, refusal) {
      await finish(req, res, uid, { error: refusal.error, error_description: refusal.description })
    },
  }
}
