import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestNpq, type TestNpq, type TestSession } from '../testing/test-npq.ts'

// Registering for an NPQ over HTTP, as a person's browser does it: every branch of the flow to a submitted
// application, the errors people see, where Back goes, changing answers, and submitting exactly once.

type Fields = Record<string, string | string[]>
type Answer = [step: string, fields: Fields]

const START: Answer[] = [
  ['course-start-date', { courseStartCohort: '2026b' }],
  ['provider-check', { chosenProvider: 'yes' }],
  ['teacher-catchment', { teacherCatchment: 'england' }],
]
const FINISH: Answer[] = [
  ['choose-your-provider', { leadProvider: 'teach-first' }],
  ['share-provider', { canShareChoices: 'yes' }],
]

describe('registering for an NPQ', () => {
  let npq: TestNpq
  before(async () => {
    npq = await startTestNpq()
  })
  after(async () => {
    await npq?.close()
  })

  async function answerAll(person: TestSession, answers: Answer[]): Promise<string> {
    let next = ''
    for (const [step, fields] of answers) next = await person.answer(step, fields)
    return next
  }

  async function submit(person: TestSession) {
    const page = await person.get('/registration/check-answers')
    assert.equal(page.status, 200, `check answers is open (${page.location ?? ''})`)
    const draftVersion = page.inputValue('draftVersion')
    assert.ok(draftVersion, 'check answers has a Submit form')
    return person.post('/registration/check-answers', { draftVersion })
  }

  const applicationsOf = (person: TestSession) => npq.database.db.selectFrom('applications').selectAll().where('user_id', '=', person.user.id).execute()
  const emailsTo = async (person: TestSession) => (await npq.emails()).filter((email) => email.to === person.user.email)
  const draftOf = (person: TestSession) => npq.database.db.selectFrom('registration_drafts').selectAll().where('user_id', '=', person.user.id).executeTakeFirst()

  it('takes someone in a school from the first question to a submitted registration, with errors, Back links and one email', async () => {
    const person = await npq.signIn({ trn: '3100001', trn_lookup_status: 'Found' })
    let page = await person.follow(await person.get('/registration'))
    assert.equal(page.heading, 'When does your course start?')
    assert.deepEqual(
      page.options('courseStartCohort').map((option) => option.label),
      ['Autumn 2026', 'Spring 2026'],
      'only the cohorts open today',
    )
    assert.equal(page.backLink, '/')

    // Each question refuses no answer with GOV.UK's wording, then takes the answer and moves on.
    const steps: Array<{ step: string; heading: string; empty: Fields; error: string; answer: Fields; back: string }> = [
      { step: 'course-start-date', heading: 'When does your course start?', empty: {}, error: 'Select when your course starts', answer: { courseStartCohort: '2026b' }, back: '/' },
      { step: 'provider-check', heading: 'Have you chosen an NPQ and provider?', empty: {}, error: 'Select yes if you have chosen an NPQ and provider', answer: { chosenProvider: 'yes' }, back: '/registration/course-start-date' },
      { step: 'teacher-catchment', heading: 'Do you work in England?', empty: {}, error: 'Select yes if you work in England', answer: { teacherCatchment: 'england' }, back: '/registration/provider-check' },
      { step: 'work-setting', heading: 'What setting do you work in?', empty: {}, error: 'Select the setting you work in', answer: { workSetting: 'a_school' }, back: '/registration/teacher-catchment' },
      { step: 'choose-school', heading: 'What’s the name of your workplace?', empty: { search: 'harewood' }, error: 'Select your school or college', answer: { search: 'harewood', urn: '107912' }, back: '/registration/work-setting' },
      { step: 'choose-your-npq', heading: 'Which NPQ do you want to do?', empty: {}, error: 'Select the NPQ you want to do', answer: { courseIdentifier: 'npq-headship' }, back: '/registration/choose-school' },
      { step: 'choose-your-provider', heading: 'Select your provider', empty: { leadProvider: 'not-a-provider' }, error: 'Select your provider', answer: { leadProvider: 'teach-first' }, back: '/registration/possible-funding' },
      { step: 'share-provider', heading: 'Sharing your NPQ information', empty: {}, error: 'You must agree to share your information with providers to continue', answer: { canShareChoices: 'yes' }, back: '/registration/choose-your-provider' },
    ]
    for (const { step, heading, empty, error, answer, back } of steps) {
      page = await person.get(`/registration/${step}`)
      assert.equal(page.status, 200, step)
      assert.equal(page.heading, heading)
      assert.equal(page.backLink, back, `Back from ${step}`)
      const refused = await person.post(`/registration/${step}`, empty)
      assert.equal(refused.status, 400, step)
      assert.deepEqual(refused.errorSummary, [error])
      assert.match(refused.html, /<title>Error: /)
      await person.answer(step, answer)
      if (step === 'choose-your-npq') {
        page = await person.get('/registration/possible-funding')
        assert.equal(page.heading, 'You’re eligible for scholarship funding')
        assert.match(page.text, /DfE scholarship funding will pay the course fees for the NPQ for Headship \(NPQH\)/)
        assert.match(page.text, /Funded places are limited/, 'the autumn cohort is capped')
        assert.equal(page.backLink, '/registration/choose-your-npq')
        assert.equal(await person.answer('possible-funding'), '/registration/choose-your-provider')
      }
    }

    page = await person.get('/registration/check-answers')
    assert.equal(page.heading, 'Check your answers and submit your registration')
    assert.equal(page.backLink, '/registration/share-provider')
    assert.deepEqual(
      page.summaryRows().map(({ key, value, change }) => [key, value, change]),
      [
        ['Course start', 'Autumn 2026', '/registration/course-start-date?change=true'],
        ['Where you work', 'England', '/registration/teacher-catchment?change=true'],
        ['Work setting', 'A school', '/registration/work-setting?change=true'],
        ['Workplace', 'Harewood Lane Primary School, Leeds', '/registration/choose-school?change=true'],
        ['Course', 'NPQ for Headship (NPQH)', '/registration/choose-your-npq?change=true'],
        ['Funding', 'You’re eligible for scholarship funding', undefined],
        ['Provider', 'Teach First', '/registration/choose-your-provider?change=true'],
      ],
    )

    const submitted = await submit(person)
    assert.equal(submitted.status, 303)
    const [application] = await applicationsOf(person)
    assert.ok(application)
    assert.equal(submitted.location, `/account/registrations/${application.id}?submitted=true`)
    assert.equal((await person.get(submitted.location)).status, 200)
    assert.equal(application.cohort_identifier, '2026b')
    assert.equal(application.course_identifier, 'npq-headship')
    assert.equal(application.lead_provider_identifier, 'teach-first')
    assert.equal(application.work_setting, 'a_school')
    assert.equal(application.teacher_catchment, 'england')
    assert.equal(application.school_urn, '107912')
    assert.equal(application.ukprn, '10075120')
    assert.equal(application.funding_eligibility_status_code, 'funded')
    assert.equal(application.eligible_for_funding, true)
    assert.equal(application.funding_choice, null)
    assert.equal(application.on_submission_trn, '3100001')
    assert.equal(application.lead_provider_approval_status, 'pending')
    assert.deepEqual(
      Object.keys((application.raw_application_data as { answers: object }).answers).sort(),
      ['canShareChoices', 'chosenProvider', 'courseIdentifier', 'courseStartCohort', 'fundingSeen', 'leadProvider', 'schoolSearch', 'schoolUrn', 'teacherCatchment', 'workSetting'],
    )

    const emails = await emailsTo(person)
    assert.equal(emails.length, 1)
    assert.equal(emails[0]?.template, 'application-submitted')
    assert.deepEqual(emails[0]?.personalisation, {
      full_name: 'Sarah Thompson',
      course_name: 'NPQ for Headship (NPQH)',
      provider_name: 'Teach First',
      funding_summary: [
        'You’re eligible for scholarship funding',
        'DfE scholarship funding will pay the course fees for the NPQ for Headship (NPQH) if your training provider accepts your application.',
        'Funded places are limited. Your training provider will tell you whether they can offer you a funded place.',
      ].join('\n\n'),
      application_id: application.id,
      account_url: 'http://npq.test/account',
    })

    // A second registration starts afresh.
    assert.deepEqual((await draftOf(person))?.answers, {})
    assert.equal((await person.get('/registration')).location, '/registration/course-start-date')
  })

  describe('every branch, to a submitted application', () => {
    const branches: Array<{ name: string; claims?: object; answers: Answer[]; expected: Record<string, unknown>; fundingPage: string }> = [
      {
        name: 'someone working outside England',
        answers: [
          ['course-start-date', { courseStartCohort: '2026b' }],
          ['provider-check', { chosenProvider: 'yes' }],
          ['teacher-catchment', { teacherCatchment: 'another', teacherCatchmentCountry: 'Spain' }],
          ['work-setting', { workSetting: 'a_school' }],
          ['choose-your-npq', { courseIdentifier: 'npq-senior-leadership' }],
          ['ineligible-for-funding', {}],
          ['funding-your-npq', { fundingChoice: 'self' }],
          ...FINISH,
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { teacher_catchment: 'another', teacher_catchment_country: 'Spain', school_urn: null, funding_eligibility_status_code: 'not_in_england', eligible_for_funding: false, funding_choice: 'self' },
      },
      {
        name: 'someone at a local authority nursery school',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'early_years_or_childcare' }],
          ['kind-of-nursery', { kindOfNursery: 'local_authority_maintained_nursery' }],
          ['choose-childcare-provider', { search: 'kirkstall', urn: '108021' }],
          ['choose-your-npq', { courseIdentifier: 'npq-senior-leadership' }],
          ['possible-funding', {}],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { work_setting: 'early_years_or_childcare', kind_of_nursery: 'local_authority_maintained_nursery', school_urn: '108021', funding_eligibility_status_code: 'funded', eligible_for_funding: true },
      },
      {
        name: 'a childminder on the childminders list',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'early_years_or_childcare' }],
          ['kind-of-nursery', { kindOfNursery: 'childminder' }],
          ['have-ofsted-urn', { hasOfstedUrn: 'yes' }],
          ['choose-private-childcare-provider', { privateChildcareProviderUrn: ' ey701556 ' }],
          ['choose-your-npq', { courseIdentifier: 'npq-early-years-leadership' }],
          ['possible-funding', {}],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { kind_of_nursery: 'childminder', private_childcare_provider_urn: 'EY701556', school_urn: null, funding_eligibility_status_code: 'funded' },
      },
      {
        name: 'a private nursery worker without an Ofsted URN',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'early_years_or_childcare' }],
          ['kind-of-nursery', { kindOfNursery: 'private_nursery' }],
          ['have-ofsted-urn', { hasOfstedUrn: 'no' }],
          ['choose-your-npq', { courseIdentifier: 'npq-headship' }],
          ['ineligible-for-funding', {}],
          ['funding-your-npq', { fundingChoice: 'school' }],
          ...FINISH,
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { kind_of_nursery: 'private_nursery', private_childcare_provider_urn: null, funding_eligibility_status_code: 'early_years_invalid_npq', funding_choice: 'school' },
      },
      {
        name: 'a lead mentor with an accredited ITT provider',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'another_setting' }],
          ['your-employment', { employmentType: 'lead_mentor_for_accredited_itt_provider' }],
          ['itt-provider', { search: 'northern', ittProvider: 'Northern Lights Teacher Training Trust' }],
          ['choose-your-npq', { courseIdentifier: 'npq-leading-teaching-development' }],
          ['possible-funding', {}],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { employment_type: 'lead_mentor_for_accredited_itt_provider', itt_provider: 'Northern Lights Teacher Training Trust', funding_eligibility_status_code: 'funded' },
      },
      {
        name: 'a virtual school teacher, whose funding is reviewed',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'another_setting' }],
          ['your-employment', { employmentType: 'local_authority_virtual_school' }],
          ['your-role', { employmentRole: 'Designated teacher' }],
          ['your-employer', { employerName: 'Essex County Council' }],
          ['choose-your-npq', { courseIdentifier: 'npq-senco' }],
          ['senco-in-role', { sencoInRole: 'no_but_i_plan_to_become_one' }],
          ['possible-funding', {}],
          ['funding-your-npq', { fundingChoice: 'another' }],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: {
          employment_type: 'local_authority_virtual_school',
          employment_role: 'Designated teacher',
          employer_name: 'Essex County Council',
          senco_in_role: 'no_but_i_plan_to_become_one',
          funding_eligibility_status_code: 'subject_to_review',
          eligible_for_funding: false,
          funding_choice: 'another',
        },
      },
      {
        name: 'a hospital school teacher',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'another_setting' }],
          ['your-employment', { employmentType: 'hospital_school' }],
          ['your-employer', { employerName: 'Leeds Children’s Hospital School' }],
          ['choose-your-npq', { courseIdentifier: 'npq-leading-literacy' }],
          ['ineligible-for-funding', {}],
          ['funding-your-npq', { fundingChoice: 'trust' }],
          ...FINISH,
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { employment_type: 'hospital_school', employment_role: null, employer_name: 'Leeds Children’s Hospital School', funding_eligibility_status_code: 'ineligible_establishment_type' },
      },
      {
        name: 'someone referred by a Return to Teaching adviser',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'other' }],
          ['referred-by-return-to-teaching-adviser', { referredByReturnToTeachingAdviser: 'yes' }],
          ['choose-your-npq', { courseIdentifier: 'npq-headship' }],
          ['possible-funding', {}],
          ['funding-your-npq', { fundingChoice: 'self' }],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { work_setting: 'other', funding_eligibility_status_code: 'referred_by_return_to_teaching_adviser' },
      },
      {
        name: 'a new headteacher on the Early headship coaching offer',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'a_school' }],
          ['choose-school', { search: '107968', urn: '107968' }],
          ['choose-your-npq', { courseIdentifier: 'npq-early-headship-coaching-offer' }],
          ['npqh-status', { npqhStatus: 'completed_npqh' }],
          ['ehco-headteacher', { ehcoHeadteacher: 'yes' }],
          ['ehco-new-headteacher', { ehcoNewHeadteacher: 'yes' }],
          ['possible-funding', {}],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { headteacher_status: 'yes_in_first_five_years', funding_eligibility_status_code: 'funded' },
      },
      {
        name: 'an experienced headteacher paying for the coaching offer',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'a_school' }],
          ['choose-school', { search: '107968', urn: '107968' }],
          ['choose-your-npq', { courseIdentifier: 'npq-early-headship-coaching-offer' }],
          ['npqh-status', { npqhStatus: 'studying_npqh' }],
          ['ehco-headteacher', { ehcoHeadteacher: 'yes' }],
          ['ehco-new-headteacher', { ehcoNewHeadteacher: 'no' }],
          ['ineligible-for-funding', {}],
          ['funding-your-ehco', { ehcoFundingChoice: 'trust' }],
          ...FINISH,
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { headteacher_status: 'yes_over_five_years', funding_eligibility_status_code: 'not_new_headteacher_requesting_ehco', funding_choice: 'trust' },
      },
      {
        name: 'a maths lead at a school not on the PP50 list',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'a_school' }],
          ['choose-school', { search: 'st bede', urn: '107968' }],
          ['choose-your-npq', { courseIdentifier: 'npq-leading-primary-mathematics' }],
          ['maths-eligibility-teaching-for-mastery', { mathsEligibilityTeachingForMastery: 'no' }],
          ['maths-understanding-of-approach', { mathsUnderstandingOfApproach: 'taken_a_similar_course' }],
          ['ineligible-for-funding', {}],
          ['funding-your-npq', { fundingChoice: 'school' }],
          ...FINISH,
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { school_urn: '107968', funding_eligibility_status_code: 'ineligible_establishment_not_a_pp50', eligible_for_funding: false, funding_choice: 'school' },
      },
      {
        name: 'a SENCO at a sixth form college',
        answers: [
          ...START,
          ['work-setting', { workSetting: 'a_16_to_19_educational_setting' }],
          ['choose-school', { search: 'sheaf street', urn: '148211' }],
          ['choose-your-npq', { courseIdentifier: 'npq-senco' }],
          ['senco-in-role', { sencoInRole: 'yes' }],
          ['senco-start-date', { 'sencoStartDate-month': '9', 'sencoStartDate-year': '2021' }],
          ['possible-funding', {}],
          ...FINISH,
        ],
        fundingPage: 'possible-funding',
        expected: { work_setting: 'a_16_to_19_educational_setting', senco_in_role: 'yes', senco_start_date: '2021-09-01', funding_eligibility_status_code: 'funded' },
      },
      {
        name: 'someone who started in the unfunded spring cohort',
        answers: [
          ['course-start-date', { courseStartCohort: '2026a' }],
          ['provider-check', { chosenProvider: 'yes' }],
          ['teacher-catchment', { teacherCatchment: 'england' }],
          ['work-setting', { workSetting: 'a_school' }],
          ['choose-school', { search: '107912', urn: '107912' }],
          ['choose-your-npq', { courseIdentifier: 'npq-headship' }],
          ['ineligible-for-funding', {}],
          ['funding-your-npq', { fundingChoice: 'school' }],
          ['choose-your-provider', { leadProvider: 'ambition-institute' }],
          ['share-provider', { canShareChoices: 'yes' }],
        ],
        fundingPage: 'ineligible-for-funding',
        expected: { cohort_identifier: '2026a', lead_provider_identifier: 'ambition-institute', funding_eligibility_status_code: 'unfunded_cohort', eligible_for_funding: false },
      },
    ]

    for (const branch of branches) {
      it(`registers ${branch.name}`, async () => {
        const person = await npq.signIn(branch.claims)
        const fundingAt = branch.answers.findIndex(([step]) => step === branch.fundingPage)
        await answerAll(person, branch.answers.slice(0, fundingAt))
        const funding = await person.get(`/registration/${branch.fundingPage}`)
        assert.equal(funding.status, 200)
        assert.ok(funding.html.includes('<p class="govuk-body">'), 'the funding outcome is explained')
        assert.equal(await answerAll(person, branch.answers.slice(fundingAt)), '/registration/check-answers')
        const submitted = await submit(person)
        assert.equal(submitted.status, 303)
        const [application, ...more] = await applicationsOf(person)
        assert.ok(application)
        assert.equal(more.length, 0)
        for (const [column, value] of Object.entries(branch.expected)) assert.deepEqual(application[column as keyof typeof application], value, column)
        assert.equal((await emailsTo(person)).length, 1)
      })
    }
  })

  describe('pages that stop the registration', () => {
    it('tells someone without an NPQ and provider to choose first, with a way back', async () => {
      const person = await npq.signIn()
      const next = await answerAll(person, [START[0] as Answer, ['provider-check', { chosenProvider: 'no' }]])
      assert.equal(next, '/registration/choose-an-npq-and-provider')
      const page = await person.get(next)
      assert.equal(page.heading, 'Choose an NPQ and provider before you register')
      assert.equal(page.backLink, '/registration/provider-check')
      assert.match(page.html, /href="\/registration\/provider-check">Go back and change your answer</)
      assert.equal((await person.get('/registration')).location, '/registration/choose-an-npq-and-provider', 'resuming comes back here')
      assert.equal((await person.get('/registration/check-answers')).location, '/registration/choose-an-npq-and-provider')
      assert.equal((await person.post('/registration/choose-an-npq-and-provider')).status, 404)
    })

    it('stops at a school in Wales', async () => {
      const person = await npq.signIn()
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }]])
      const search = await person.get('/registration/choose-school?search=glan+taf')
      assert.deepEqual(search.options('urn').map((option) => option.label), ['Ysgol Gynradd Glan Taf'])
      assert.equal(await person.answer('choose-school', { search: 'glan taf', urn: '401820' }), '/registration/school-not-in-england')
      const page = await person.get('/registration/school-not-in-england')
      assert.equal(page.heading, 'Your workplace must be in England')
      assert.equal(page.backLink, '/registration/choose-school')
    })

    it('stops the coaching offer without the Headship NPQ, and Leading primary mathematics without mastery', async () => {
      const person = await npq.signIn()
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }], ['choose-school', { search: '107912', urn: '107912' }]])
      await person.answer('choose-your-npq', { courseIdentifier: 'npq-early-headship-coaching-offer' })
      assert.equal(await person.answer('npqh-status', { npqhStatus: 'none' }), '/registration/ehco-unavailable')
      assert.equal((await person.get('/registration/ehco-unavailable')).heading, 'You cannot register for the Early headship coaching offer')

      await person.answer('choose-your-npq', { courseIdentifier: 'npq-leading-primary-mathematics' })
      await person.answer('maths-eligibility-teaching-for-mastery', { mathsEligibilityTeachingForMastery: 'no' })
      assert.equal(await person.answer('maths-understanding-of-approach', { mathsUnderstandingOfApproach: 'cannot_show' }), '/registration/maths-cannot-register')
      const page = await person.get('/registration/maths-cannot-register')
      assert.equal(page.heading, 'You cannot register for the Leading primary mathematics NPQ')
      assert.equal(page.backLink, '/registration/maths-understanding-of-approach')
    })
  })

  describe('finding a workplace', () => {
    let person: TestSession
    before(async () => {
      person = await npq.signIn()
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }]])
    })

    it('lists open establishments matching a name or a URN as radios, without JavaScript', async () => {
      const byName = await person.get('/registration/choose-school?search=st+bede')
      assert.equal(byName.status, 200)
      // The closed St Bede's in Liverpool is not offered.
      assert.deepEqual(byName.options('urn'), [{ value: '107968', label: "St Bede's Catholic Primary School", checked: false }])
      assert.match(byName.text, /Leeds, LS7 4NR, URN 107968/)
      assert.equal(byName.inputValue('search'), 'st bede')
      const byUrn = await person.get('/registration/choose-school?search=107912')
      assert.deepEqual(byUrn.options('urn').map((option) => option.value), ['107912'])
    })

    it('says when nothing matches, and asks for something to search for', async () => {
      const none = await person.get('/registration/choose-school?search=zzzz')
      assert.equal(none.status, 200)
      assert.match(none.text, /No schools or colleges found for ‘zzzz’/)
      const empty = await person.get('/registration/choose-school?search=++')
      assert.equal(empty.status, 400)
      assert.deepEqual(empty.errorSummary, ['Enter the name or URN of your school or college'])
      const long = await person.get(`/registration/choose-school?search=${'a'.repeat(101)}`)
      assert.equal(long.status, 400)
    })

    it('refuses a choice that is not an open establishment, keeping the search', async () => {
      for (const urn of ['999999', '104702', 'not-a-urn']) {
        const refused = await person.post('/registration/choose-school', { search: 'st bede', urn })
        assert.equal(refused.status, 400, urn)
        assert.deepEqual(refused.errorSummary, ['Select your school or college'])
        assert.deepEqual(refused.options('urn').map((option) => option.value), ['107968'], 'the matches are shown again')
      }
      assert.equal((await draftOf(person))?.answers.schoolUrn, undefined)
    })

    it('checks an Ofsted URN and finds the provider', async () => {
      const childminder = await npq.signIn()
      await answerAll(childminder, [...START, ['work-setting', { workSetting: 'early_years_or_childcare' }], ['kind-of-nursery', { kindOfNursery: 'childminder' }], ['have-ofsted-urn', { hasOfstedUrn: 'yes' }]])
      const cases: Array<[string, string]> = [
        ['', 'Enter your or your employer’s Ofsted URN'],
        ['12', 'Enter an Ofsted URN in the right format, like EY456789 or 1234567'],
        ['EY000001', 'No childcare provider with the URN EY000001 was found. Check the URN and try again'],
      ]
      for (const [urn, message] of cases) {
        const refused = await childminder.post('/registration/choose-private-childcare-provider', { privateChildcareProviderUrn: urn })
        assert.equal(refused.status, 400)
        assert.deepEqual(refused.errorSummary, [message])
        assert.equal(refused.inputValue('privateChildcareProviderUrn') ?? '', urn, 'what was typed is kept')
      }
      assert.equal(await childminder.answer('choose-private-childcare-provider', { privateChildcareProviderUrn: 'EY655812' }), '/registration/choose-your-npq')
    })

    it('checks a SENCO start date', async () => {
      const senco = await npq.signIn()
      await answerAll(senco, [...START, ['work-setting', { workSetting: 'a_school' }], ['choose-school', { search: '107912', urn: '107912' }], ['choose-your-npq', { courseIdentifier: 'npq-senco' }], ['senco-in-role', { sencoInRole: 'yes' }]])
      const refused = await senco.post('/registration/senco-start-date', { 'sencoStartDate-month': '13', 'sencoStartDate-year': '2021' })
      assert.equal(refused.status, 400)
      assert.deepEqual(refused.errorSummary, ['The date you became a SENCO must be a real date'])
      assert.match(refused.html, /href="#sencoStartDate-month"/)
      assert.equal(refused.inputValue('sencoStartDate-year'), '2021')
      const future = await senco.post('/registration/senco-start-date', { 'sencoStartDate-month': '7', 'sencoStartDate-year': '2026' })
      assert.deepEqual(future.errorSummary, ['The date you became a SENCO must be in the past'])
      assert.equal(await senco.answer('senco-start-date', { 'sencoStartDate-month': '6', 'sencoStartDate-year': '2026' }), '/registration/possible-funding')
    })
  })

  describe('going where the person is', () => {
    it('sends a deep link into the middle to the first question not yet answered, and saves nothing', async () => {
      const person = await npq.signIn()
      assert.equal((await person.get('/registration/check-answers')).location, '/registration/course-start-date')
      assert.equal((await person.get('/registration/choose-your-provider')).location, '/registration/course-start-date')
      const skipped = await person.post('/registration/choose-your-npq', { courseIdentifier: 'npq-headship' })
      assert.equal(skipped.location, '/registration/course-start-date')
      assert.equal(await draftOf(person), undefined)
      await person.answer('course-start-date', { courseStartCohort: '2026b' })
      assert.equal((await person.get('/registration/share-provider')).location, '/registration/provider-check')
      assert.equal((await person.get('/registration')).location, '/registration/provider-check', 'resumes where they left off')
    })

    it('answers an unknown page with Page not found, and sends people who are not signed in to sign in', async () => {
      const person = await npq.signIn()
      assert.equal((await person.get('/registration/no-such-step')).status, 404)
      assert.equal((await person.get('/registration/constructor')).status, 404)
      const anonymous = await (await import('supertest')).default(npq.app).get('/registration/work-setting')
      assert.equal(anonymous.status, 303)
      assert.equal(anonymous.headers.location, '/sign-in?returnTo=%2Fregistration%2Fwork-setting')
    })
  })

  describe('changing an answer from check answers', () => {
    async function atCheckAnswers() {
      const person = await npq.signIn()
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }], ['choose-school', { search: '107968', urn: '107968' }], ['choose-your-npq', { courseIdentifier: 'npq-headship' }], ['possible-funding', {}], ...FINISH])
      return person
    }

    it('returns to check answers, with Back going there too', async () => {
      const person = await atCheckAnswers()
      const page = await person.get('/registration/choose-your-provider?change=true')
      assert.equal(page.backLink, '/registration/check-answers')
      assert.deepEqual(page.options('leadProvider').find((option) => option.checked)?.value, 'teach-first', 'the answer is shown')
      assert.equal(await person.answer('choose-your-provider?change=true', { leadProvider: 'ambition-institute' }), '/registration/check-answers')
      const rows = (await person.get('/registration/check-answers')).summaryRows()
      assert.equal(rows.find((row) => row.key === 'Provider')?.value, 'Ambition Institute')
    })

    it('asks the questions a change opens, shows the new funding outcome, then returns', async () => {
      const person = await atCheckAnswers()
      assert.equal(await person.answer('work-setting?change=true', { workSetting: 'other' }), '/registration/referred-by-return-to-teaching-adviser?change=true')
      assert.equal(await person.answer('referred-by-return-to-teaching-adviser?change=true', { referredByReturnToTeachingAdviser: 'no' }), '/registration/ineligible-for-funding?change=true')
      const funding = await person.get('/registration/ineligible-for-funding?change=true')
      assert.equal(funding.heading, 'You’re not eligible for scholarship funding')
      assert.equal(await person.answer('ineligible-for-funding?change=true'), '/registration/funding-your-npq?change=true')
      assert.equal(await person.answer('funding-your-npq?change=true', { fundingChoice: 'self' }), '/registration/check-answers')
      const rows = (await person.get('/registration/check-answers')).summaryRows()
      assert.deepEqual(
        rows.map((row) => row.key),
        ['Course start', 'Where you work', 'Work setting', 'Referred by a Return to Teaching adviser', 'Course', 'Funding', 'How you are funding your course', 'Provider'],
        'the school is no longer shown',
      )
      const submitted = await submit(person)
      assert.equal(submitted.status, 303)
      const [application] = await applicationsOf(person)
      assert.equal(application?.school_urn, null, 'the school from the branch they left is not submitted')
      assert.equal(application?.funding_eligibility_status_code, 'ineligible_establishment_type')
      assert.equal(application?.funding_choice, 'self')
    })
  })

  describe('submitting', () => {
    async function ready(claims: object = {}) {
      const person = await npq.signIn(claims)
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }], ['choose-school', { search: '107968', urn: '107968' }], ['choose-your-npq', { courseIdentifier: 'npq-senior-leadership' }], ['possible-funding', {}], ...FINISH])
      return person
    }

    it('creates one application and sends one email for a double click or a resubmit after Back', async () => {
      const person = await ready()
      const page = await person.get('/registration/check-answers')
      const draftVersion = page.inputValue('draftVersion') as string
      const [first, second] = await Promise.all([
        person.post('/registration/check-answers', { draftVersion }),
        person.post('/registration/check-answers', { draftVersion }),
      ])
      const again = await person.post('/registration/check-answers', { draftVersion })
      const applications = await applicationsOf(person)
      assert.equal(applications.length, 1)
      const target = `/account/registrations/${applications[0]?.id}?submitted=true`
      assert.deepEqual([first.location, second.location, again.location], [target, target, target])
      assert.equal((await emailsTo(person)).length, 1)
    })

    it('refuses a second pending registration for the same course and start, clearly, and writes nothing', async () => {
      const person = await ready()
      assert.equal((await submit(person)).status, 303)
      await answerAll(person, [...START, ['work-setting', { workSetting: 'a_school' }], ['choose-school', { search: '107968', urn: '107968' }], ['choose-your-npq', { courseIdentifier: 'npq-senior-leadership' }], ['possible-funding', {}], ...FINISH])
      const draftBefore = await draftOf(person)
      const refused = await submit(person)
      assert.equal(refused.status, 409)
      assert.deepEqual(refused.errorSummary, [
        'You have already registered for the NPQ for Senior Leadership (NPQSL) starting in Autumn 2026. You cannot register for it again while the provider decides on that registration. Choose a different course, or see your registrations',
      ])
      assert.match(refused.html, /href="\/registration\/choose-your-npq\?change=true"/)
      assert.equal((await applicationsOf(person)).length, 1)
      assert.equal((await emailsTo(person)).length, 1)
      assert.deepEqual(await draftOf(person), draftBefore, 'the answers are kept')

      // Another course in the same cohort is a separate registration.
      await person.answer('choose-your-npq?change=true', { courseIdentifier: 'npq-headship' })
      await person.answer('possible-funding?change=true')
      const provider = await person.get('/registration/check-answers')
      assert.equal(provider.status, 200)
      assert.equal((await submit(person)).status, 303)
      assert.equal((await applicationsOf(person)).length, 2)
    })

    it('shows someone still being checked what they answered, with no Submit, and lets them submit once linked', async () => {
      const person = await ready({ trn: undefined, trn_lookup_status: 'Pending' })
      const page = await person.get('/registration/check-answers')
      assert.equal(page.status, 200)
      assert.equal(page.inputValue('draftVersion'), undefined, 'no Submit')
      assert.doesNotMatch(page.html, /Submit registration/)
      assert.match(page.text, /We are still checking your details against your teaching record\. Our helpdesk will email you at teacher\.\d+@school\.example when this is done\./)
      assert.match(page.text, /Your answers are saved/)
      const draft = await draftOf(person)
      const refused = await person.post('/registration/check-answers', { draftVersion: String(draft?.version) })
      assert.equal(refused.status, 403)
      assert.equal((await applicationsOf(person)).length, 0)
      assert.equal((await emailsTo(person)).length, 0)
      assert.deepEqual(await draftOf(person), draft)

      // The helpdesk links their record; the identity service tells us (a webhook or their next sign-in).
      await npq.database.db.updateTable('users').set({ trn: '3199999', trn_lookup_status: 'Found', trn_verified: true }).where('id', '=', person.user.id).execute()
      assert.equal((await person.get('/registration')).location, '/registration/check-answers', 'they pick up where they left off')
      assert.equal((await submit(person)).status, 303)
      const [application] = await applicationsOf(person)
      assert.equal(application?.on_submission_trn, '3199999')
    })

    it('submits no unverified TRN for people the identity service found no record for', async () => {
      const person = await ready({ trn: '3188888', trn_lookup_status: 'None' })
      assert.equal((await submit(person)).status, 303)
      const [application] = await applicationsOf(person)
      assert.equal(application?.on_submission_trn, null)
    })

    it('shows the answers again when the draft changed in another tab after the page was shown', async () => {
      const person = await ready()
      const page = await person.get('/registration/check-answers')
      await person.answer('choose-your-provider?change=true', { leadProvider: 'ambition-institute' })
      const stale = await person.post('/registration/check-answers', { draftVersion: page.inputValue('draftVersion') as string })
      assert.equal(stale.location, '/registration/check-answers')
      assert.equal((await applicationsOf(person)).length, 0)
      assert.equal((await person.post('/registration/check-answers', { draftVersion: 'abc' })).location, '/registration/check-answers')
    })
  })

  it('keeps each person’s answers to themselves', async () => {
    const first = await npq.signIn()
    await answerAll(first, [...START, ['work-setting', { workSetting: 'a_school' }]])
    const firstDraft = await draftOf(first)
    const second = await npq.signIn()
    assert.equal((await second.get('/registration')).location, '/registration/course-start-date')
    assert.equal((await second.get('/registration/choose-school')).location, '/registration/course-start-date')
    await second.answer('course-start-date', { courseStartCohort: '2026a' })
    const refused = await second.post('/registration/check-answers', { draftVersion: String(firstDraft?.version) })
    assert.equal(refused.location, '/registration/provider-check')
    assert.deepEqual(await draftOf(first), firstDraft, 'the first person’s draft is untouched')
    assert.equal((await first.get('/registration')).location, '/registration/choose-school')
  })
})
