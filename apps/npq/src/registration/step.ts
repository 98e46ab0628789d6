import type { z } from 'zod'
import { parseForm, type FormFieldError, type FormResult } from '../../../../packages/kit/src/web/forms.ts'
import type { AnswerKey, RegistrationAnswers } from './answers.ts'
import type { RegistrationState } from './context.ts'
import type { RegistrationLookups } from './lookups.ts'

// What every step of the registration flow declares. A step's URL is /registration/<id>; its template is
// steps/<id>/<id>.njk beside its step.ts.

export const STEP_IDS = [
  'course-start-date',
  'provider-check',
  'choose-an-npq-and-provider',
  'teacher-catchment',
  'work-setting',
  'choose-school',
  'school-not-in-england',
  'kind-of-nursery',
  'choose-childcare-provider',
  'have-ofsted-urn',
  'choose-private-childcare-provider',
  'your-employment',
  'your-role',
  'your-employer',
  'itt-provider',
  'referred-by-return-to-teaching-adviser',
  'choose-your-npq',
  'npqh-status',
  'ehco-unavailable',
  'ehco-headteacher',
  'ehco-new-headteacher',
  'maths-eligibility-teaching-for-mastery',
  'maths-understanding-of-approach',
  'maths-cannot-register',
  'senco-in-role',
  'senco-start-date',
  'possible-funding',
  'ineligible-for-funding',
  'funding-your-ehco',
  'funding-your-npq',
  'choose-your-provider',
  'share-provider',
  'check-answers',
] as const

export type StepId = (typeof STEP_IDS)[number]

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value)
}

/** How a step's page was asked for: the query string matters to search pages. */
export type PageRequest = {
  query: Record<string, unknown>
  /** What was posted, when the page is shown again with errors. */
  body?: Record<string, unknown>
}

/** A posted answer: the answers to store, or problems to show on the page (with anything else it needs). */
export type SaveOutcome = { answers: Partial<RegistrationAnswers> } | { errors: FormFieldError[]; view?: Record<string, unknown> }

export type StepForm = {
  read(body: unknown): FormResult<unknown>
  save(data: unknown, state: RegistrationState, lookups: RegistrationLookups): Promise<SaveOutcome> | SaveOutcome
}

export type SummaryRow = { key: string; value: string; /** False for rows that are not answers (the funding outcome). */ changeable?: boolean }

export type StepDefinition = {
  id: StepId
  /** The page's heading: the question, or what an information page says. */
  title: string
  /**
   * `question`: asks something; `information`: explains and moves on with Continue; `stop`: the person cannot go
   * on from here (they can go back and change an answer); `check-answers`: the end, where they submit.
   */
  kind: 'question' | 'information' | 'stop' | 'check-answers'
  /** The answers this step stores: only those of steps on the person's path count. */
  answerKeys: readonly AnswerKey[]
  /** Every step `next` can return, with when (for drawing the flow and for checking it). */
  leadsTo: Partial<Record<StepId, string>>
  next(state: RegistrationState): StepId | null
  isAnswered(state: RegistrationState): boolean
  /** What the template needs besides the title: options, the answer so far as `values`. */
  view?(state: RegistrationState, page: PageRequest, lookups: RegistrationLookups): Promise<Record<string, unknown>> | Record<string, unknown>
  form?: StepForm
  /** The step's rows on check answers; each gets a Change link to the step. */
  summary?(state: RegistrationState): SummaryRow[]
}

/** A form whose fields are checked by a zod schema written with GOV.UK error messages. */
export function schemaForm<Schema extends z.ZodType>(
  schema: Schema,
  save: (data: z.output<Schema>, state: RegistrationState, lookups: RegistrationLookups) => Promise<SaveOutcome> | SaveOutcome,
  options: { ids?: Record<string, string> } = {},
): StepForm {
  return {
    read: (body) => parseForm(schema, body, options),
    save: (data, state, lookups) => save(data as z.output<Schema>, state, lookups),
  }
}

/** A page with nothing to answer that records that the person has read it (the funding outcome pages). */
export function continueForm(save: (state: RegistrationState) => Partial<RegistrationAnswers>): StepForm {
  return { read: () => ({ ok: true, data: {} }), save: (_data, state) => ({ answers: save(state) }) }
}

export function defineStep(step: StepDefinition): StepDefinition {
  return step
}

/** The stop pages: nothing to answer, nowhere to go but back. */
export function stopStep(id: StepId, title: string): StepDefinition {
  return { id, title, kind: 'stop', answerKeys: [], leadsTo: {}, next: () => null, isAnswered: () => false }
}

export function stepPath(step: StepId, options: { change?: boolean } = {}): string {
  return `/registration/${step}${options.change ? '?change=true' : ''}`
}

/** A radio button's label (and hint) for each value, in the order shown. */
export type Choice<Value extends string> = { value: Value; text: string; hint?: string }

export function choiceText<Value extends string>(choices: ReadonlyArray<Choice<Value>>, value: string | undefined): string {
  return choices.find((choice) => choice.value === value)?.text ?? ''
}

/** govukRadios items. */
export function radioItems<Value extends string>(choices: ReadonlyArray<Choice<Value>>) {
  return choices.map((choice) => ({ value: choice.value, text: choice.text, ...(choice.hint ? { hint: { text: choice.hint } } : {}) }))
}
