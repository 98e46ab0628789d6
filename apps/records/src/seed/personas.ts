import type { InductionStatus, NpqType, Sex, StoredPreviousName } from '../database/schema.ts'

export type Persona = {
  /** Why this persona is here: what it lets a newcomer try. */
  story: string
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  previousNames: StoredPreviousName[]
  dateOfBirth: string
  nationalInsuranceNumber: string | null
  email: string | null
  sex: Sex
  qtsDate: string | null
  eytsDate: string | null
  inductionStatus: InductionStatus
  alerts: Array<{ code: string; details: string; startDate: string; endDate: string | null }>
  npqs: Array<{ type: NpqType; awardedOn: string }>
  status?: 'deactivated' | { mergedInto: string }
}

const noPreviousNames: StoredPreviousName[] = []

/** The demo teaching records. README lists them; tests rely on their stories, so change both together. */
export const personas: Persona[] = [
  {
    story: 'A qualified teacher with every detail on record, NI number included',
    trn: '1000001', firstName: 'Sarah', middleName: 'Jane', lastName: 'Thompson', previousNames: noPreviousNames,
    dateOfBirth: '1986-04-12', nationalInsuranceNumber: 'QQ123456C', email: 'sarah.thompson@example.com', sex: 'female',
    qtsDate: '2010-07-31', eytsDate: null, inductionStatus: 'Passed', alerts: [], npqs: [],
  },
  {
    story: 'Trained overseas: no NI number on record, so name and date of birth carry the weight',
    trn: '1000002', firstName: 'Oluwasegun', middleName: null, lastName: 'Adeyemi', previousNames: noPreviousNames,
    dateOfBirth: '1979-11-03', nationalInsuranceNumber: null, email: 'segun.adeyemi@example.com', sex: 'male',
    qtsDate: '2015-09-01', eytsDate: null, inductionStatus: 'Exempt', alerts: [], npqs: [],
  },
  {
    story: 'Married since qualifying: known now as Clarke, qualified as Wilson',
    trn: '1000003', firstName: 'Emma', middleName: 'Louise', lastName: 'Clarke',
    previousNames: [{ firstName: 'Emma', middleName: 'Louise', lastName: 'Wilson', stoppedUsingOn: '2016-08-20' }],
    dateOfBirth: '1990-02-25', nationalInsuranceNumber: 'QQ654321A', email: 'emma.clarke@example.com', sex: 'female',
    qtsDate: '2012-07-20', eytsDate: null, inductionStatus: 'Passed', alerts: [], npqs: [],
  },
  {
    story: 'Prohibited from teaching: an open prohibition order',
    trn: '1000004', firstName: 'Mark', middleName: 'Anthony', lastName: 'Pemberton', previousNames: noPreviousNames,
    dateOfBirth: '1975-06-30', nationalInsuranceNumber: 'QQ112233B', email: 'mark.pemberton@example.com', sex: 'male',
    qtsDate: '1998-07-31', eytsDate: null, inductionStatus: 'Passed',
    alerts: [{ code: 'T1', details: 'Prohibition order following a professional conduct panel hearing.', startDate: '2021-03-15', endDate: null }],
    npqs: [],
  },
  {
    story: 'Holds two NPQs: senior leadership, then headship',
    trn: '1000005', firstName: 'Priya', middleName: null, lastName: 'Sharma', previousNames: noPreviousNames,
    dateOfBirth: '1982-09-18', nationalInsuranceNumber: 'QQ445566D', email: 'priya.sharma@example.com', sex: 'female',
    qtsDate: '2005-07-29', eytsDate: null, inductionStatus: 'Passed', alerts: [],
    npqs: [{ type: 'NPQSL', awardedOn: '2021-12-10' }, { type: 'NPQH', awardedOn: '2024-06-28' }],
  },
  {
    story: 'Twins, easily confused: same surname, same date of birth, similar first names',
    trn: '1000006', firstName: 'Jack', middleName: 'Thomas', lastName: 'Robinson', previousNames: noPreviousNames,
    dateOfBirth: '1993-01-08', nationalInsuranceNumber: 'QQ778899A', email: 'jack.robinson@example.com', sex: 'male',
    qtsDate: '2016-07-22', eytsDate: null, inductionStatus: 'Passed', alerts: [], npqs: [],
  },
  {
    story: 'Twins, easily confused: same surname, same date of birth, similar first names',
    trn: '1000007', firstName: 'Jake', middleName: 'William', lastName: 'Robinson', previousNames: noPreviousNames,
    dateOfBirth: '1993-01-08', nationalInsuranceNumber: 'QQ778900B', email: 'jake.robinson@example.com', sex: 'male',
    qtsDate: '2017-07-21', eytsDate: null, inductionStatus: 'InProgress', alerts: [], npqs: [],
  },
  {
    story: 'Accented, double-barrelled Welsh name, with an early years teacher status',
    trn: '1000008', firstName: 'Siân', middleName: null, lastName: 'Llewellyn-Jones', previousNames: noPreviousNames,
    dateOfBirth: '1988-12-01', nationalInsuranceNumber: 'QQ246810C', email: 'sian.llewellyn-jones@example.com', sex: 'female',
    qtsDate: null, eytsDate: '2014-07-18', inductionStatus: 'None', alerts: [], npqs: [],
  },
  {
    story: 'An apostrophe in the surname and a nickname in daily use (Liz)',
    trn: '1000009', firstName: 'Elizabeth', middleName: 'Mary', lastName: "O'Connor", previousNames: noPreviousNames,
    dateOfBirth: '1970-05-22', nationalInsuranceNumber: 'QQ135790A', email: 'liz.oconnor@example.com', sex: 'female',
    qtsDate: '1993-07-30', eytsDate: null, inductionStatus: 'Exempt', alerts: [], npqs: [{ type: 'NPQEYL', awardedOn: '2022-12-16' }],
  },
  {
    story: 'A trainee without QTS yet, and without an NI number',
    trn: '1000010', firstName: 'Tomasz', middleName: null, lastName: 'Kowalski', previousNames: noPreviousNames,
    dateOfBirth: '1999-03-09', nationalInsuranceNumber: null, email: null, sex: 'male',
    qtsDate: null, eytsDate: null, inductionStatus: 'None', alerts: [], npqs: [],
  },
  {
    story: 'A duplicate record that was merged into Sarah Thompson\'s (GET it to see the redirect)',
    trn: '1000011', firstName: 'Sarah', middleName: null, lastName: 'Thompson', previousNames: noPreviousNames,
    dateOfBirth: '1986-04-12', nationalInsuranceNumber: null, email: null, sex: 'female',
    qtsDate: null, eytsDate: null, inductionStatus: 'None', alerts: [], npqs: [], status: { mergedInto: '1000001' },
  },
  {
    story: 'A record created in error and deactivated (GET it to see 410 Gone)',
    trn: '1000012', firstName: 'Test', middleName: null, lastName: 'Record', previousNames: noPreviousNames,
    dateOfBirth: '1980-01-01', nationalInsuranceNumber: null, email: null, sex: 'not_provided',
    qtsDate: null, eytsDate: null, inductionStatus: 'None', alerts: [], npqs: [], status: 'deactivated',
  },
]
