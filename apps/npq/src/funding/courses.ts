// The NPQ course catalogue: the one place courses are defined. The seed inserts these rows; the registration
// journey, the lead provider API and the funding rules read them from here. Which lead providers offer which
// course in which cohort is data managed by contract managers, not part of this catalogue.

export type CourseGroup = 'leadership' | 'specialist' | 'ehco' | 'support'

export type CourseIdentifier =
  | 'npq-senco'
  | 'npq-headship'
  | 'npq-senior-leadership'
  | 'npq-executive-leadership'
  | 'npq-early-years-leadership'
  | 'npq-leading-behaviour-culture'
  | 'npq-leading-literacy'
  | 'npq-leading-primary-mathematics'
  | 'npq-leading-teaching'
  | 'npq-leading-teaching-development'
  | 'npq-early-headship-coaching-offer'
  | 'npq-additional-support-offer'

export type Course = {
  /** Stable public identifier, used in the lead provider API and stored on applications. */
  identifier: CourseIdentifier
  /** The name people pick from, e.g. "Headship". */
  name: string
  /** The name in a sentence or a heading, e.g. "NPQ for Headship (NPQH)". */
  fullName: string
  /** DfE's abbreviation, e.g. NPQH; also the short code of qualifications on the teaching record. */
  shortCode: string
  /** Decides which schedules apply once a provider accepts the application. */
  group: CourseGroup
  /** Order on "Which NPQ do you want to do?" (ascending). */
  position: number
  /** False for courses nobody can register for any more; they stay so old applications still read correctly. */
  display: boolean
}

export const COURSES: readonly Course[] = Object.freeze([
  course('npq-senco', 'Special educational needs co-ordinator (SENCO)', 'NPQ for Special Educational Needs Co-ordinators (NPQSENCO)', 'NPQSENCO', 'leadership', 1),
  course('npq-headship', 'Headship', 'NPQ for Headship (NPQH)', 'NPQH', 'leadership', 2),
  course('npq-senior-leadership', 'Senior leadership', 'NPQ for Senior Leadership (NPQSL)', 'NPQSL', 'leadership', 3),
  course('npq-executive-leadership', 'Executive leadership', 'NPQ for Executive Leadership (NPQEL)', 'NPQEL', 'leadership', 4),
  course('npq-early-years-leadership', 'Early years leadership', 'NPQ for Early Years Leadership (NPQEYL)', 'NPQEYL', 'leadership', 5),
  course('npq-leading-behaviour-culture', 'Leading behaviour and culture', 'NPQ for Leading Behaviour and Culture (NPQLBC)', 'NPQLBC', 'specialist', 6),
  course('npq-leading-literacy', 'Leading literacy', 'NPQ for Leading Literacy (NPQLL)', 'NPQLL', 'specialist', 7),
  course('npq-leading-primary-mathematics', 'Leading primary mathematics', 'NPQ for Leading Primary Mathematics (NPQLPM)', 'NPQLPM', 'specialist', 8),
  course('npq-leading-teaching', 'Leading teaching', 'NPQ for Leading Teaching (NPQLT)', 'NPQLT', 'specialist', 9),
  course('npq-leading-teaching-development', 'Leading teacher development', 'NPQ for Leading Teacher Development (NPQLTD)', 'NPQLTD', 'specialist', 10),
  course('npq-early-headship-coaching-offer', 'Early headship coaching offer', 'Early Headship Coaching Offer (EHCO)', 'EHCO', 'ehco', 11),
  // Replaced by the Early Headship Coaching Offer; kept for applications made before it.
  course('npq-additional-support-offer', 'Additional support offer', 'Additional Support Offer (ASO)', 'ASO', 'support', 12, false),
])

const BY_IDENTIFIER: ReadonlyMap<string, Course> = new Map(COURSES.map((entry) => [entry.identifier, entry]))

/** The course with this identifier, or undefined for anything else (input from a form or an API body). */
export function courseByIdentifier(identifier: string): Course | undefined {
  return BY_IDENTIFIER.get(identifier)
}

export function isCourseIdentifier(value: unknown): value is CourseIdentifier {
  return typeof value === 'string' && BY_IDENTIFIER.has(value)
}

/** Courses people can choose, in the order they are shown. */
export function displayedCourses(): Course[] {
  return COURSES.filter((entry) => entry.display).sort((a, b) => a.position - b.position)
}

// Sets of courses that the funding rules (2026 cohorts) refer to. See docs/funding.md.

/** Funded in schools only when the school is on the PP50 list (or, for 16 to 19 settings, the PP50 FE list). */
export const PP50_ONLY_COURSES: ReadonlySet<CourseIdentifier> = new Set<CourseIdentifier>([
  'npq-leading-primary-mathematics',
  'npq-leading-behaviour-culture',
  'npq-leading-literacy',
  'npq-leading-teaching',
  'npq-leading-teaching-development',
  'npq-executive-leadership',
])

/** Besides Early years leadership, the only courses funded for people working in a local authority nursery school. */
export const LA_NURSERY_APPROVED_COURSES: ReadonlySet<CourseIdentifier> = new Set<CourseIdentifier>([
  'npq-senco',
  'npq-headship',
  'npq-senior-leadership',
])

/** Courses that virtual school, hospital school, young offender institution and supply teachers may have funded after a review. */
export const ANOTHER_SETTING_REVIEWABLE_COURSES: ReadonlySet<CourseIdentifier> = new Set<CourseIdentifier>([
  'npq-senco',
  'npq-headship',
  'npq-senior-leadership',
])

/** The one course funded for lead mentors of accredited initial teacher training providers. */
export const LEAD_MENTOR_COURSE: CourseIdentifier = 'npq-leading-teaching-development'

export const EARLY_YEARS_LEADERSHIP_COURSE: CourseIdentifier = 'npq-early-years-leadership'

/** Courses for new headteachers only: the coaching offer and the support offer it replaced. */
export const NEW_HEADTEACHER_COURSES: ReadonlySet<CourseIdentifier> = new Set<CourseIdentifier>([
  'npq-early-headship-coaching-offer',
  'npq-additional-support-offer',
])

// The coaching offer is the support offer renamed: a place funded on either counts as a place on both.
const REBRANDED_ALTERNATIVES: ReadonlyMap<CourseIdentifier, readonly CourseIdentifier[]> = new Map<CourseIdentifier, readonly CourseIdentifier[]>([
  ['npq-early-headship-coaching-offer', ['npq-additional-support-offer']],
  ['npq-additional-support-offer', ['npq-early-headship-coaching-offer']],
])

/** The course itself and any course it was renamed from or to. */
export function courseAndRebrandedAlternatives(identifier: CourseIdentifier): CourseIdentifier[] {
  return [identifier, ...(REBRANDED_ALTERNATIVES.get(identifier) ?? [])]
}

function course(
  identifier: CourseIdentifier,
  name: string,
  fullName: string,
  shortCode: string,
  group: CourseGroup,
  position: number,
  display = true,
): Course {
  return Object.freeze({ identifier, name, fullName, shortCode, group, position, display })
}
