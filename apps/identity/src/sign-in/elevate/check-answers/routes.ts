import type { Router } from 'express'
import { trnHeldByAnotherAccount } from '../../../users/users.ts'
import type { SignInDependencies } from '../../dependencies.ts'
import { changeAccountRecord, finishSignedIn } from '../../finish.ts'
import { accessFor } from '../../../users/service-access.ts'
import { matchDetails } from '../../records-lookup.ts'
import { stepPath, stepRoutes, type StepContext } from '../../steps.ts'
import { verifiesStrictly } from '../strict-verification.ts'

const VIEW = 'sign-in/check-answers/check-answers'
const PAGE = {
  formAction: stepPath('elevate/check-answers'),
  intro: 'We’ll check these details against the teaching record linked to your DfE Identity account.',
}

function rows(context: StepContext) {
  const { answers } = context.state
  return [
    { key: 'National Insurance number', value: answers.nationalInsuranceNumber ?? '', change: { href: stepPath('elevate/ni-number'), label: 'National Insurance number' } },
    { key: 'Teacher reference number (TRN)', value: answers.trn ?? '', change: { href: stepPath('elevate/trn'), label: 'teacher reference number' } },
  ]
}

/**
 * /sign-in/elevate/check-answers: the NI number and TRN are checked against the records with the strict policy. When
 * they verify the TRN (the account's, or one no other account has), the account's TRN becomes medium-verified; either
 * way the journey ends signed in, and the completion page says which.
 */
export function elevateCheckAnswersRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'elevate/check-answers', {
    get(context) {
      context.render(VIEW, { ...PAGE, rows: rows(context) })
    },
    async post(context) {
      const { state, data } = context
      const sub = state.existingUserId as string
      const statedTrn = state.answers.trn as string
      const details = matchDetails(state)
      const answer = details ? await dependencies.records.match(details) : ({ outcome: 'none' } as const)
      if (answer.outcome === 'unavailable') {
        dependencies.logger.warn({ reason: answer.reason }, 'teaching record matcher unavailable; the TRN cannot be verified yet')
        return context.render(VIEW, { ...PAGE, rows: rows(context), unavailable: true }, 503)
      }
      const verified = verifiesStrictly(answer, statedTrn) && !(await trnHeldByAnotherAccount(dependencies.db, statedTrn, sub))
      if (!verified) return finishSignedIn(dependencies, context, { ...state, elevation: 'not_verified' }, sub)
      const access = await accessFor(dependencies.records, data.client, statedTrn)
      await context.advance({ ...state, signedInUserId: sub, elevation: 'verified' }, { finished: { outcome: 'signed-in', access } }, async (trx) => {
        await changeAccountRecord(trx, dependencies, {
          sub,
          client: data.client,
          event: 'user_trn_verified',
          reason: `Verified when signing in to ${data.client.name}`,
          set: { trn: statedTrn, trn_lookup_status: 'Found', trn_verification_level: 'medium' },
          alreadyChanged: (account) => account.trn === statedTrn && account.trn_verification_level === 'medium',
        })
      })
    },
  })
}
