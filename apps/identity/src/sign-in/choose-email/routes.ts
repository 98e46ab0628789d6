import type { Router } from 'express'
import { z } from 'zod'
import { parseForm } from '../../../../../packages/kit/src/web/forms.ts'
import { recordEvent } from '../../events/record-event.ts'
import { publishUserEvent } from '../../webhooks/publish.ts'
import type { SignInDependencies } from '../dependencies.ts'
import { finishSignedIn } from '../finish.ts'
import { stepRoutes, type StepContext } from '../steps.ts'

const VIEW = 'sign-in/choose-email/choose-email'
const schema = z.object({ email: z.enum(['this', 'account'], { error: 'Select the email address you want to use' }) })

function addresses(context: StepContext) {
  return { thisEmail: context.state.answers.email as string, accountEmail: (context.state.trnOwner as { email: string }).email }
}

/**
 * /sign-in/choose-email: both addresses are proven, so the person picks the one their account keeps. The account
 * linked to the record keeps its `sub` (client services know them by it) and gets the chosen address.
 */
export function chooseEmailRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'choose-email', {
    get(context) {
      context.render(VIEW, addresses(context))
    },
    async post(context) {
      const form = parseForm(schema, context.req.body)
      if (!form.ok) return context.renderInvalid(VIEW, form, addresses(context))
      const { thisEmail, accountEmail } = addresses(context)
      const owner = context.state.trnOwner as { sub: string; email: string }
      const chosen = form.data.email === 'this' ? thisEmail : accountEmail
      const now = dependencies.clock.now()
      await finishSignedIn(dependencies, context, context.state, owner.sub, async (trx) => {
        if (chosen === accountEmail) return
        const before = await trx.selectFrom('users').selectAll().where('sub', '=', owner.sub).forUpdate().executeTakeFirstOrThrow()
        const after = await trx.updateTable('users').set({ email: chosen, email_verified: true, updated_at: now }).where('sub', '=', owner.sub).returningAll().executeTakeFirstOrThrow()
        await recordEvent(trx, {
          type: 'user_email_changed',
          actor: `user:${owner.sub}`,
          userSub: owner.sub,
          clientId: context.data.client.clientId,
          occurredAt: now,
          details: { reason: 'chose the address proven while registering with a teaching record linked to this account' },
        })
        await publishUserEvent(trx, { type: 'UserUpdated', before, after }, dependencies.clock)
      })
    },
  })
}
