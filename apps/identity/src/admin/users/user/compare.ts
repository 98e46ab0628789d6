// What the person told us beside each record that might be theirs, field by field, and which fields agree. Pure.
import type { CandidateRecord } from '../../shared/records.ts'
import { formatDate } from '../../shared/format.ts'

/** What the person told us: their answers in the open ticket, or the account's own details when there is no ticket. */
export type StatedDetails = {
  firstName: string | null
  middleName: string | null
  lastName: string | null
  previousLastNames: string[]
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  /** How they answered the NI number question, when they were asked. */
  nationalInsuranceNumberAnswer?: 'given' | 'not_known' | 'none' | 'not_asked'
  trn: string | null
  trnAnswer?: 'given' | 'not_known' | 'none' | 'not_asked'
  /** null: not asked. */
  hasQts: boolean | null
}

export type ComparedField = 'firstName' | 'middleName' | 'lastName' | 'dateOfBirth' | 'nationalInsuranceNumber' | 'trn' | 'qts'

export const COMPARED_FIELDS: ReadonlyArray<{ field: ComparedField; label: string }> = [
  { field: 'firstName', label: 'First name' },
  { field: 'middleName', label: 'Middle name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'dateOfBirth', label: 'Date of birth' },
  { field: 'nationalInsuranceNumber', label: 'National Insurance number' },
  { field: 'trn', label: 'TRN' },
  { field: 'qts', label: 'Qualified teacher status (QTS)' },
]

/** `agrees`: both sides have it and it is the same; `differs`: both have it and it is not; `unknown`: one side lacks it. */
export type Agreement = 'agrees' | 'differs' | 'unknown'
export type ComparedValue = { text: string; agreement: Agreement }

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
const normalisedNi = (value: string) => value.replace(/[\s-]/g, '').toUpperCase()

function compareText(stated: string | null, recorded: string | null, equal: (a: string, b: string) => boolean = same): Agreement {
  if (!stated || !recorded) return 'unknown'
  return equal(stated, recorded) ? 'agrees' : 'differs'
}

function answerText(value: string | null, answer: StatedDetails['trnAnswer'], notGiven = ''): string {
  if (value) return value
  if (answer === 'not_known') return 'They do not know it'
  if (answer === 'none') return 'They do not have one'
  if (answer === 'not_asked') return 'Not asked'
  return notGiven
}

/** The person's side of the comparison, as the agent reads it. */
export function statedColumn(stated: StatedDetails): Record<ComparedField, string> {
  return {
    firstName: stated.firstName ?? '',
    middleName: stated.middleName ?? '',
    lastName: [stated.lastName, ...(stated.previousLastNames.length > 0 ? [`(previously ${stated.previousLastNames.join(', ')})`] : [])].filter(Boolean).join(' '),
    dateOfBirth: formatDate(stated.dateOfBirth),
    nationalInsuranceNumber: answerText(stated.nationalInsuranceNumber, stated.nationalInsuranceNumberAnswer),
    trn: answerText(stated.trn, stated.trnAnswer),
    qts: stated.hasQts === null ? 'Not asked' : stated.hasQts ? 'They said they have QTS' : 'They said they do not have QTS',
  }
}

/** One record's side, each field marked with whether it agrees with what the person told us. */
export function compareRecord(stated: StatedDetails, record: CandidateRecord): Record<ComparedField, ComparedValue> {
  const lastNames = [record.lastName, ...record.previousLastNames]
  const statedLastNames = [stated.lastName, ...stated.previousLastNames].filter((name): name is string => Boolean(name))
  const lastNameAgrees = statedLastNames.some((name) => lastNames.some((recorded) => same(name, recorded)))
  const qtsAgreement: Agreement = stated.hasQts === null ? 'unknown' : stated.hasQts === (record.qtsDate !== null) ? 'agrees' : 'differs'
  return {
    firstName: { text: record.firstName, agreement: compareText(stated.firstName, record.firstName) },
    middleName: { text: record.middleName ?? '', agreement: compareText(stated.middleName, record.middleName) },
    lastName: {
      text: [record.lastName, ...(record.previousLastNames.length > 0 ? [`(previously ${record.previousLastNames.join(', ')})`] : [])].join(' '),
      agreement: statedLastNames.length === 0 ? 'unknown' : lastNameAgrees ? 'agrees' : 'differs',
    },
    dateOfBirth: { text: formatDate(record.dateOfBirth), agreement: compareText(stated.dateOfBirth, record.dateOfBirth, (a, b) => a === b) },
    nationalInsuranceNumber: {
      text: record.nationalInsuranceNumber ?? '',
      agreement: compareText(stated.nationalInsuranceNumber, record.nationalInsuranceNumber, (a, b) => normalisedNi(a) === normalisedNi(b)),
    },
    trn: { text: record.trn, agreement: compareText(stated.trn, record.trn, (a, b) => a === b) },
    qts: { text: record.qtsDate ? `Awarded ${formatDate(record.qtsDate)}` : 'No QTS', agreement: qtsAgreement },
  }
}
