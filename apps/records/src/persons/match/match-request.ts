import { z } from 'zod'
import type { Clock } from '../../../../../packages/kit/src/clock.ts'
import type { MatchQuery } from '../../matching/types.ts'
import { dateOfBirth, email, nationalInsuranceNumber, optional, personName, trn } from '../person-fields.ts'

/** The details a person gives about themselves; shared by matching and TRN requests. */
export function personDetailsSchema(clock: Clock) {
  return z.strictObject({
    firstName: personName,
    middleName: optional(personName),
    lastName: personName,
    previousLastNames: optional(z.array(personName).max(10)),
    dateOfBirth: dateOfBirth(clock),
    nationalInsuranceNumber: optional(nationalInsuranceNumber),
    trn: optional(trn),
    email: optional(email),
  })
}

export type PersonDetails = z.output<ReturnType<typeof personDetailsSchema>>

export function toMatchQuery(details: PersonDetails): MatchQuery {
  return {
    firstName: details.firstName,
    lastName: details.lastName,
    dateOfBirth: details.dateOfBirth,
    ...(details.middleName ? { middleName: details.middleName } : {}),
    ...(details.previousLastNames?.length ? { previousLastNames: details.previousLastNames } : {}),
    ...(details.nationalInsuranceNumber ? { nationalInsuranceNumber: details.nationalInsuranceNumber } : {}),
    ...(details.trn ? { trn: details.trn } : {}),
    ...(details.email ? { email: details.email } : {}),
  }
}
