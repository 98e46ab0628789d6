import type { Kysely } from 'kysely'
import type { PersonRow, RecordsSchema, Sex, StoredPreviousName } from '../database/schema.ts'
import { recordPersonEvents } from '../events/record-event.ts'
import { personRow } from './person-row.ts'

/** The details a client may correct. `null` clears an optional field. */
export type PersonChanges = {
  firstName?: string
  middleName?: string | null
  lastName?: string
  dateOfBirth?: string
  nationalInsuranceNumber?: string | null
  email?: string | null
  sex?: Sex | null
}

export type UpdateOutcome = { kind: 'updated'; changedFields: string[] } | { kind: 'unchanged' } | { kind: 'not_found' } | { kind: 'deactivated' } | { kind: 'merged'; survivingTrn: string }

const FIELDS = {
  firstName: 'first_name',
  middleName: 'middle_name',
  lastName: 'last_name',
  dateOfBirth: 'date_of_birth',
  nationalInsuranceNumber: 'national_insurance_number',
  email: 'email',
  sex: 'sex',
} as const satisfies Record<keyof PersonChanges, keyof PersonRow>

/**
 * Applies corrections to an active record in one transaction with its event (who, when, before and after).
 * A changed name is kept as a previous name, so the person can still be matched by it.
 */
export async function updatePerson(
  db: Kysely<RecordsSchema>,
  trn: string,
  changes: PersonChanges,
  context: { actor: string; today: string; reason: string | undefined },
): Promise<UpdateOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('persons').selectAll().where('trn', '=', trn).forUpdate().executeTakeFirst()
    if (!row) return { kind: 'not_found' }
    if (row.status === 'deactivated') return { kind: 'deactivated' }
    if (row.status === 'merged') return { kind: 'merged', survivingTrn: row.merged_into_trn ?? '' }

    const changed = (Object.keys(FIELDS) as Array<keyof PersonChanges>).filter(
      (field) => changes[field] !== undefined && (changes[field] ?? null) !== (row[FIELDS[field]] ?? null),
    )
    if (changed.length === 0) return { kind: 'unchanged' }

    const next = {
      firstName: changes.firstName ?? row.first_name,
      middleName: changes.middleName === undefined ? row.middle_name : changes.middleName,
      lastName: changes.lastName ?? row.last_name,
      dateOfBirth: changes.dateOfBirth ?? row.date_of_birth,
      nationalInsuranceNumber: changes.nationalInsuranceNumber === undefined ? row.national_insurance_number : changes.nationalInsuranceNumber,
      email: changes.email === undefined ? row.email : changes.email,
      sex: changes.sex === undefined ? row.sex : changes.sex,
    }
    const nameChanged = changed.some((field) => field === 'firstName' || field === 'middleName' || field === 'lastName')
    const previousNames: StoredPreviousName[] = nameChanged
      ? [{ firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name, stoppedUsingOn: context.today }, ...row.previous_names]
      : row.previous_names
    const values = personRow({ ...next, trn, previousNames })

    await trx
      .updateTable('persons')
      .set({
        first_name: values.first_name,
        middle_name: values.middle_name ?? null,
        last_name: values.last_name,
        previous_names: JSON.stringify(previousNames),
        date_of_birth: values.date_of_birth ?? null,
        national_insurance_number: values.national_insurance_number ?? null,
        email: values.email ?? null,
        sex: values.sex ?? null,
        email_key: values.email_key ?? null,
        name_keys: values.name_keys ?? [],
        last_name_keys: values.last_name_keys ?? [],
        updated_at: new Date(),
      })
      .where('id', '=', row.id)
      .execute()
    await recordPersonEvents(trx, [
      {
        personId: row.id,
        type: 'person_updated',
        actor: context.actor,
        before: { ...Object.fromEntries(changed.map((field) => [field, row[FIELDS[field]]])), ...(nameChanged ? { previousNames: row.previous_names } : {}) },
        after: { ...Object.fromEntries(changed.map((field) => [field, next[field]])), ...(nameChanged ? { previousNames } : {}), ...(context.reason ? { reason: context.reason } : {}) },
      },
    ])
    return { kind: 'updated', changedFields: changed }
  })
}

export async function personChanges(db: Kysely<RecordsSchema>, trn: string) {
  return db
    .selectFrom('person_events')
    .innerJoin('persons', 'persons.id', 'person_events.person_id')
    .select(['person_events.event_type', 'person_events.actor', 'person_events.occurred_at', 'person_events.before', 'person_events.after'])
    .where('persons.trn', '=', trn)
    .orderBy('person_events.id', 'desc')
    .execute()
}
