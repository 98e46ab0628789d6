import { Router, type Request, type Response } from 'express'
import type { Transaction } from 'kysely'
import { canOpen, currentStep, previousStep, stepAfter } from '../../../../packages/kit/src/journeys/step-graph.ts'
import { PageError } from '../../../../packages/kit/src/web/errors.ts'
import type { FormErrors } from '../../../../packages/kit/src/web/forms.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { SignInDependencies } from './dependencies.ts'
import { signInJourney, type SignInState, type SignInStep } from './journey.ts'
import { JourneyChanged, type Journey, type JourneyClient, type JourneyData } from './journey-store.ts'

// What every page of the journey does before and after its own work: find the person's journey, refuse a page they
// cannot be on yet, work out where Back goes, save the answers and move on.

declare module 'express-session' {
  interface SessionData {
    /** The sign-in journey this browser is on (sign_in_journeys.id). */
    signInJourneyId?: string
  }
}

export const SIGN_IN_BASE = '/sign-in'

export function stepPath(step: SignInStep, options: { change?: boolean } = {}): string {
  return `${SIGN_IN_BASE}/${step}${options.change ? '?change=true' : ''}`
}

/** Pages that check a code: once it is accepted, going Back skips them, and opening them again moves on. */
const CODE_STEPS: readonly SignInStep[] = ['email-code', 'existing-account-code', 'trn-in-use']

export type Alongside = (trx: Transaction<IdentitySchema>) => Promise<void>

export type StepContext = {
  req: Request
  res: Response
  step: SignInStep
  journey: Journey
  data: JourneyData
  state: SignInState
  /** Came from check answers to change this answer: go back there afterwards. */
  changing: boolean
  backLink: string | undefined
  /** Renders the page's template with the back link, the service's name and whatever the page adds. */
  render(view: string, context?: Record<string, unknown>, status?: number): void
  /** The page again with its errors and what was typed (400). */
  renderInvalid(view: string, form: { errors: FormErrors; values: Record<string, unknown> }, context?: Record<string, unknown>): void
  /**
   * Saves the journey with `state` (and any other changes) and redirects to the step after this one. `alongside`
   * runs in the same transaction (a code sent, an account created), so it happens exactly when the save does.
   */
  advance(state: SignInState, changes?: Partial<JourneyData>, alongside?: Alongside): Promise<void>
  /** Saves without moving on. */
  save(changes: Partial<JourneyData>, alongside?: Alongside): Promise<Journey>
  redirectTo(step: SignInStep): void
}

/** "This page has expired": no journey in this browser, or it is more than two hours old. */
export function journeyExpired(client?: JourneyClient): PageError {
  return new PageError(400, 'sign-in/start/expired', { context: { client } })
}

export async function loadJourney(dependencies: SignInDependencies, req: Request): Promise<Journey> {
  const id = req.session.signInJourneyId
  const journey = id ? await dependencies.journeys.find(id) : undefined
  if (!journey) throw journeyExpired()
  if (journey.expiresAt.getTime() <= dependencies.clock.now().getTime()) throw journeyExpired(journey.data.client)
  return journey
}

function backLinkFor(step: SignInStep, state: SignInState, changing: boolean): string | undefined {
  if (changing) return stepPath('check-answers')
  if (state.signedInUserId) return undefined
  let previous = previousStep(signInJourney, step, state)
  while (previous && CODE_STEPS.includes(previous) && signInJourney.isAnswered(previous, state)) {
    previous = previousStep(signInJourney, previous, state)
  }
  return previous ? stepPath(previous) : undefined
}

export type StepHandlers = {
  get(context: StepContext): Promise<void> | void
  post?(context: StepContext): Promise<void> | void
}

/**
 * The routes of one step. A page the person cannot be on yet (a later question typed into the address bar) redirects
 * to where they should be; once they are signed in, every page but the last redirects to it.
 */
export function stepRoutes(dependencies: SignInDependencies, step: SignInStep, handlers: StepHandlers, path = `/${step}`): Router {
  const router = Router()

  async function contextFor(req: Request, res: Response): Promise<StepContext | undefined> {
    const journey = await loadJourney(dependencies, req)
    const state = journey.data.state
    const redirectTo = (target: SignInStep) => res.redirect(303, stepPath(target))
    if (state.signedInUserId && step !== 'complete') {
      redirectTo('complete')
      return undefined
    }
    if (!canOpen(signInJourney, step, state)) {
      redirectTo(currentStep(signInJourney, state))
      return undefined
    }
    const changing = req.query.change === 'true' && step !== 'check-answers'
    const backLink = backLinkFor(step, state, changing)
    const context: StepContext = {
      req,
      res,
      step,
      journey,
      data: journey.data,
      state,
      changing,
      backLink,
      render(view, extra = {}, status = 200) {
        res.status(status).render(view, { backLink, changing, client: journey.data.client, values: {}, ...extra })
      },
      renderInvalid(view, form, extra = {}) {
        context.render(view, { ...extra, errors: form.errors, values: form.values }, 400)
      },
      async save(changes, alongside) {
        const data = { ...context.data, ...changes }
        const saved = alongside
          ? await dependencies.db
              .transaction()
              .execute(async (trx) => {
                await alongside(trx)
                return dependencies.journeys.save(context.journey, data, trx)
              })
              .catch((error: unknown) => {
                // Another request of this journey created the same row first (a double submit).
                throw isUniqueViolation(error) ? new JourneyChanged() : error
              })
          : await dependencies.journeys.save(context.journey, data)
        context.journey = saved
        context.data = saved.data
        context.state = saved.data.state
        return saved
      },
      async advance(nextState, changes = {}, alongside) {
        await context.save({ ...changes, state: nextState }, alongside)
        const next = stepAfter(signInJourney, step, nextState, changing)
        res.redirect(303, stepPath(next, { change: changing && next !== 'check-answers' && next !== 'complete' }))
      },
      redirectTo,
    }
    return context
  }

  router.get(path, async (req, res) => {
    const context = await contextFor(req, res)
    if (context) await handlers.get(context)
  })
  if (handlers.post) {
    const post = handlers.post
    router.post(path, async (req, res) => {
      try {
        const context = await contextFor(req, res)
        if (context) await post(context)
      } catch (error) {
        // A second submit of the same page lost the race: show the page as the first one left it.
        if (error instanceof JourneyChanged && !res.headersSent) return res.redirect(303, `${SIGN_IN_BASE}${path}`)
        throw error
      }
    })
  }
  return router
}

/** Code pages: once the code is accepted, opening the page again goes on instead of asking for another. */
export function codeAlreadyAccepted(context: StepContext): boolean {
  if (!signInJourney.isAnswered(context.step, context.state)) return false
  context.redirectTo(stepAfter(signInJourney, context.step, context.state, false))
  return true
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

