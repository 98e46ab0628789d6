import { z } from 'zod'
import type { FormFieldError } from '../../../../../packages/kit/src/web/forms.ts'
import type { AnswerKey, RegistrationAnswers } from '../answers.ts'
import type { RegistrationState } from '../context.ts'
import type { RegistrationLookups } from '../lookups.ts'
import { SEARCH_RESULT_LIMIT } from '../lookups.ts'
import { schemaForm, type PageRequest, type StepDefinition, type StepId } from '../step.ts'

// Pages that find something in reference data without JavaScript: the person types a name (or a number) and
// searches (a GET form, so Back and reload behave), the matches appear on the same page as radios, and they
// choose one (a POST form that carries the search with it).

export const SEARCH_FIELD = 'search'
const SEARCH_MAX = 100

export type SearchResult = { value: string; text: string; hint: string }

export type SearchQuestion = {
  id: StepId
  title: string
  hint: string
  /** "Enter the name or URN of your school". */
  missingSearch: string
  /** Legend above the matches. */
  chooseLegend: string
  /** "Select your school". */
  missingChoice: string
  /** What the matches are, in "No {noun} found for ‘…’". */
  noun: string
  searchKey: AnswerKey
  choiceKey: AnswerKey
  /** The radios' name. */
  choiceField: string
  /** Rejects a value that is not (or no longer) a valid match of its format: it cannot be looked up. */
  choiceFormat: RegExp
  search(lookups: RegistrationLookups, query: string): Promise<SearchResult[]>
  /** The chosen value looked up again: undefined (or a message) when it cannot be chosen. */
  check(lookups: RegistrationLookups, value: string): Promise<{ ok: true } | { ok: false; message: string }>
  isAnswered(state: RegistrationState): boolean
  leadsTo: StepDefinition['leadsTo']
  next(state: RegistrationState): StepId | null
  summary: StepDefinition['summary']
}

function searchProblem(question: SearchQuestion, search: string): FormFieldError | undefined {
  if (search.length === 0) return { field: SEARCH_FIELD, message: question.missingSearch }
  if (search.length > SEARCH_MAX) return { field: SEARCH_FIELD, message: `What you search for must be ${SEARCH_MAX} characters or fewer` }
  return undefined
}

export function searchQuestion(question: SearchQuestion): StepDefinition {
  const stored = (state: RegistrationState, key: AnswerKey) => {
    const value = state.answers[key]
    return typeof value === 'string' ? value : undefined
  }

  async function view(state: RegistrationState, page: PageRequest, lookups: RegistrationLookups) {
    const asked = page.body?.[SEARCH_FIELD] ?? page.query[SEARCH_FIELD]
    const searched = typeof asked === 'string' ? asked.trim() : stored(state, question.searchKey)
    const base = {
      hint: question.hint,
      chooseLegend: question.chooseLegend,
      choiceField: question.choiceField,
      noun: question.noun,
      limit: SEARCH_RESULT_LIMIT,
    }
    if (searched === undefined) return { ...base, values: {} }
    const problem = searchProblem(question, searched)
    if (problem) return { ...base, values: { [SEARCH_FIELD]: searched }, problems: [problem] }
    const results = await question.search(lookups, searched)
    const chosen = stored(state, question.choiceKey)
    return {
      ...base,
      searched,
      results: results.map((result) => ({ value: result.value, text: result.text, hint: { text: result.hint } })),
      values: { [SEARCH_FIELD]: searched, [question.choiceField]: results.some((result) => result.value === chosen) ? chosen : undefined },
    }
  }

  const schema = z.object({
    [SEARCH_FIELD]: z.string().trim().max(SEARCH_MAX).optional(),
    [question.choiceField]: z.string({ error: question.missingChoice }).trim().regex(question.choiceFormat, question.missingChoice),
  })

  return {
    id: question.id,
    title: question.title,
    kind: 'question',
    answerKeys: [question.searchKey, question.choiceKey],
    leadsTo: question.leadsTo,
    next: question.next,
    isAnswered: question.isAnswered,
    view,
    form: schemaForm(schema, async (data, _state, lookups) => {
      const value = data[question.choiceField] as string
      const checked = await question.check(lookups, value)
      if (!checked.ok) return { errors: [{ field: question.choiceField, message: checked.message }] }
      const search = data[SEARCH_FIELD]
      return { answers: { [question.searchKey]: search || undefined, [question.choiceKey]: value } as Partial<RegistrationAnswers> }
    }),
    summary: question.summary,
  }
}
