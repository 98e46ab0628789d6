import { todayInEngland, type Clock } from '../../../../packages/kit/src/clock.ts'
import { coursesOfferedIn, currentCohorts, providersOffering } from '../catalogue/catalogue.ts'
import { findChildcareProvider, normaliseOfstedUrn } from '../childcare-providers/childcare-providers.ts'
import type { User } from '../database/schema.ts'
import { listMemberships } from '../eligibility-lists/eligibility-lists.ts'
import { courseByIdentifier } from '../funding/courses.ts'
import { findIttProvider, searchIttProviders } from '../itt-providers/itt-providers.ts'
import { findSchool, searchSchools } from '../schools/search-schools.ts'
import type { RegistrationAnswers } from './answers.ts'
import type { ChosenEstablishment, EarlierApplication, RegistrationContext } from './context.ts'
import { SEARCH_RESULT_LIMIT, type RegistrationLookups } from './lookups.ts'
import { reference, type RegistrationDb } from './tables.ts'

// Reads what the flow needs besides the answers. Everything is looked up from what the answers name, whichever
// branch it is on; the flow decides which of it counts.

async function establishment(db: RegistrationDb, urn: string | undefined): Promise<ChosenEstablishment | null> {
  if (!urn) return null
  const school = await findSchool(reference(db), urn)
  if (!school) return null
  return {
    urn: school.urn,
    name: school.name,
    town: school.town,
    inEngland: school.inEngland,
    establishmentTypeCode: Number(school.establishmentTypeCode),
    ukprn: school.ukprn,
    lists: await listMemberships(reference(db), { urn: school.urn, ukprn: school.ukprn }),
  }
}

/**
 * The person's applications, and those of anyone else with the same verified TRN (the same teacher, signed in as
 * another account), for the "previously funded" rule and the one-pending-registration check.
 */
async function earlierApplications(db: RegistrationDb, user: User): Promise<EarlierApplication[]> {
  let query = db
    .selectFrom('applications')
    .select(['course_identifier', 'cohort_identifier', 'lead_provider_approval_status', 'eligible_for_funding'])
    .where('user_id', '=', user.id)
  if (user.trn && user.trn_verified) {
    const trn = user.trn
    query = db
      .selectFrom('applications')
      .select(['course_identifier', 'cohort_identifier', 'lead_provider_approval_status', 'eligible_for_funding'])
      .where((eb) =>
        eb.or([
          eb('user_id', '=', user.id),
          eb('user_id', 'in', eb.selectFrom('users').select('id').where('trn', '=', trn).where('trn_verified', '=', true)),
        ]),
      )
  }
  const rows = await query.execute()
  return rows.map((row) => ({
    courseIdentifier: row.course_identifier,
    cohortIdentifier: row.cohort_identifier,
    accepted: row.lead_provider_approval_status === 'accepted',
    pending: row.lead_provider_approval_status === 'pending',
    eligibleForFunding: row.eligible_for_funding,
    // Funded places are not recorded on applications yet: an accepted, eligible place counts as funded.
    fundedPlace: null,
  }))
}

export async function loadContext(db: RegistrationDb, user: User, answers: RegistrationAnswers, clock: Clock): Promise<RegistrationContext> {
  const today = todayInEngland(clock)
  const cohorts = (await currentCohorts(reference(db), today)).map((cohort) => ({ identifier: cohort.identifier, description: cohort.description, funding: cohort.funding }))
  const cohort = cohorts.find((candidate) => candidate.identifier === answers.courseStartCohort)
  const courses = cohort
    ? (await coursesOfferedIn(reference(db), cohort.identifier)).map((course) => ({
        identifier: course.identifier,
        name: course.name,
        fullName: courseByIdentifier(course.identifier)?.fullName ?? course.name,
      }))
    : []
  const course = courses.find((candidate) => candidate.identifier === answers.courseIdentifier)
  const [providers, school, nursery, privateChildcareProvider, ittProvider, applications] = await Promise.all([
    cohort && course ? providersOffering(reference(db), course.identifier, cohort.identifier) : Promise.resolve([]),
    establishment(db, answers.schoolUrn),
    establishment(db, answers.nurseryUrn),
    (async () => {
      if (!answers.privateChildcareProviderUrn) return null
      const provider = await findChildcareProvider(reference(db), answers.privateChildcareProviderUrn)
      if (!provider) return null
      return { urn: provider.urn, name: provider.name, lists: await listMemberships(reference(db), { ofstedUrn: normaliseOfstedUrn(provider.urn) }) }
    })(),
    answers.ittProvider ? findIttProvider(reference(db), answers.ittProvider).then((provider) => provider ?? null) : Promise.resolve(null),
    earlierApplications(db, user),
  ])
  return {
    today,
    trnLookupStatus: user.trn_lookup_status,
    cohorts,
    courses,
    providers,
    school,
    nursery,
    privateChildcareProvider,
    ittProvider,
    earlierApplications: applications,
  }
}

export function createLookups(db: RegistrationDb): RegistrationLookups {
  return {
    async searchEstablishments(query) {
      const schools = await searchSchools(reference(db), query, { limit: SEARCH_RESULT_LIMIT, openOnly: true })
      return schools.map((school) => ({ urn: school.urn, name: school.name, town: school.town, postcode: school.postcode, inEngland: school.inEngland, open: school.status === 'open' }))
    },
    async findEstablishment(urn) {
      const school = await findSchool(reference(db), urn)
      return school && { urn: school.urn, name: school.name, town: school.town, postcode: school.postcode, inEngland: school.inEngland, open: school.status === 'open' }
    },
    async findChildcareProvider(urn) {
      const provider = await findChildcareProvider(reference(db), urn)
      return provider && { urn: provider.urn, name: provider.name, town: provider.town, postcode: provider.postcode }
    },
    async searchIttProviders(query) {
      return (await searchIttProviders(reference(db), query, { limit: SEARCH_RESULT_LIMIT })).map(({ legalName, operatingName }) => ({ legalName, operatingName }))
    },
    async findIttProvider(legalName) {
      const provider = await findIttProvider(reference(db), legalName)
      // Only a provider on the current approved list can be chosen.
      return provider?.approved ? { legalName: provider.legalName, operatingName: provider.operatingName } : undefined
    },
  }
}
