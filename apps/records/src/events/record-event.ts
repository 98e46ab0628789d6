import type { Kysely } from 'kysely'
import type { RecordsSchema } from '../database/schema.ts'

export type PersonEvent = {
  personId: string
  type: string
  /** Who made the change: an API key (`api-key:<name>`), a command (`import:<file>`), a person (`user:<id>`). */
  actor: string
  before: unknown
  after: unknown
}

/** Called inside the transaction that makes the change, so a change is never stored without its event. */
export async function recordPersonEvents(db: Kysely<RecordsSchema>, events: PersonEvent[]): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('person_events')
    .values(
      events.map((event) => ({
        person_id: event.personId,
        event_type: event.type,
        actor: event.actor,
        before: event.before === null || event.before === undefined ? null : JSON.stringify(event.before),
        after: event.after === null || event.after === undefined ? null : JSON.stringify(event.after),
      })),
    )
    .execute()
}
