import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { TrnLookupStatus } from '../database/schema.ts'
import {
  closingNoteText,
  closingReference,
  dateText,
  furtherLookupReference,
  matchedFields,
  ninoText,
  shouldRaiseTicket,
  ticketBody,
  ticketFromPendingLookup,
  ticketReason,
  type CandidateDetails,
  type LookupOutcome,
  type PendingLookupAnswers,
  type TicketContent,
} from './ticket-content.ts'

const client = { clientId: 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: false }
const user = { sub: '5f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a10', email: 'jo.bloggs@school.example' }

const jo: PendingLookupAnswers = {
  email: 'jo.bloggs@school.example',
  emailVerified: true,
  firstName: 'Jo',
  middleName: 'Anne',
  lastName: 'Bloggs',
  preferredName: 'Jo Bloggs',
  dateOfBirth: '1993-01-08',
  hasNationalInsuranceNumber: true,
  nationalInsuranceNumber: 'QQ123456C',
  hasTrn: false,
  hasQts: true,
  ittProvider: 'University of Leeds',
}

const twins: CandidateDetails[] = [
  {
    trn: '1000101',
    score: 82,
    reasons: ['first_name_exact', 'last_name_exact', 'date_of_birth_exact', 'national_insurance_number_one_digit_different', 'other_plausible_record'],
    record: { firstName: 'Jo', middleName: null, lastName: 'Bloggs', dateOfBirth: '1993-01-08' },
  },
  {
    trn: '1000102',
    score: 64,
    reasons: ['first_name_nickname', 'last_name_previous', 'date_of_birth_day_month_swapped'],
    record: { firstName: 'Joanne', middleName: 'Anne', lastName: 'Smith', previousLastNames: ['Bloggs'], dateOfBirth: '1993-08-01' },
  },
]

const possible: LookupOutcome = { status: 'Pending', matcher: 'possible', candidates: twins }

function content(answers: PendingLookupAnswers, lookup: LookupOutcome, forClient = client): TicketContent {
  const ticket = ticketFromPendingLookup(answers, lookup, forClient, user)
  assert.ok(ticket, 'a ticket')
  return ticket
}

/** The line of the body that starts with `label`. */
function line(body: string, label: string): string {
  const found = body.split('\n').find((text) => text.startsWith(label))
  assert.ok(found, `a line starting "${label}" in:\n${body}`)
  return found
}

/** The row of a candidates table that starts with `label`. */
function row(body: string, label: string): string {
  const found = body.split('\n').find((text) => text.startsWith(label) && text.includes(' | '))
  assert.ok(found, `a table row starting "${label}" in:\n${body}`)
  return found
}

describe('when a lookup raises a ticket', () => {
  const statuses: Array<TrnLookupStatus | null> = ['Found', 'Pending', 'None', 'Failed', null]
  const matchers: LookupOutcome['matcher'][] = ['match', 'possible', 'none', 'unavailable']
  const trnAnswers: Array<Pick<PendingLookupAnswers, 'hasTrn' | 'trn'>> = [{}, { hasTrn: false }, { hasTrn: true, trn: null }, { hasTrn: true, trn: '1234567' }]
  const qtsAnswers: Array<Pick<PendingLookupAnswers, 'hasQts'>> = [{}, { hasQts: false }, { hasQts: true }]

  it('raises one only for Pending lookups, for the reason the reference gives, and only for clients that ask', () => {
    let raised = 0
    for (const status of statuses) {
      for (const matcher of matchers) {
        for (const trn of trnAnswers) {
          for (const qts of qtsAnswers) {
            const { hasTrn: _hasTrn, trn: _trn, hasQts: _hasQts, ...rest } = jo
            const answers = { ...rest, ...trn, ...qts }
            const lookup: LookupOutcome = { status, matcher, candidates: matcher === 'possible' ? twins : [] }
            const statedTrn = trn.hasTrn === true && trn.trn === '1234567'
            const expected =
              status !== 'Pending'
                ? null
                : matcher === 'possible'
                  ? 'possible_match'
                  : matcher === 'unavailable'
                    ? 'records_unavailable'
                    : matcher === 'match'
                      ? null
                      : statedTrn
                        ? 'stated_trn_not_found'
                        : qts.hasQts
                          ? 'stated_qts_not_found'
                          : null
            const context = JSON.stringify({ status, matcher, trn, qts })
            assert.equal(ticketReason(lookup, answers), expected, context)
            assert.equal(shouldRaiseTicket({ raiseTrnSupportTickets: true }, lookup, answers), expected !== null, context)
            assert.equal(shouldRaiseTicket({ raiseTrnSupportTickets: false }, lookup, answers), false, context)
            assert.equal(ticketFromPendingLookup(answers, lookup, client, user)?.reason ?? null, expected, context)
            if (expected) raised++
          }
        }
      }
    }
    assert.ok(raised > 0)
  })

  it('does not count "I do not know my TRN" as a stated TRN', () => {
    const answers = { ...jo, hasTrn: true, trn: null, hasQts: false }
    assert.equal(ticketReason({ status: 'Pending', matcher: 'none' }, answers), null)
  })
})

describe('the snapshot an agent works from', () => {
  it('keeps what the person typed, their verified email, the service and each candidate with what agrees', () => {
    const { snapshot } = content({ ...jo, previousLastNames: ['Smith'] }, possible)
    assert.deepEqual(snapshot, {
      reason: 'possible_match',
      userSub: user.sub,
      person: {
        firstName: 'Jo',
        middleName: 'Anne',
        lastName: 'Bloggs',
        preferredName: 'Jo Bloggs',
        previousLastNames: ['Smith'],
        email: 'jo.bloggs@school.example',
        dateOfBirth: '1993-01-08',
        nationalInsuranceNumber: 'QQ123456C',
        nationalInsuranceNumberAnswer: 'given',
        statedTrn: null,
        trnAnswer: 'none',
        hasQts: true,
        ittProvider: 'University of Leeds',
      },
      client: { clientId: 'register-for-an-npq', name: 'Register for an NPQ', trnRequired: false },
      candidates: [
        {
          trn: '1000101',
          score: 82,
          firstName: 'Jo',
          middleName: null,
          lastName: 'Bloggs',
          previousLastNames: [],
          dateOfBirth: '1993-01-08',
          matchedFields: ['firstName', 'lastName', 'dateOfBirth'],
          reasons: twins[0]?.reasons,
        },
        {
          trn: '1000102',
          score: 64,
          firstName: 'Joanne',
          middleName: 'Anne',
          lastName: 'Smith',
          previousLastNames: ['Bloggs'],
          dateOfBirth: '1993-08-01',
          matchedFields: ['firstName', 'lastName'],
          reasons: twins[1]?.reasons,
        },
      ],
    })
  })

  it('says how each optional question was answered, and leaves out what was not asked', () => {
    const notKnown = content({ ...jo, hasNationalInsuranceNumber: true, nationalInsuranceNumber: null, hasTrn: true, trn: '7654321', hasQts: false, ittProvider: 'ignored' }, { status: 'Pending', matcher: 'none' })
    assert.equal(notKnown.reason, 'stated_trn_not_found')
    assert.equal(notKnown.snapshot.person.nationalInsuranceNumber, null)
    assert.equal(notKnown.snapshot.person.nationalInsuranceNumberAnswer, 'not_known')
    assert.equal(notKnown.snapshot.person.statedTrn, '7654321')
    assert.equal(notKnown.snapshot.person.trnAnswer, 'given')
    assert.equal(notKnown.snapshot.person.ittProvider, null, 'a provider only counts with QTS')

    const strict = content(
      { firstName: 'Jo', lastName: 'Bloggs', dateOfBirth: '1993-01-08', hasNationalInsuranceNumber: false, hasTrn: true, trn: '7654321', preferredName: null, middleName: null },
      { status: 'Pending', matcher: 'none' },
    )
    assert.equal(strict.snapshot.person.nationalInsuranceNumberAnswer, 'none')
    assert.equal(strict.snapshot.person.hasQts, null)
    assert.equal(strict.snapshot.person.middleName, null)
    assert.equal(strict.snapshot.person.preferredName, null)

    const unasked = content({ firstName: 'Jo', lastName: 'Bloggs', dateOfBirth: '1993-01-08' }, { status: 'Pending', matcher: 'unavailable' })
    assert.equal(unasked.snapshot.person.nationalInsuranceNumberAnswer, 'not_asked')
    assert.equal(unasked.snapshot.person.trnAnswer, 'not_asked')
  })

  it('lists candidates only for a possible match', () => {
    const ticket = content({ ...jo, hasTrn: true, trn: '1234567' }, { status: 'Pending', matcher: 'none', candidates: twins })
    assert.deepEqual(ticket.snapshot.candidates, [])
    assert.doesNotMatch(ticket.body, /POSSIBLE RECORDS/)
  })

  it('reads the agreed fields from the matcher’s reason codes, in a fixed order, ignoring codes it does not know', () => {
    assert.deepEqual(matchedFields(['email_matches', 'trn_stated_matches', 'first_name_previous', 'last_name_stated_previous', 'middle_name_matches', 'national_insurance_number_matches', 'date_of_birth_exact']), [
      'firstName',
      'middleName',
      'lastName',
      'dateOfBirth',
      'nationalInsuranceNumber',
      'trn',
      'email',
    ])
    assert.deepEqual(matchedFields(['first_name_typo', 'last_name_part', 'date_of_birth_one_digit_different', 'a_code_from_a_newer_matcher', 'rule_3']), [])
  })
})

describe('the text an agent reads in Zendesk', () => {
  it('has a subject naming the person and sections saying why, what to do and what they told us', () => {
    const ticket = content(jo, possible)
    assert.equal(ticket.subject, '[Get an identity] - Support request from Jo Anne Bloggs')
    const { body } = ticket
    assert.match(body, /^Jo Anne Bloggs signed in to Register for an NPQ and could not be linked to a teaching record automatically\.\nWhy: the teaching record service found 2 records that could be theirs, but could not be sure\./)
    assert.match(body, /What to do: find their teaching record and assign its TRN to their account \(account ID 5f0c7a52-1b1e-4c43-9a55-0d6e5b1c2a10\)/)
    assert.match(line(body, 'Name  '), /Jo Anne Bloggs$/)
    assert.match(line(body, 'Name they go by'), /Jo Bloggs$/)
    assert.match(line(body, 'Previous last names  '), /None given$/)
    assert.match(line(body, 'Email  '), /jo\.bloggs@school\.example$/)
    assert.match(line(body, 'Date of birth  '), /8 January 1993$/)
    assert.match(line(body, 'NI number  '), /QQ 12 34 56 C$/)
    assert.match(line(body, 'TRN they gave'), /They said they do not have one$/)
    assert.match(line(body, 'QTS  '), /Yes, they said they have QTS$/)
    assert.match(line(body, 'QTS awarded by'), /University of Leeds$/)
    assert.match(line(body, 'Service  '), /Register for an NPQ \(register-for-an-npq\)$/)
    assert.match(line(body, 'Service needs a TRN'), /No$/)
  })

  it('puts the candidates side by side with what they told us, saying how each field compares', () => {
    const { body } = content(jo, possible)
    assert.match(body, /POSSIBLE RECORDS \(2\), best first/)
    const header = row(body, ' ')
    assert.match(header, /They told us +\| TRN 1000101 +\| TRN 1000102$/)
    assert.match(row(body, 'First name '), /\| Jo +\| Jo \(same\) +\| Joanne \(nickname\)$/)
    assert.match(row(body, 'Middle name '), /\| Anne +\| - +\| Anne$/)
    assert.match(row(body, 'Last name '), /\| Bloggs +\| Bloggs \(same\) +\| Smith \(a previous last name on the record\)$/)
    assert.match(row(body, 'Previous last names '), /\| - +\| - +\| Bloggs$/)
    assert.match(row(body, 'Date of birth '), /\| 8 January 1993 +\| 8 January 1993 \(same\) +\| 1 August 1993 \(day and month swapped\)$/)
    assert.match(row(body, 'NI number '), /\| QQ 12 34 56 C +\| \(one digit different\) +\| -$/)
    assert.match(row(body, 'Score '), /\| 82 out of 100 +\| 64 out of 100$/)
    assert.match(row(body, 'Agrees on '), /\| first name, last name, date of birth +\| first name, last name$/)
    assert.match(row(body, 'Notes '), /\| another record is as likely +\| -$/)
    // The columns line up: every row of the table has its separators in the same places.
    const rows = body.split('\n').filter((text) => text.includes(' | '))
    const separators = (text: string) => [...text.matchAll(/ \| /g)].map((found) => found.index)
    for (const row of rows.slice(1)) assert.deepEqual(separators(row).slice(0, 1), separators(rows[0] ?? '').slice(0, 1))
  })

  it('splits many candidates into tables of three, and shows a record it could not read by its TRN and the codes', () => {
    const many: CandidateDetails[] = Array.from({ length: 7 }, (_, index) => ({
      trn: `100020${index}`,
      score: 70 - index,
      reasons: index === 6 ? ['name_too_common_to_match', 'a_code_from_a_newer_matcher'] : ['last_name_exact'],
      record: index === 6 ? null : { firstName: `Sam${index}`, middleName: null, lastName: 'Smith', dateOfBirth: null },
    }))
    const { body } = content(jo, { status: 'Pending', matcher: 'possible', candidates: many })
    assert.match(body, /POSSIBLE RECORDS \(7\)/)
    const headers = body.split('\n').filter((text) => text.includes('They told us'))
    assert.equal(headers.length, 3)
    assert.match(headers[2] ?? '', /\| TRN 1000206$/)
    const lastTable = body.slice(body.lastIndexOf('They told us'))
    assert.match(row(lastTable, 'First name '), /\| Jo +\| -$/)
    assert.match(lastTable, /Notes .*\| name too common to be sure; a_code_from_a_newer_matcher$/m)
    assert.doesNotMatch(body, /Notes .*\| - +\| -/, 'tables without notes have no notes row')
  })

  it('explains each reason in words', () => {
    assert.match(content({ ...jo, hasTrn: true, trn: '1234567' }, { status: 'Pending', matcher: 'none' }).body, /Why: they told us their TRN is 1234567, but no teaching record matched/)
    assert.match(content(jo, { status: 'Pending', matcher: 'none' }).body, /Why: they told us they have qualified teacher status \(QTS\), but no teaching record matched/)
    assert.match(content(jo, { status: 'Pending', matcher: 'unavailable' }).body, /Why: the teaching record service could not be reached/)
    assert.match(content(jo, { status: 'Pending', matcher: 'possible', candidates: twins.slice(0, 1) }).body, /found 1 record that could be theirs/)
    assert.match(content(jo, { status: 'Pending', matcher: 'possible', candidates: [] }).body, /The matcher named no records\./)
  })

  it('tells the agent when the service cannot be used until the record is linked', () => {
    const { body } = content(jo, possible, { ...client, trnRequired: true })
    assert.match(line(body, 'Service needs a TRN'), /Yes: they cannot use Register for an NPQ until their record is linked$/)
  })

  it('adds later lookups after the first, each with a reference line', () => {
    const first = content(jo, possible)
    const later = content({ ...jo, lastName: 'Smith' }, { status: 'Pending', matcher: 'none' }, { clientId: 'other-service', name: 'Another service', trnRequired: true })
    const ticketId = '0d1c9a3e-8c59-4bfb-9a0a-0f4d0b8f5b11'
    const body = ticketBody(first.snapshot, [{ raisedAt: '2026-11-23T09:30:00.000Z', snapshot: later.snapshot }], ticketId)
    assert.match(body, /LATER LOOKUP 1, 23 November 2026 at 09:30 \(UK time\)/)
    assert.ok(body.includes(furtherLookupReference(ticketId, 1)))
    assert.match(body, /Jo Anne Smith signed in to Another service/)
    assert.ok(body.indexOf('LATER LOOKUP 1') > body.indexOf('POSSIBLE RECORDS'))
  })

  it('never prints undefined, null or NaN, whatever was or was not answered', () => {
    const optionalText = fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined })
    fc.assert(
      fc.property(
        fc.record({
          firstName: optionalText,
          middleName: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
          lastName: optionalText,
          preferredName: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
          dateOfBirth: fc.option(fc.constantFrom('1990-02-28', '2001-12-31', 'not-a-date'), { nil: undefined }),
          hasNationalInsuranceNumber: fc.option(fc.boolean(), { nil: undefined }),
          nationalInsuranceNumber: fc.option(fc.constantFrom('QQ123456C', 'AB123456', 'odd'), { nil: null }),
          hasTrn: fc.option(fc.boolean(), { nil: undefined }),
          trn: fc.option(fc.constantFrom('1234567'), { nil: null }),
          hasQts: fc.option(fc.boolean(), { nil: undefined }),
          ittProvider: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
        }),
        fc.constantFrom<LookupOutcome['matcher']>('possible', 'none', 'unavailable'),
        fc.array(
          fc.record({
            trn: fc.constantFrom('1000001', '1000002'),
            score: fc.integer({ min: 0, max: 100 }),
            reasons: fc.array(fc.constantFrom('first_name_exact', 'last_name_typo', 'date_of_birth_not_on_record', 'unknown_code'), { maxLength: 4 }),
            record: fc.option(fc.record({ firstName: fc.string({ maxLength: 6 }), middleName: fc.option(fc.string({ maxLength: 6 }), { nil: null }), lastName: fc.string({ maxLength: 6 }), dateOfBirth: fc.option(fc.constant('1990-01-01'), { nil: null }) }), { nil: null }),
          }),
          { maxLength: 5 },
        ),
        (answers, matcher, candidates) => {
          const ticket = ticketFromPendingLookup(answers, { status: 'Pending', matcher, candidates }, client, user)
          if (!ticket) return
          assert.doesNotMatch(ticket.body, /undefined|null|NaN|\[object/)
          assert.doesNotMatch(ticket.subject, /undefined|null/)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('writes dates and NI numbers the way people read them', () => {
    assert.equal(dateText('1993-01-08'), '8 January 1993')
    assert.equal(dateText('2000-12-31'), '31 December 2000')
    assert.equal(dateText('1993-13-08'), '1993-13-08')
    assert.equal(dateText('08/01/1993'), '08/01/1993')
    assert.equal(ninoText('QQ123456C'), 'QQ 12 34 56 C')
    assert.equal(ninoText('QQ123456'), 'QQ 12 34 56')
    assert.equal(ninoText('not one'), 'not one')
  })
})

describe('the note that solves the Zendesk ticket', () => {
  const ticketId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
  const closure = { ticketId, closedBy: 'staff:42', closedAt: new Date('2026-07-01T08:05:00Z'), assignedTrn: null }

  it('says when, why and who, with a reference line a retry looks for', () => {
    const note = closingNoteText({ ...closure, outcome: 'trn_assigned', assignedTrn: '1000202' })
    assert.ok(note.startsWith('CLOSED IN GET AN IDENTITY, 1 July 2026 at 09:05 (UK time)\n\n'))
    assert.ok(note.includes(`\n${closingReference(ticketId)}\n`))
    assert.equal(closingReference(ticketId), `Reference: ${ticketId} closed`)
    assert.ok(note.includes('Why: their teaching record was found, and TRN 1000202 was assigned to their account.\nClosed by: staff:42'))
  })

  it('explains every outcome in words', () => {
    const why = (outcome: 'no_trn' | 'not_needed' | 'merged') => /^Why: (.*)$/m.exec(closingNoteText({ ...closure, outcome }))?.[1]
    assert.equal(why('no_trn'), 'they have no teaching record, so they carry on without a TRN.')
    assert.equal(why('not_needed'), 'the request was no longer needed.')
    assert.equal(why('merged'), 'the account was merged into another account.')
  })
})
