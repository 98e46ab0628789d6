import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { walk } from '../../../../packages/kit/src/journeys/step-graph.ts'
import { establishment, openContext, PROVIDERS } from '../testing/registration-states.ts'
import {
  EMPLOYMENT_TYPES,
  FUNDING_CHOICES,
  KINDS_OF_NURSERY,
  MATHS_UNDERSTANDING,
  NPQH_STATUSES,
  SENCO_IN_ROLE,
  TEACHER_CATCHMENTS,
  WORK_SETTINGS,
  YES_NO,
  type RegistrationAnswers,
} from './answers.ts'
import { NOT_ON_ANY_LIST, type RegistrationState } from './context.ts'
import { flowchart } from './flow-chart.ts'
import { registrationFlow, STEPS } from './flow.ts'
import { fundingOutcomeKey } from './funding-input.ts'
import { STEP_IDS, type StepId } from './step.ts'

// The flow's shape, checked from the step definitions: every arrow leads to a real step, every step can be
// reached, and `next` only ever goes where the step says it can (so the drawing is the truth).

const optional = <T,>(values: fc.Arbitrary<T>) => fc.option(values, { nil: undefined })
const oneOf = <T,>(values: readonly T[]) => fc.constantFrom(...values)

const schools = {
  '107968': establishment(),
  '107912': establishment({ urn: '107912', establishmentTypeCode: 1, lists: { pp50School: true } }),
  '401820': establishment({ urn: '401820', inEngland: false, establishmentTypeCode: 30 }),
  '103590': establishment({ urn: '103590', establishmentTypeCode: 11 }),
}
const urns = Object.keys(schools) as Array<keyof typeof schools>

const answersArbitrary: fc.Arbitrary<RegistrationAnswers> = fc.record(
  {
    courseStartCohort: optional(oneOf(['2026b', '2026a', '2019a'])),
    chosenProvider: optional(oneOf(YES_NO)),
    teacherCatchment: optional(oneOf(TEACHER_CATCHMENTS)),
    teacherCatchmentCountry: optional(oneOf(['Wales', 'Spain'])),
    workSetting: optional(oneOf(WORK_SETTINGS)),
    schoolUrn: optional(oneOf([...urns, '999999'])),
    kindOfNursery: optional(oneOf(KINDS_OF_NURSERY)),
    nurseryUrn: optional(oneOf([...urns, '999999'])),
    hasOfstedUrn: optional(oneOf(YES_NO)),
    privateChildcareProviderUrn: optional(oneOf(['EY701556', 'EY000000'])),
    employmentType: optional(oneOf(EMPLOYMENT_TYPES)),
    employmentRole: optional(fc.constant('Teacher')),
    employerName: optional(fc.constant('Essex County Council')),
    ittProvider: optional(oneOf(['Northern Lights Teacher Training Trust', 'Gone Away Trust'])),
    referredByReturnToTeachingAdviser: optional(oneOf(YES_NO)),
    courseIdentifier: optional(oneOf([...openContext().courses.map((course) => course.identifier), 'npq-made-up'])),
    npqhStatus: optional(oneOf(NPQH_STATUSES)),
    ehcoHeadteacher: optional(oneOf(YES_NO)),
    ehcoNewHeadteacher: optional(oneOf(YES_NO)),
    ehcoFundingChoice: optional(oneOf(FUNDING_CHOICES)),
    mathsEligibilityTeachingForMastery: optional(oneOf(YES_NO)),
    mathsUnderstandingOfApproach: optional(oneOf(MATHS_UNDERSTANDING)),
    sencoInRole: optional(oneOf(SENCO_IN_ROLE)),
    sencoStartDate: optional(fc.constant('2021-09')),
    fundingChoice: optional(oneOf(FUNDING_CHOICES)),
    leadProvider: optional(oneOf([...PROVIDERS.map((provider) => provider.identifier), 'gone-provider'])),
    canShareChoices: optional(fc.constant(true)),
  },
  { requiredKeys: [] },
)

const stateArbitrary: fc.Arbitrary<RegistrationState> = fc
  .record({ answers: answersArbitrary, readFunding: fc.boolean(), ittApproved: fc.boolean(), previouslyFunded: fc.boolean() })
  .map(({ answers, readFunding, ittApproved, previouslyFunded }) => {
    const context = openContext({
      school: answers.schoolUrn && answers.schoolUrn in schools ? schools[answers.schoolUrn as keyof typeof schools] : null,
      nursery: answers.nurseryUrn && answers.nurseryUrn in schools ? schools[answers.nurseryUrn as keyof typeof schools] : null,
      privateChildcareProvider: answers.privateChildcareProviderUrn === 'EY701556' ? { urn: 'EY701556', name: 'Jodie Harper', lists: { ...NOT_ON_ANY_LIST, childminder: true } } : null,
      ittProvider: answers.ittProvider === 'Northern Lights Teacher Training Trust' ? { legalName: answers.ittProvider, operatingName: 'Northern Lights SCITT', approved: ittApproved } : null,
      earlierApplications: previouslyFunded
        ? [{ courseIdentifier: answers.courseIdentifier ?? 'npq-headship', cohortIdentifier: '2025b', accepted: true, pending: false, eligibleForFunding: true, fundedPlace: null }]
        : [],
    })
    const state = { answers, context }
    return readFunding ? { answers: { ...answers, fundingSeen: fundingOutcomeKey(state) ?? undefined }, context } : state
  })

describe('the registration flow graph', () => {
  it('has a definition, a page template and a URL of its own for every step', () => {
    for (const id of STEP_IDS) {
      assert.equal(STEPS[id].id, id)
      const template = fileURLToPath(new URL(`./steps/${id}/${id}.njk`, import.meta.url))
      assert.ok(existsSync(template), `steps/${id}/${id}.njk`)
    }
  })

  it('names only real steps as where a step leads', () => {
    for (const id of STEP_IDS) {
      for (const target of Object.keys(STEPS[id].leadsTo)) assert.ok((STEP_IDS as readonly string[]).includes(target), `${id} leads to ${target}`)
    }
  })

  it('reaches every step from the start', () => {
    const reached = new Set<StepId>([registrationFlow.start])
    const queue: StepId[] = [registrationFlow.start]
    while (queue.length > 0) {
      const step = queue.shift() as StepId
      for (const target of Object.keys(STEPS[step].leadsTo) as StepId[]) {
        if (!reached.has(target)) {
          reached.add(target)
          queue.push(target)
        }
      }
    }
    assert.deepEqual([...STEP_IDS].filter((id) => !reached.has(id)), [])
  })

  it('ends only at the stop pages and check answers', () => {
    for (const id of STEP_IDS) {
      const ends = STEPS[id].kind === 'stop' || STEPS[id].kind === 'check-answers'
      assert.equal(Object.keys(STEPS[id].leadsTo).length === 0, ends, id)
    }
  })

  it('only ever goes where a step says it leads, whatever has been answered', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        for (const id of walk(registrationFlow, state)) {
          if (!registrationFlow.isAnswered(id, state)) continue
          const next = STEPS[id].next(state)
          assert.ok(next !== null, `${id} is answered, so it leads somewhere`)
          assert.ok(next in STEPS[id].leadsTo, `${id} went to ${next}, which its leadsTo does not list`)
        }
        for (const id of STEP_IDS) {
          if (STEPS[id].kind === 'stop' || STEPS[id].kind === 'check-answers') assert.equal(STEPS[id].next(state), null, `${id} ends the journey`)
        }
      }),
      { numRuns: 2000, seed: 20260601 },
    )
  })

  it('puts every step on some person’s path', () => {
    const seen = new Set<StepId>()
    for (const state of fc.sample(stateArbitrary, { numRuns: 20000, seed: 42 })) for (const step of walk(registrationFlow, state)) seen.add(step)
    assert.deepEqual([...STEP_IDS].filter((id) => !seen.has(id)), [])
  })

  it('is drawn with a node for every step and an arrow for every way on', () => {
    const chart = flowchart()
    assert.match(chart, /^flowchart TD\n/)
    for (const id of STEP_IDS) assert.ok(chart.includes(`/registration/${id}<`), id)
    const arrows = STEP_IDS.reduce((total, id) => total + Object.keys(STEPS[id].leadsTo).length, 0)
    assert.equal(chart.match(/ -->/g)?.length, arrows)
  })
})
