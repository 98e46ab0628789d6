// What a helpdesk ticket for a Pending teaching record lookup says: when one is raised, the snapshot of everything an
// agent needs to link the record by hand, and the plain text an agent reads in Zendesk. Pure functions only.
import type { TrnLookupStatus } from '../database/schema.ts'
import type { SignInAnswers } from '../sign-in/journey.ts'
import type { TicketOutcome } from './schema.ts'

export const TICKET_REASONS = ['possible_match', 'stated_trn_not_found', 'stated_qts_not_found', 'records_unavailable'] as const
export type TicketReason = (typeof TICKET_REASONS)[number]

/** What the person told the journey. Previous last names are optional: the journey does not ask for them yet. */
export type PendingLookupAnswers = SignInAnswers & { previousLastNames?: readonly string[] }

/** A teaching record's details, as the records service returns them (`getRecord`). */
export type CandidateRecord = {
  firstName: string
  middleName: string | null
  lastName: string
  previousLastNames?: readonly string[]
  dateOfBirth: string | null
}

/** One of the matcher's `possible` candidates with its record's details (null when the record could not be read). */
export type CandidateDetails = { trn: string; score: number; reasons: readonly string[]; record: CandidateRecord | null }

/** How the lookup ended: the account's `trn_lookup_status`, and what the matcher last answered. */
export type LookupOutcome = {
  status: TrnLookupStatus | null
  matcher: 'match' | 'possible' | 'none' | 'unavailable'
  candidates?: readonly CandidateDetails[]
}

/** The client service's settings that decide whether it raises tickets. */
export type TicketRaisingClient = { raiseTrnSupportTickets: boolean }
export type TicketClient = { clientId: string; name: string; trnRequired: boolean }
export type TicketUser = { sub: string; email: string }

/** How someone answered an optional question: the value, "I don't know it", "I don't have one", or never asked. */
export type Answered = 'given' | 'not_known' | 'none' | 'not_asked'

export type CandidateSnapshot = {
  trn: string
  score: number
  firstName: string | null
  middleName: string | null
  lastName: string | null
  previousLastNames: string[]
  dateOfBirth: string | null
  /** The fields on which the record agrees outright with what the person told us (names count nicknames and previous names). */
  matchedFields: MatchedField[]
  /** The matcher's reason codes, kept as given. */
  reasons: string[]
}

export type TicketSnapshot = {
  reason: TicketReason
  userSub: string
  person: {
    firstName: string
    middleName: string | null
    lastName: string
    preferredName: string | null
    previousLastNames: string[]
    email: string
    dateOfBirth: string | null
    nationalInsuranceNumber: string | null
    nationalInsuranceNumberAnswer: Answered
    statedTrn: string | null
    trnAnswer: Answered
    /** null: not asked (the strict match policy does not ask about QTS). */
    hasQts: boolean | null
    ittProvider: string | null
  }
  client: { clientId: string; name: string; trnRequired: boolean }
  candidates: CandidateSnapshot[]
}

/** A later Pending lookup for someone whose ticket is still open: added to that ticket. */
export type FurtherLookup = { raisedAt: string; snapshot: TicketSnapshot }

export type TicketContent = { reason: TicketReason; snapshot: TicketSnapshot; subject: string; body: string }

const MATCHED_FIELDS = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'nationalInsuranceNumber', 'trn', 'email'] as const
export type MatchedField = (typeof MATCHED_FIELDS)[number]

/** Why a lookup needs a person to look at it, or null when it does not (it was not Pending). */
export function ticketReason(lookup: LookupOutcome, answers: PendingLookupAnswers): TicketReason | null {
  if (lookup.status !== 'Pending') return null
  if (lookup.matcher === 'possible') return 'possible_match'
  if (lookup.matcher === 'unavailable') return 'records_unavailable'
  if (lookup.matcher !== 'none') return null
  if (answers.hasTrn && answers.trn) return 'stated_trn_not_found'
  if (answers.hasQts) return 'stated_qts_not_found'
  return null
}

/** Only services that ask for tickets get them, and only for lookups that ended Pending. */
export function shouldRaiseTicket(client: TicketRaisingClient, lookup: LookupOutcome, answers: PendingLookupAnswers): boolean {
  return client.raiseTrnSupportTickets && ticketReason(lookup, answers) !== null
}

/**
 * The ticket for a lookup that ended Pending: the snapshot kept with it, and the subject and body an agent reads.
 * null when the lookup gives no reason for one. The names are the ones the person typed (no record was linked), the
 * email the verified one on their account.
 */
export function ticketFromPendingLookup(answers: PendingLookupAnswers, lookup: LookupOutcome, client: TicketClient, user: TicketUser): TicketContent | null {
  const reason = ticketReason(lookup, answers)
  if (!reason) return null
  const snapshot: TicketSnapshot = {
    reason,
    userSub: user.sub,
    person: {
      firstName: answers.firstName ?? '',
      middleName: answers.middleName || null,
      lastName: answers.lastName ?? '',
      preferredName: answers.preferredName || null,
      previousLastNames: [...(answers.previousLastNames ?? [])],
      email: user.email,
      dateOfBirth: answers.dateOfBirth ?? null,
      nationalInsuranceNumber: answers.hasNationalInsuranceNumber ? (answers.nationalInsuranceNumber ?? null) : null,
      nationalInsuranceNumberAnswer: answered(answers.hasNationalInsuranceNumber, answers.nationalInsuranceNumber),
      statedTrn: answers.hasTrn ? (answers.trn ?? null) : null,
      trnAnswer: answered(answers.hasTrn, answers.trn),
      hasQts: answers.hasQts ?? null,
      ittProvider: answers.hasQts ? (answers.ittProvider ?? null) : null,
    },
    client: { clientId: client.clientId, name: client.name, trnRequired: client.trnRequired },
    candidates: reason === 'possible_match' ? (lookup.candidates ?? []).map(candidateSnapshot) : [],
  }
  return { reason, snapshot, subject: ticketSubject(snapshot), body: ticketBody(snapshot) }
}

function answered(has: boolean | undefined, value: string | null | undefined): Answered {
  if (has === undefined) return 'not_asked'
  if (!has) return 'none'
  return value ? 'given' : 'not_known'
}

function candidateSnapshot(candidate: CandidateDetails): CandidateSnapshot {
  return {
    trn: candidate.trn,
    score: candidate.score,
    firstName: candidate.record?.firstName ?? null,
    middleName: candidate.record?.middleName || null,
    lastName: candidate.record?.lastName ?? null,
    previousLastNames: [...(candidate.record?.previousLastNames ?? [])],
    dateOfBirth: candidate.record?.dateOfBirth ?? null,
    matchedFields: matchedFields(candidate.reasons),
    reasons: [...candidate.reasons],
  }
}

// The records matcher's reason codes (apps/records matching/score.ts): for each, the field it is about, whether the
// field agrees outright, and how an agent would say it.
type ReasonMeaning = { field: MatchedField; agrees: boolean; words: string }
const REASONS: Readonly<Record<string, ReasonMeaning>> = {
  first_name_exact: { field: 'firstName', agrees: true, words: 'same' },
  first_name_previous: { field: 'firstName', agrees: true, words: 'a previous first name' },
  first_name_nickname: { field: 'firstName', agrees: true, words: 'nickname' },
  first_name_typo: { field: 'firstName', agrees: false, words: 'spelt differently' },
  first_name_matches_middle_name: { field: 'firstName', agrees: false, words: 'their middle name' },
  first_name_initial: { field: 'firstName', agrees: false, words: 'initial only' },
  first_name_different: { field: 'firstName', agrees: false, words: 'different' },
  middle_name_matches: { field: 'middleName', agrees: true, words: 'same' },
  middle_name_typo: { field: 'middleName', agrees: false, words: 'spelt differently' },
  middle_name_initial: { field: 'middleName', agrees: false, words: 'initial only' },
  middle_name_different: { field: 'middleName', agrees: false, words: 'different' },
  last_name_exact: { field: 'lastName', agrees: true, words: 'same' },
  last_name_previous: { field: 'lastName', agrees: true, words: 'a previous last name on the record' },
  last_name_stated_previous: { field: 'lastName', agrees: true, words: 'their previous last name' },
  last_name_part: { field: 'lastName', agrees: false, words: 'part of it' },
  last_name_typo: { field: 'lastName', agrees: false, words: 'spelt differently' },
  last_name_different: { field: 'lastName', agrees: false, words: 'different' },
  date_of_birth_exact: { field: 'dateOfBirth', agrees: true, words: 'same' },
  date_of_birth_day_month_swapped: { field: 'dateOfBirth', agrees: false, words: 'day and month swapped' },
  date_of_birth_one_digit_different: { field: 'dateOfBirth', agrees: false, words: 'one digit different' },
  date_of_birth_digits_transposed: { field: 'dateOfBirth', agrees: false, words: 'two digits swapped' },
  date_of_birth_different: { field: 'dateOfBirth', agrees: false, words: 'different' },
  date_of_birth_not_on_record: { field: 'dateOfBirth', agrees: false, words: 'not on the record' },
  national_insurance_number_matches: { field: 'nationalInsuranceNumber', agrees: true, words: 'same' },
  national_insurance_number_one_digit_different: { field: 'nationalInsuranceNumber', agrees: false, words: 'one digit different' },
  national_insurance_number_one_letter_different: { field: 'nationalInsuranceNumber', agrees: false, words: 'one letter different' },
  national_insurance_number_digits_transposed: { field: 'nationalInsuranceNumber', agrees: false, words: 'two digits swapped' },
  national_insurance_number_different: { field: 'nationalInsuranceNumber', agrees: false, words: 'different' },
  trn_stated_matches: { field: 'trn', agrees: true, words: 'same' },
  trn_stated_one_digit_different: { field: 'trn', agrees: false, words: 'one digit different' },
  trn_stated_digits_transposed: { field: 'trn', agrees: false, words: 'two digits swapped' },
  trn_stated_different: { field: 'trn', agrees: false, words: 'different' },
  email_matches: { field: 'email', agrees: true, words: 'same' },
  email_different: { field: 'email', agrees: false, words: 'different' },
}
const NOTES: Readonly<Record<string, string>> = {
  other_plausible_record: 'another record is as likely',
  name_too_common_to_match: 'name too common to be sure',
}

/** The fields a candidate agrees on outright, in a fixed order. */
export function matchedFields(reasons: readonly string[]): MatchedField[] {
  const agreed = new Set(reasons.map((code) => REASONS[code]).filter((meaning) => meaning?.agrees).map((meaning) => meaning?.field))
  return MATCHED_FIELDS.filter((field) => agreed.has(field))
}

const FIELD_LABELS: Readonly<Record<MatchedField, string>> = {
  firstName: 'first name',
  middleName: 'middle name',
  lastName: 'last name',
  dateOfBirth: 'date of birth',
  nationalInsuranceNumber: 'NI number',
  trn: 'TRN',
  email: 'email',
}

export function ticketSubject(snapshot: TicketSnapshot): string {
  return `[Get an identity] - Support request from ${fullName(snapshot.person)}`
}

/**
 * The plain text an agent reads: why the ticket exists and what to do, what the person told us, the candidate records
 * side by side with what agrees, then any later lookups. Each later lookup carries a reference line, so a note that
 * adds one can tell whether it is there already.
 */
export function ticketBody(snapshot: TicketSnapshot, further: readonly FurtherLookup[] = [], ticketId?: string): string {
  const sections = [
    `${whyText(snapshot)}`,
    `What to do: find their teaching record and assign its TRN to their account (account ID ${snapshot.userSub}). ` +
      'If they have no teaching record, record that they have no TRN. Either closes this request.',
    personSection(snapshot),
    candidatesSection(snapshot),
    ...further.map((lookup, index) => furtherLookupText(lookup, index + 1, ticketId)),
  ]
  return sections.filter(Boolean).join('\n\n') + '\n'
}

/** A later lookup on its own (the text of a note added to a ticket already in Zendesk). */
export function furtherLookupText(lookup: FurtherLookup, number: number, ticketId?: string): string {
  return [
    `LATER LOOKUP ${number}, ${dateTimeText(lookup.raisedAt)}`,
    ...(ticketId ? [furtherLookupReference(ticketId, number)] : []),
    whyText(lookup.snapshot),
    personSection(lookup.snapshot),
    candidatesSection(lookup.snapshot),
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** The line that identifies a later lookup in Zendesk, whether it came in the description or in a note. */
export function furtherLookupReference(ticketId: string, number: number): string {
  return `Reference: ${ticketId} lookup ${number + 1}`
}

/** How a ticket was closed: the facts the closing note reports. */
export type TicketClosure = { ticketId: string; outcome: TicketOutcome; closedBy: string; closedAt: Date; assignedTrn: string | null }

/**
 * The note that closes the Zendesk ticket: why, who closed it and when. Its reference line lets a retry tell whether
 * the note is there already.
 */
export function closingNoteText(closure: TicketClosure): string {
  return [
    `CLOSED IN GET AN IDENTITY, ${dateTimeText(closure.closedAt.toISOString())}`,
    closingReference(closure.ticketId),
    `Why: ${outcomeText(closure)}.\nClosed by: ${closure.closedBy}`,
    'Nothing more is needed on this request.',
  ].join('\n\n')
}

/** The line that identifies the closing note in Zendesk. */
export function closingReference(ticketId: string): string {
  return `Reference: ${ticketId} closed`
}

function outcomeText({ outcome, assignedTrn }: TicketClosure): string {
  switch (outcome) {
    case 'trn_assigned':
      return `their teaching record was found, and TRN ${assignedTrn} was assigned to their account`
    case 'no_trn':
      return 'they have no teaching record, so they carry on without a TRN'
    case 'not_needed':
      return 'the request was no longer needed'
    case 'merged':
      return 'the account was merged into another account'
  }
}

function whyText(snapshot: TicketSnapshot): string {
  const { person, client } = snapshot
  const who = `${fullName(person)} signed in to ${client.name} and could not be linked to a teaching record automatically.`
  const count = snapshot.candidates.length
  switch (snapshot.reason) {
    case 'possible_match':
      return `${who}\nWhy: the teaching record service found ${count === 1 ? '1 record' : `${count} records`} that could be theirs, but could not be sure.`
    case 'stated_trn_not_found':
      return `${who}\nWhy: they told us their TRN is ${person.statedTrn}, but no teaching record matched the details they gave.`
    case 'stated_qts_not_found':
      return `${who}\nWhy: they told us they have qualified teacher status (QTS), but no teaching record matched the details they gave.`
    case 'records_unavailable':
      return `${who}\nWhy: the teaching record service could not be reached when they registered, so their record was not looked for.`
  }
}

function personSection(snapshot: TicketSnapshot): string {
  const { person, client } = snapshot
  const rows: [string, string][] = [
    ['Name', fullName(person)],
    ['Name they go by', person.preferredName ?? '-'],
    ['Previous last names', person.previousLastNames.length > 0 ? person.previousLastNames.join(', ') : 'None given'],
    ['Email', person.email],
    ['Date of birth', person.dateOfBirth ? dateText(person.dateOfBirth) : 'Not given'],
    ['NI number', answerText(person.nationalInsuranceNumberAnswer, person.nationalInsuranceNumber && ninoText(person.nationalInsuranceNumber), 'They do not have one')],
    ['TRN they gave', answerText(person.trnAnswer, person.statedTrn, 'They said they do not have one')],
    ['QTS', person.hasQts === null ? 'Not asked' : person.hasQts ? 'Yes, they said they have QTS' : 'No'],
    ['QTS awarded by', person.hasQts ? (person.ittProvider ?? 'They did not say') : '-'],
    ['Service', `${client.name} (${client.clientId})`],
    ['Service needs a TRN', client.trnRequired ? `Yes: they cannot use ${client.name} until their record is linked` : 'No'],
  ]
  return `WHAT THEY TOLD US\n${columns([...rows])}`
}

function answerText(answer: Answered, value: string | null, none: string): string {
  switch (answer) {
    case 'given':
      return value ?? '-'
    case 'not_known':
      return 'They do not know it'
    case 'none':
      return none
    case 'not_asked':
      return 'Not asked'
  }
}

const CANDIDATES_SIDE_BY_SIDE = 3

function candidatesSection(snapshot: TicketSnapshot): string {
  const { candidates } = snapshot
  if (candidates.length === 0) return snapshot.reason === 'possible_match' ? 'POSSIBLE RECORDS\nThe matcher named no records.' : ''
  const tables: string[] = []
  for (let start = 0; start < candidates.length; start += CANDIDATES_SIDE_BY_SIDE) {
    tables.push(candidatesTable(snapshot, candidates.slice(start, start + CANDIDATES_SIDE_BY_SIDE)))
  }
  return `POSSIBLE RECORDS (${candidates.length}), best first. In brackets: how each compares with what they told us.\n${tables.join('\n\n')}`
}

function candidatesTable(snapshot: TicketSnapshot, candidates: readonly CandidateSnapshot[]): string {
  const { person } = snapshot
  const rows: string[][] = [['', 'They told us', ...candidates.map((candidate) => `TRN ${candidate.trn}`)]]
  const row = (label: string, told: string, cell: (candidate: CandidateSnapshot) => string) => rows.push([label, told || '-', ...candidates.map(cell)])
  const compared = (candidate: CandidateSnapshot, field: MatchedField, value: string | null) => comparedCell(value, fieldWords(candidate, field))

  row('First name', person.firstName, (candidate) => compared(candidate, 'firstName', candidate.firstName))
  row('Middle name', person.middleName ?? '', (candidate) => compared(candidate, 'middleName', candidate.middleName))
  row('Last name', person.lastName, (candidate) => compared(candidate, 'lastName', candidate.lastName))
  row('Previous last names', person.previousLastNames.join(', '), (candidate) => candidate.previousLastNames.join(', ') || '-')
  row('Date of birth', person.dateOfBirth ? dateText(person.dateOfBirth) : '', (candidate) => compared(candidate, 'dateOfBirth', candidate.dateOfBirth && dateText(candidate.dateOfBirth)))
  row('NI number', person.nationalInsuranceNumber ? ninoText(person.nationalInsuranceNumber) : '', (candidate) => compared(candidate, 'nationalInsuranceNumber', null))
  row('TRN', person.statedTrn ?? '', (candidate) => compared(candidate, 'trn', candidate.trn))
  row('Email', person.email, (candidate) => compared(candidate, 'email', null))
  const about = (label: string, cell: (candidate: CandidateSnapshot) => string) => rows.push([label, '', ...candidates.map(cell)])
  about('Score', (candidate) => `${candidate.score} out of 100`)
  about('Agrees on', (candidate) => candidate.matchedFields.map((field) => FIELD_LABELS[field]).join(', ') || 'nothing outright')
  if (candidates.some((candidate) => candidateNotes(candidate))) about('Notes', (candidate) => candidateNotes(candidate) || '-')
  return table(rows)
}

function fieldWords(candidate: CandidateSnapshot, field: MatchedField): string | null {
  for (const code of candidate.reasons) {
    const meaning = REASONS[code]
    if (meaning?.field === field) return meaning.words
  }
  return null
}

function comparedCell(value: string | null, words: string | null): string {
  if (value && words) return `${value} (${words})`
  if (value) return value
  if (words) return `(${words})`
  return '-'
}

function candidateNotes(candidate: CandidateSnapshot): string {
  return candidate.reasons
    .filter((code) => !REASONS[code])
    .map((code) => NOTES[code] ?? code)
    .join('; ')
}

/** Label and value, the values lined up. */
function columns(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')
}

/** Rows of cells padded to line up; ` | ` between cells keeps them apart where a proportional font undoes the padding. */
function table(rows: readonly string[][]): string {
  const widths = (rows[0] ?? []).map((_, index) => Math.max(...rows.map((cells) => (cells[index] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ').trimEnd()
  const [header, ...body] = rows
  return [line(header ?? []), widths.map((width) => '-'.repeat(width)).join('-+-'), ...body.map(line)].join('\n')
}

function fullName(person: { firstName: string; middleName: string | null; lastName: string }): string {
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(' ')
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** 1993-01-08 → 8 January 1993 (anything else is shown as it is). */
export function dateText(isoDate: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const month = parts ? MONTHS[Number(parts[2]) - 1] : undefined
  if (!parts || !month) return isoDate
  return `${Number(parts[3])} ${month} ${parts[1]}`
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })

function dateTimeText(isoInstant: string): string {
  const instant = new Date(isoInstant)
  return Number.isNaN(instant.getTime()) ? isoInstant : `${LONDON_TIME.format(instant)} (UK time)`
}

/** QQ123456C → QQ 12 34 56 C, as it is printed on letters and payslips. */
export function ninoText(nino: string): string {
  if (!/^[A-Z]{2}\d{6}[A-Z]?$/.test(nino)) return nino
  return [nino.slice(0, 2), nino.slice(2, 4), nino.slice(4, 6), nino.slice(6, 8), nino.slice(8)].filter(Boolean).join(' ')
}
