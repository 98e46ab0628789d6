import { z } from 'zod'
import type { AnswerKey, RegistrationAnswers } from '../answers.ts'
import type { RegistrationState } from '../context.ts'
import { choiceText, radioItems, schemaForm, type Choice, type StepDefinition, type StepId } from '../step.ts'

// The shapes most questions share: pick one of some radios, or type a short answer.

type KeysOf<Value> = { [K in AnswerKey]-?: NonNullable<RegistrationAnswers[K]> extends Value ? (Value extends NonNullable<RegistrationAnswers[K]> ? K : never) : never }[AnswerKey]

export type RadioQuestion<Value extends string> = {
  id: StepId
  title: string
  hint?: string
  field: KeysOf<Value>
  choices: ReadonlyArray<Choice<Value>>
  /** GOV.UK wording for nothing selected: "Select …". */
  missing: string
  leadsTo: StepDefinition['leadsTo']
  next(state: RegistrationState): StepId | null
  /** The row's key on check answers; no row when absent. */
  summaryKey?: string
  /** Yes/no questions sit side by side. */
  inline?: boolean
}

/** A question answered by one radio button, stored as its value. */
export function radioQuestion<Value extends string>(question: RadioQuestion<Value>): StepDefinition {
  const values = question.choices.map((choice) => choice.value) as [Value, ...Value[]]
  const field = question.field
  const stored = (state: RegistrationState) => state.answers[field] as string | undefined
  return {
    id: question.id,
    title: question.title,
    kind: 'question',
    answerKeys: [field],
    leadsTo: question.leadsTo,
    next: question.next,
    isAnswered: (state) => values.includes(stored(state) as Value),
    view: (state) => ({
      field,
      hint: question.hint,
      inline: question.inline ?? false,
      items: radioItems(question.choices),
      values: { [field]: stored(state) },
    }),
    form: schemaForm(z.object({ [field]: z.enum(values, { error: question.missing }) }), (data) => ({ answers: data as Partial<RegistrationAnswers> })),
    ...(question.summaryKey ? { summary: (state: RegistrationState) => [{ key: question.summaryKey as string, value: choiceText(question.choices, stored(state)) }] } : {}),
  }
}

export const YES_NO_CHOICES: ReadonlyArray<Choice<'yes' | 'no'>> = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
]

export type TextQuestion = {
  id: StepId
  title: string
  hint?: string
  field: KeysOf<string>
  /** "Enter …". */
  missing: string
  maxLength: number
  /** "… must be N characters or fewer". */
  tooLong: string
  leadsTo: StepDefinition['leadsTo']
  next(state: RegistrationState): StepId | null
  summaryKey: string
}

/** A question answered in a short text field. */
export function textQuestion(question: TextQuestion): StepDefinition {
  const field = question.field
  const stored = (state: RegistrationState) => state.answers[field] as string | undefined
  const schema = z.object({
    [field]: z.string({ error: question.missing }).trim().min(1, question.missing).max(question.maxLength, question.tooLong),
  })
  return {
    id: question.id,
    title: question.title,
    kind: 'question',
    answerKeys: [field],
    leadsTo: question.leadsTo,
    next: question.next,
    isAnswered: (state) => typeof stored(state) === 'string',
    view: (state) => ({ field, hint: question.hint, values: { [field]: stored(state) } }),
    form: schemaForm(schema, (data) => ({ answers: data as Partial<RegistrationAnswers> })),
    summary: (state) => [{ key: question.summaryKey, value: stored(state) ?? '' }],
  }
}
