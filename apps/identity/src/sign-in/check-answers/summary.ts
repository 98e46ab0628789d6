import { walk } from '../../../../../packages/kit/src/journeys/step-graph.ts'
import { signInJourney, type SignInState, type SignInStep } from '../journey.ts'
import { stepPath } from '../steps.ts'

/** A row of check answers; without `change` when it is the account's own detail, not an answer given here. */
export type SummaryRow = { key: string; value: string; change?: { href: string; label: string } }

export function fullName(state: SignInState): string {
  const { firstName, middleName, lastName } = state.answers
  return [firstName, middleName, lastName].filter(Boolean).join(' ')
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export function formatDate(isoDate: string | null | undefined): string {
  return isoDate ? longDate.format(new Date(`${isoDate}T00:00:00Z`)) : ''
}

/** The answers on the person's own path, each with a link that changes it and comes back here. */
export function summaryRows(state: SignInState): SummaryRow[] {
  const path = new Set(walk(signInJourney, state))
  const { answers } = state
  const row = (step: SignInStep, key: string, value: string, label: string): SummaryRow => ({ key, value, change: { href: stepPath(step, { change: true }), label } })
  const rows: SummaryRow[] = state.findingAccountRecord
    ? [
        { key: 'Email address', value: answers.email ?? '' },
        { key: 'Name', value: fullName(state) },
        { key: 'Date of birth', value: formatDate(answers.dateOfBirth) },
      ]
    : [
        row('email', 'Email address', answers.email ?? '', 'email address'),
        row('name', 'Name', fullName(state), 'name'),
        row('preferred-name', 'Preferred name', answers.preferredName ?? fullName(state), 'preferred name'),
        row('date-of-birth', 'Date of birth', formatDate(answers.dateOfBirth), 'date of birth'),
      ]
  if (path.has('has-ni-number')) {
    const value = !answers.hasNationalInsuranceNumber ? 'I do not have one' : (answers.nationalInsuranceNumber ?? 'I do not know it')
    rows.push(row('has-ni-number', 'National Insurance number', value, 'National Insurance number'))
  }
  if (path.has('has-trn')) {
    const value = !answers.hasTrn ? 'I do not have one' : (answers.trn ?? 'I do not know it')
    rows.push(row('has-trn', 'Teacher reference number (TRN)', value, 'teacher reference number'))
  }
  if (path.has('has-qts')) rows.push(row('has-qts', 'Awarded qualified teacher status (QTS)', answers.hasQts ? 'Yes' : 'No', 'whether you have QTS'))
  if (path.has('itt-provider')) rows.push(row('itt-provider', 'Where you trained to teach', answers.ittProvider ?? 'I do not know', 'where you trained to teach'))
  return rows
}
