// Demo cohorts, lead providers and who offers what in each cohort. The provider names are DfE's current NPQ lead
// providers; their hints and the offering table below are written for the demo, not taken from any contract.
import type { CourseIdentifier } from '../src/funding/courses.ts'
import type { CohortFunding } from '../src/catalogue/schema.ts'

export type DemoCohort = {
  identifier: string
  startYear: number
  suffix: string
  description: string
  registrationStartDate: string
  registrationEndDate: string | null
  funding: CohortFunding
}

export const DEMO_COHORTS: readonly DemoCohort[] = [
  { identifier: '2025a', startYear: 2025, suffix: 'a', description: 'Spring 2025', registrationStartDate: '2024-10-01', registrationEndDate: '2025-03-31', funding: 'full' },
  { identifier: '2025b', startYear: 2025, suffix: 'b', description: 'Autumn 2025', registrationStartDate: '2025-04-01', registrationEndDate: '2025-12-31', funding: 'capped' },
  // People who started in spring 2026 can still register, but DfE scholarship funding is not available to them.
  { identifier: '2026a', startYear: 2026, suffix: 'a', description: 'Spring 2026', registrationStartDate: '2025-10-01', registrationEndDate: null, funding: 'zero' },
  { identifier: '2026b', startYear: 2026, suffix: 'b', description: 'Autumn 2026', registrationStartDate: '2026-04-01', registrationEndDate: null, funding: 'capped' },
]

export type DemoLeadProvider = { identifier: string; name: string; hint: string }

export const DEMO_LEAD_PROVIDERS: readonly DemoLeadProvider[] = [
  { identifier: 'ambition-institute', name: 'Ambition Institute', hint: 'Online learning with live sessions' },
  { identifier: 'best-practice-network', name: 'Best Practice Network', hint: 'Blended learning with face-to-face sessions in regional hubs' },
  { identifier: 'church-of-england', name: 'Church of England', hint: 'Open to staff in all schools, not only church schools' },
  { identifier: 'llse', name: 'LLSE', hint: 'Leadership Learning South East, working with school partners' },
  { identifier: 'national-institute-of-teaching', name: 'National Institute of Teaching', hint: 'Delivered through regional school-led campuses' },
  { identifier: 'school-led-network', name: 'School-Led Network', hint: 'Delivered by local teaching school hubs' },
  { identifier: 'teach-first', name: 'Teach First', hint: 'Online learning with in-person conferences' },
  { identifier: 'ucl-institute-of-education', name: 'UCL Institute of Education', hint: 'Delivered with regional delivery partners' },
]

const ALL = DEMO_LEAD_PROVIDERS.map((provider) => provider.identifier)
const except = (...left: string[]) => ALL.filter((identifier) => !left.includes(identifier))

/** Who offers each course in the autumn 2026 cohort. */
const AUTUMN_2026: Readonly<Partial<Record<CourseIdentifier, readonly string[]>>> = {
  'npq-senco': except('llse', 'school-led-network'),
  'npq-headship': except('school-led-network'),
  'npq-senior-leadership': ALL,
  'npq-executive-leadership': except('school-led-network'),
  'npq-early-years-leadership': ['ambition-institute', 'national-institute-of-teaching', 'teach-first', 'ucl-institute-of-education'],
  'npq-leading-behaviour-culture': except('school-led-network'),
  'npq-leading-literacy': ['ambition-institute', 'national-institute-of-teaching', 'teach-first', 'ucl-institute-of-education'],
  'npq-leading-primary-mathematics': ['ambition-institute', 'church-of-england', 'llse', 'national-institute-of-teaching', 'teach-first', 'ucl-institute-of-education'],
  'npq-leading-teaching': except('school-led-network'),
  'npq-leading-teaching-development': ALL,
  'npq-early-headship-coaching-offer': except('school-led-network'),
}

/**
 * Who offers what in each demo cohort. Spring intakes are smaller: in spring 2026 nobody runs Leading primary
 * mathematics (so it is missing from "Which NPQ do you want to do?" for that cohort) and fewer run the specialist courses.
 */
export const DEMO_OFFERINGS: Readonly<Record<string, Readonly<Partial<Record<CourseIdentifier, readonly string[]>>>>> = {
  '2025a': {
    'npq-senco': ['ambition-institute', 'best-practice-network', 'teach-first', 'ucl-institute-of-education'],
    'npq-headship': ['ambition-institute', 'best-practice-network', 'church-of-england', 'teach-first', 'ucl-institute-of-education'],
    'npq-senior-leadership': ['ambition-institute', 'best-practice-network', 'church-of-england', 'teach-first', 'ucl-institute-of-education'],
    'npq-leading-teaching': ['ambition-institute', 'teach-first'],
    'npq-early-headship-coaching-offer': ['ambition-institute', 'church-of-england'],
  },
  '2025b': {
    ...AUTUMN_2026,
    'npq-senior-leadership': except('school-led-network'),
    'npq-leading-teaching-development': except('school-led-network'),
  },
  '2026a': {
    'npq-senco': ['ambition-institute', 'best-practice-network', 'national-institute-of-teaching', 'teach-first', 'ucl-institute-of-education'],
    'npq-headship': ['ambition-institute', 'best-practice-network', 'church-of-england', 'national-institute-of-teaching', 'ucl-institute-of-education'],
    'npq-senior-leadership': ['ambition-institute', 'best-practice-network', 'church-of-england', 'national-institute-of-teaching', 'school-led-network', 'ucl-institute-of-education'],
    'npq-executive-leadership': ['ambition-institute', 'ucl-institute-of-education'],
    'npq-early-years-leadership': ['national-institute-of-teaching', 'teach-first'],
    'npq-leading-behaviour-culture': ['ambition-institute', 'best-practice-network', 'llse'],
    'npq-leading-literacy': ['teach-first'],
    'npq-leading-teaching': ['ambition-institute', 'llse', 'teach-first'],
    'npq-leading-teaching-development': ['ambition-institute', 'school-led-network'],
    'npq-early-headship-coaching-offer': ['ambition-institute', 'church-of-england', 'teach-first'],
  },
  '2026b': AUTUMN_2026,
}
