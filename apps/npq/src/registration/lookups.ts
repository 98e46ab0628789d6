// Searches and look-ups the search pages need (schools, nurseries, childcare providers, ITT providers), passed to
// steps so that their forms can check a choice against the reference data without knowing where it lives.

export type EstablishmentMatch = {
  urn: string
  name: string
  town: string | null
  postcode: string | null
  inEngland: boolean
  open: boolean
}

export type ChildcareProviderMatch = { urn: string; name: string; town: string | null; postcode: string | null }

export type IttProviderMatch = { legalName: string; operatingName: string }

export type RegistrationLookups = {
  searchEstablishments(query: string): Promise<EstablishmentMatch[]>
  findEstablishment(urn: string): Promise<EstablishmentMatch | undefined>
  findChildcareProvider(urn: string): Promise<ChildcareProviderMatch | undefined>
  searchIttProviders(query: string): Promise<IttProviderMatch[]>
  findIttProvider(legalName: string): Promise<IttProviderMatch | undefined>
}

/** The most results a search page lists. */
export const SEARCH_RESULT_LIMIT = 20
