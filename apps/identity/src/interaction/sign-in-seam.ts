import type { Request, Response } from 'express'
import { sql, type Kysely } from 'kysely'
import type { InteractionResults } from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { findClientMetadata, findClientSettings, type ClientSettings, type ClientSource } from '../clients/clients.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { ProviderHolder } from '../oidc/provider-holder.ts'
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
  /** Where the service may be sent back to: its registered redirect URIs. */
  redirectUris: string[]
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** A sub that is not a uuid matches no one (rather than failing the cast in SQL). */
const validSub = (sub: string) => (typeof sub === 'string' && UUID.test(sub) ? sub : null)

export class SignInNotFound extends Error {
  constructor() {
    super('There is no sign-in in progress for this browser with that interaction id; it may have expired.')
    this.name = 'SignInNotFound'
  }
}

export function createSignInSeam(options: {
  providers: ProviderHolder
  db: Kysely<IdentitySchema>
  /** Where clients are read from; the table itself unless given. */
  clients?: ClientSource
  clock: Clock
  handover: HandoverCookie
}): SignInSeam {
  const { providers, db, clock, handover } = options
  const clients = options.clients ?? db
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

  /** The login interaction `uid`, if this browser was handed it and it has not expired. */
  async function ownedInteraction(req: Request, uid: string) {
    if (typeof uid !== 'string' || !handover.uids(req).includes(uid)) return undefined
    const provider = await providers.current()
    const interaction = await provider.Interaction.find(uid)
    if (!interaction || interaction.prompt.name !== 'login' || interaction.exp <= nowSeconds()) return undefined
    return interaction
  }

  /** `outcome` decides the interaction's result, and may refuse (throw), leaving the interaction as it was. */
  async function finish(req: Request, res: Response, uid: string, outcome: (clientId: string) => Promise<InteractionResults>) {
    const interaction = await ownedInteraction(req, uid)
    if (!interaction) throw new SignInNotFound()
    interaction.result = await outcome(String(interaction.params.client_id))
    await interaction.save(interaction.exp - nowSeconds())
    handover.remove(req, res, uid)
    res.redirect(303, interaction.returnTo)
  }

  return {
    async signInRequest(req, uid) {
      const interaction = await ownedInteraction(req, uid)
      if (!interaction) return undefined
      const clientId = String(interaction.params.client_id)
      const [client, metadata] = await Promise.all([findClientSettings(clients, clientId), findClientMetadata(clients, clientId)])
      if (!client || !metadata) return undefined
      const scopes = String(interaction.params.scope ?? '').split(' ').filter(Boolean)
      const loginHint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined
      return {
        interactionUid: interaction.uid,
        client,
        redirectUris: metadata.redirect_uris as string[],
        scopes,
        trnRequested: scopes.includes('trn'),
        ...(loginHint ? { loginHint } : {}),
        ...(interaction.session?.accountId ? { signedInUserSub: interaction.session.accountId } : {}),
        expiresAt: new Date(interaction.exp * 1000),
      }
    },

    async completeSignIn(req, res, uid, outcome) {
      await finish(req, res, uid, async (clientId) => {
        const now = clock.now()
        // One statement, so the sign-in is never recorded without its event: last_signed_in_at and user_signed_in. An
        // account merged into another is no one's to sign in to.
        const { rows } = await sql<{ user_sub: string }>`
          with signed_in as (
            update users set last_signed_in_at = ${now}::timestamptz where sub = ${validSub(outcome.userSub)}::uuid and merged_into is null returning sub)
          insert into events (event_type, actor, user_sub, client_id, occurred_at, details)
          select 'user_signed_in', 'user:' || sub, sub, ${clientId}::text, ${now}::timestamptz, ${JSON.stringify({ amr: outcome.amr ?? [] })}::jsonb
          from signed_in
          returning user_sub`.execute(db)
        const sub = rows[0]?.user_sub
        if (!sub) throw new Error(`completeSignIn: there is no user with sub ${outcome.userSub}`)
        return { login: { accountId: sub, remember: false, ...(outcome.amr ? { amr: outcome.amr } : {}) } }
      })
    },

    async abandonSignIn(req, res, uid, refusal) {
      await finish(req, res, uid, async () => ({ error: refusal.error, error_description: refusal.description }))
    },
  }
}
