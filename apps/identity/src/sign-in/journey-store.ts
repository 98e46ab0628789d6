import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { Access } from '../users/service-access.ts'
import type { SignInState } from './journey.ts'

/** The client service a journey signs someone in for, as it was when the journey started. */
export type JourneyClient = {
  clientId: string
  name: string
  /** Where "go back to the service" links point: the origin of the service's first redirect URI. */
  serviceUrl: string | null
  /** The origins of the service's redirect URIs: the forms that hand the person back may lead there. */
  redirectOrigins: string[]
  trnRequired: boolean
  blockProhibitedTeachers: boolean
  /** A lookup that ends Pending raises a helpdesk ticket. */
  raiseTrnSupportTickets: boolean
}

export type JourneyData = {
  client: JourneyClient
  state: SignInState
  /** The client's login_hint: it only fills in the email field. */
  emailHint?: string
  /** The matcher could not be asked the last time we tried. */
  lookupUnavailable?: boolean
  /** What the matcher was last asked, so an answer it does not use (QTS, say) does not ask it again. */
  lookupQuery?: string
  /** How the journey ended, and whether the person may go on to the service. */
  finished?: {
    outcome: 'created' | 'signed-in'
    access: Access
    /** Registering raised a helpdesk ticket, so someone will check the person's details. */
    ticketRaised?: boolean
  }
}

export type Journey = {
  id: string
  interactionUid: string
  version: number
  expiresAt: Date
  data: JourneyData
}

/** Another request saved the journey since this one read it (a double submit): the later save loses. */
export class JourneyChanged extends Error {
  constructor() {
    super('the sign-in journey was changed by another request')
    this.name = 'JourneyChanged'
  }
}

type Db = Kysely<IdentitySchema> | Transaction<IdentitySchema>

export type JourneyStore = {
  create(interactionUid: string, data: JourneyData, expiresAt: Date): Promise<Journey>
  /** The journey, expired or not (an expired one still knows which service to send the person back to). */
  find(id: string): Promise<Journey | undefined>
  /** Saves new data over the version that was read; throws JourneyChanged if it is no longer the latest. */
  save(journey: Journey, data: JourneyData, db?: Db): Promise<Journey>
  /** Deletes journeys (and their codes) that expired more than a day ago. */
  prune(): Promise<number>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createJourneyStore(options: { db: Kysely<IdentitySchema>; clock: Clock }): JourneyStore {
  const { db, clock } = options
  const toJourney = (row: { id: string; interaction_uid: string; version: number; expires_at: Date; data: Record<string, unknown> }): Journey => ({
    id: row.id,
    interactionUid: row.interaction_uid,
    version: row.version,
    expiresAt: row.expires_at,
    data: row.data as unknown as JourneyData,
  })

  return {
    async create(interactionUid, data, expiresAt) {
      const now = clock.now()
      const row = await db
        .insertInto('sign_in_journeys')
        .values({ interaction_uid: interactionUid, data: JSON.stringify(data), created_at: now, updated_at: now, expires_at: expiresAt })
        .returning(['id', 'interaction_uid', 'version', 'expires_at', 'data'])
        .executeTakeFirstOrThrow()
      return toJourney(row)
    },

    async find(id) {
      if (!UUID.test(id)) return undefined
      const row = await db.selectFrom('sign_in_journeys').select(['id', 'interaction_uid', 'version', 'expires_at', 'data']).where('id', '=', id).executeTakeFirst()
      return row ? toJourney(row) : undefined
    },

    async save(journey, data, executor = db) {
      const text = JSON.stringify(data)
      const row = await executor
        .updateTable('sign_in_journeys')
        .set((eb) => ({ data: text, version: eb('version', '+', 1), updated_at: clock.now() }))
        .where('id', '=', journey.id)
        .where('version', '=', journey.version)
        .returning('version')
        .executeTakeFirst()
      if (!row) throw new JourneyChanged()
      // What was stored, as reading it back would give it (without sending it back over the wire).
      return { ...journey, version: row.version, data: JSON.parse(text) as JourneyData }
    },

    async prune() {
      const result = await db
        .deleteFrom('sign_in_journeys')
        .where('expires_at', '<', new Date(clock.now().getTime() - 24 * 60 * 60 * 1000))
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
