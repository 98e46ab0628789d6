import type { Kysely } from 'kysely'
import { createApiKey } from '../api-keys/keys.ts'
import type { RecordsSchema } from '../database/schema.ts'
import { recordPersonEvents } from '../events/record-event.ts'
import { personRow } from '../persons/person-row.ts'
import { personas } from './personas.ts'

/** Known to the other services' development defaults. Seeded only in development; never valid in production. */
export const DEVELOPMENT_API_KEY = 'trs_development-key-for-local-use-only-0000000000'
export const DEVELOPMENT_API_KEY_NAME = 'development'

const ACTOR = 'seed:demo'

export async function seedDemoDataIfEmpty(db: Kysely<RecordsSchema>, options: { print: (line: string) => void }): Promise<void> {
  const existing = await db.selectFrom('persons').select('id').limit(1).executeTakeFirst()
  if (!existing) {
    await seedDemoData(db)
    options.print(`seeded ${personas.length} demo teaching records (see README for who they are)`)
  }
  const devKey = await db.selectFrom('api_keys').select('id').where('name', '=', DEVELOPMENT_API_KEY_NAME).executeTakeFirst()
  if (devKey) options.print(`development API key (roles match, read, write, allocate): ${DEVELOPMENT_API_KEY}`)
}

export async function seedDemoData(db: Kysely<RecordsSchema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await createApiKey(trx, { name: DEVELOPMENT_API_KEY_NAME, roles: ['match', 'read', 'write', 'allocate'], key: DEVELOPMENT_API_KEY })
    // Survivors first, so merged records can point at them.
    const ordered = [...personas].sort((a, b) => Number(a.status !== undefined) - Number(b.status !== undefined))
    for (const persona of ordered) {
      const status = persona.status === undefined ? 'active' : persona.status === 'deactivated' ? 'deactivated' : 'merged'
      const mergedInto = typeof persona.status === 'object' ? persona.status.mergedInto : null
      const created = await trx
        .insertInto('persons')
        .values({ ...personRow(persona), status, merged_into_trn: mergedInto })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (persona.alerts.length > 0) {
        await trx
          .insertInto('alerts')
          .values(persona.alerts.map((alert) => ({ person_id: created.id, alert_type_code: alert.code, details: alert.details, start_date: alert.startDate, end_date: alert.endDate })))
          .execute()
      }
      if (persona.npqs.length > 0) {
        await trx.insertInto('npq_qualifications').values(persona.npqs.map((npq) => ({ person_id: created.id, npq_type: npq.type, awarded_on: npq.awardedOn }))).execute()
      }
      const { story: _story, ...recorded } = persona
      await recordPersonEvents(trx, [{ personId: created.id, type: 'person_created', actor: ACTOR, before: null, after: recorded }])
    }
  })
}
