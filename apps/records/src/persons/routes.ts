import { Router } from 'express'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import { ApiError } from '../../../../packages/kit/src/http/api-errors.ts'
import { todayInEngland, type Clock } from '../../../../packages/kit/src/clock.ts'
import { parseOrThrow } from '../../../../packages/kit/src/validation.ts'
import { apiClientOf, requireRole } from '../api-keys/authenticate.ts'
import type { RecordsSchema } from '../database/schema.ts'
import { surnameKeys } from '../matching/blocking.ts'
import { dateOfBirth, email, nationalInsuranceNumber, personName, trn } from './person-fields.ts'
import { lookUpPerson, personSummary } from './person-record.ts'
import { personChanges, updatePerson } from './update-person.ts'

const MAX_LOOKUP_RESULTS = 50

export function personsRouter(options: { db: Kysely<RecordsSchema>; clock: Clock }): Router {
  const { db } = options
  const router = Router()

  router.get('/persons/:trn', requireRole('read'), async (req, res) => {
    const wanted = parseOrThrow(z.object({ trn }), { trn: req.params.trn }).trn
    const lookup = await lookUpPerson(db, wanted)
    switch (lookup.kind) {
      case 'found':
        res.json(lookup.person)
        return
      case 'not_found':
        throw new ApiError(404, 'person_not_found', `There is no teaching record with TRN ${wanted}`)
      case 'deactivated':
        throw new ApiError(410, 'record_deactivated', `The teaching record with TRN ${wanted} has been deactivated`)
      case 'merged':
        res
          .status(308)
          .location(`${req.baseUrl}/persons/${lookup.survivingTrn}`)
          .json({ error: { code: 'record_merged', message: `TRN ${wanted} was merged into TRN ${lookup.survivingTrn}` }, trn: lookup.survivingTrn })
        return
    }
  })

  const lookupQuery = z.strictObject({ lastName: personName, dateOfBirth: dateOfBirth(options.clock) })

  // Employers' exact lookup: the date of birth exactly, and the last name against current and previous surnames.
  router.get('/persons', requireRole('read'), async (req, res) => {
    const query = parseOrThrow(lookupQuery, req.query)
    const keys = surnameKeys([query.lastName])
    if (keys.length === 0) throw new ApiError(400, 'validation_failed', 'lastName must contain letters', { field: 'lastName' })
    const rows = await db
      .selectFrom('persons')
      .selectAll()
      .select(sql<boolean>`exists (select 1 from alerts where alerts.person_id = persons.id and alerts.end_date is null)`.as('has_open_alerts'))
      .where('status', '=', 'active')
      .where('date_of_birth', '=', query.dateOfBirth)
      .where(sql<boolean>`last_name_keys && ${sql.val(keys)}::text[]`)
      .orderBy('trn')
      .limit(MAX_LOOKUP_RESULTS)
      .execute()
    res.json({ persons: rows.map((row) => ({ ...personSummary(row), hasOpenAlerts: row.has_open_alerts })) })
  })

  const changesSchema = z
    .strictObject({
      firstName: personName.optional(),
      middleName: clearable(personName),
      lastName: personName.optional(),
      dateOfBirth: dateOfBirth(options.clock).optional(),
      nationalInsuranceNumber: clearable(nationalInsuranceNumber),
      email: clearable(email),
      sex: clearable(z.enum(['female', 'male', 'other', 'not_provided'])),
      reason: z.string().trim().min(1).max(500).optional(),
    })
    .refine((body) => Object.keys(body).some((key) => key !== 'reason'), { message: 'Send at least one field to change', params: { code: 'no_changes' } })

  router.patch('/persons/:trn', requireRole('write'), async (req, res) => {
    const wanted = parseOrThrow(z.object({ trn }), { trn: req.params.trn }).trn
    const { reason, ...changes } = parseOrThrow(changesSchema, req.body)
    const outcome = await updatePerson(db, wanted, changes, { actor: `api-key:${apiClientOf(req).name}`, today: todayInEngland(options.clock), reason })
    switch (outcome.kind) {
      case 'not_found':
        throw new ApiError(404, 'person_not_found', `There is no teaching record with TRN ${wanted}`)
      case 'deactivated':
        throw new ApiError(410, 'record_deactivated', `The teaching record with TRN ${wanted} has been deactivated`)
      case 'merged':
        throw new ApiError(409, 'record_merged', `TRN ${wanted} was merged into TRN ${outcome.survivingTrn}; change that record instead`)
      case 'unchanged':
      case 'updated': {
        const lookup = await lookUpPerson(db, wanted)
        res.json(lookup.kind === 'found' ? lookup.person : {})
      }
    }
  })

  router.get('/persons/:trn/changes', requireRole('read'), async (req, res) => {
    const wanted = parseOrThrow(z.object({ trn }), { trn: req.params.trn }).trn
    const exists = await db.selectFrom('persons').select('id').where('trn', '=', wanted).executeTakeFirst()
    if (!exists) throw new ApiError(404, 'person_not_found', `There is no teaching record with TRN ${wanted}`)
    const events = await personChanges(db, wanted)
    res.json({
      changes: events.map((event) => ({ type: event.event_type, actor: event.actor, occurredAt: event.occurred_at, before: event.before, after: event.after })),
    })
  })

  return router
}

/** An optional field a client may also clear with null (or an empty string). */
function clearable<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? null : value), schema.nullable().optional())
}
