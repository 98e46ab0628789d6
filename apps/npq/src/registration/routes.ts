import { Router, type Request, type Response } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { canOpen, currentStep, previousStep, stepAfter } from '../../../../packages/kit/src/journeys/step-graph.ts'
import type { Logger } from '../../../../packages/kit/src/logger.ts'
import { pageNotFoundError } from '../../../../packages/kit/src/web/errors.ts'
import { enteredValues, formErrors, renderInvalidForm, type FormErrors, type FormFieldError } from '../../../../packages/kit/src/web/forms.ts'
import type { NpqSchema, User } from '../database/schema.ts'
import { requireSignIn } from '../sign-in/session.ts'
import type { RegistrationState } from './context.ts'
import { readDraft, saveAnswers, type Draft } from './drafts.ts'
import { answeredPath, registrationFlow, STEPS } from './flow.ts'
import { createLookups, loadContext } from './load-context.ts'
import { isStepId, stepPath, type PageRequest, type StepDefinition, type StepId } from './step.ts'
import { submitRegistration } from './submission.ts'

// One controller for every step of the registration: /registration/<step>. GET shows the step if the person's
// path has reached it (otherwise it sends them to where they are), POST checks and saves the answer and moves on
// along the flow. Everything specific to a step is in steps/<step>/step.ts.

export type RegistrationDependencies = {
  db: Kysely<NpqSchema>
  clock: Clock
  /** The service's own address, for the link in the confirmation email. */
  baseUrl: string
  logger?: Logger
}

type Loaded = { user: User; draft: Draft; state: RegistrationState }

const submitSchema = z.object({ draftVersion: z.coerce.number().int().min(1).max(2_147_483_647) })

export function registrationRouter(dependencies: RegistrationDependencies): Router {
  const db = dependencies.db
  const { clock } = dependencies
  const lookups = createLookups(db)
  const router = Router()
  router.use(requireSignIn(dependencies.db))

  async function load(res: Response): Promise<Loaded> {
    const user = res.locals.user as User
    const draft = await readDraft(db, user.id)
    return { user, draft, state: { answers: draft.answers, context: await loadContext(db, user, draft.answers, clock) } }
  }

  const redirectTo = (res: Response, step: StepId, options: { change?: boolean } = {}) => res.redirect(303, stepPath(step, options))

  function backLinkFor(step: StepId, state: RegistrationState, changing: boolean): string {
    if (changing) return stepPath('check-answers')
    const previous = previousStep(registrationFlow, step, state)
    return previous ? stepPath(previous) : '/'
  }

  async function render(
    res: Response,
    step: StepDefinition,
    loaded: Loaded,
    page: PageRequest & { changing: boolean },
    problem?: { errors: FormErrors; values: Record<string, unknown>; view?: Record<string, unknown> },
  ) {
    const view: Record<string, unknown> = step.view ? await step.view(loaded.state, page, lookups) : {}
    const template = `registration/steps/${step.id}/${step.id}`
    const context = {
      values: {},
      ...view,
      ...problem?.view,
      title: (view.title as string | undefined) ?? step.title,
      user: loaded.user,
      changing: page.changing,
      backLink: backLinkFor(step.id, loaded.state, page.changing),
      path: stepPath(step.id),
      action: stepPath(step.id, { change: page.changing }),
    }
    if (problem) return renderInvalidForm(res, template, { ...context, errors: problem.errors, values: problem.values })
    // A search page asked to search for nothing (or far too much).
    const problems = view.problems as FormFieldError[] | undefined
    if (problems && problems.length > 0) return renderInvalidForm(res, template, { ...context, errors: formErrors(problems), values: context.values as Record<string, unknown> })
    res.render(template, context)
  }

  function renderCheckAnswers(res: Response, loaded: Loaded, status = 200, errors?: FormErrors) {
    const { state } = loaded
    const rows = answeredPath(state).flatMap((id) =>
      (STEPS[id].summary?.(state) ?? []).map((row) => ({
        key: { text: row.key },
        value: { text: row.value },
        ...(row.changeable === false
          ? {}
          : { actions: { items: [{ href: stepPath(id, { change: true }), text: 'Change', visuallyHiddenText: row.key.toLowerCase() }] } }),
      })),
    )
    res.status(status).render('registration/steps/check-answers/check-answers', {
      title: STEPS['check-answers'].title,
      rows,
      errors,
      user: loaded.user,
      trnPending: state.context.trnLookupStatus === 'Pending',
      draftVersion: loaded.draft.version,
      backLink: backLinkFor('check-answers', state, false),
    })
  }

  function stepOf(req: Request): StepDefinition {
    const id = String(req.params.step)
    if (!isStepId(id)) throw pageNotFoundError()
    return STEPS[id]
  }

  router.get('/', async (_req, res) => {
    const { state } = await load(res)
    redirectTo(res, currentStep(registrationFlow, state))
  })

  router.get('/:step', async (req, res) => {
    const step = stepOf(req)
    const loaded = await load(res)
    // A page further on than the person has got (a deep link, a bookmark) sends them to where they are.
    if (!canOpen(registrationFlow, step.id, loaded.state)) return redirectTo(res, currentStep(registrationFlow, loaded.state))
    if (step.kind === 'check-answers') return renderCheckAnswers(res, loaded)
    await render(res, step, loaded, { query: req.query as Record<string, unknown>, changing: req.query.change === 'true' })
  })

  router.post('/:step', async (req, res) => {
    const step = stepOf(req)
    const loaded = await load(res)
    // Submitting checks the path itself, after finding any application this same submit made already (a double
    // click finds the draft emptied by the first).
    if (step.kind === 'check-answers') return submit(req, res, loaded)
    if (!canOpen(registrationFlow, step.id, loaded.state)) return redirectTo(res, currentStep(registrationFlow, loaded.state))
    if (!step.form) throw pageNotFoundError()
    const changing = req.query.change === 'true'
    const page = { query: req.query as Record<string, unknown>, body: enteredValues(req.body), changing }
    const form = step.form.read(req.body)
    if (!form.ok) return render(res, step, loaded, page, { errors: form.errors, values: form.values })
    const outcome = await step.form.save(form.data, loaded.state, lookups)
    if ('errors' in outcome) return render(res, step, loaded, page, { errors: formErrors(outcome.errors), values: enteredValues(req.body), view: outcome.view })

    const saved = await saveAnswers(db, loaded.user.id, loaded.draft, outcome.answers, clock)
    const state: RegistrationState = { answers: saved.answers, context: await loadContext(db, loaded.user, saved.answers, clock) }
    const next = stepAfter(registrationFlow, step.id, state, changing)
    // A change that opens a new question (yes where it was no) asks it, then comes back to check answers.
    redirectTo(res, next, { change: changing && next !== 'check-answers' })
  })

  async function submit(req: Request, res: Response, loaded: Loaded) {
    const form = submitSchema.safeParse(enteredValues(req.body))
    const whereTheyAre = () => redirectTo(res, currentStep(registrationFlow, loaded.state))
    if (!form.success) return whereTheyAre()
    const result = await submitRegistration({ db, clock, baseUrl: dependencies.baseUrl }, loaded.user, form.data.draftVersion)
    switch (result.outcome) {
      case 'submitted':
        dependencies.logger?.info({ applicationId: result.applicationId, userId: loaded.user.id }, 'registration submitted')
        return res.redirect(303, `/account/registrations/${result.applicationId}?submitted=true`)
      case 'already-submitted':
        return res.redirect(303, `/account/registrations/${result.applicationId}?submitted=true`)
      // Changed in another tab since the page was shown: show the answers as they are now.
      case 'draft-changed':
      case 'not-ready':
        return whereTheyAre()
      case 'trn-pending':
        return renderCheckAnswers(res, loaded, 403)
      case 'already-registered':
        return renderCheckAnswers(
          res,
          loaded,
          409,
          formErrors([
            {
              field: 'courseIdentifier',
              message: `You have already registered for the ${result.courseName} starting in ${result.cohortDescription}. You cannot register for it again while the provider decides on that registration. Choose a different course, or see your registrations`,
              href: stepPath('choose-your-npq', { change: true }),
            },
          ]),
        )
    }
  }

  return router
}
