import type { EstablishmentMatch, RegistrationLookups } from '../lookups.ts'
import { SEARCH_RESULT_LIMIT } from '../lookups.ts'
import type { ChosenEstablishment } from '../context.ts'
import type { SearchResult } from './search.ts'

// Searching GIAS establishments, for choose-school and choose-childcare-provider.

export const URN_FORMAT = /^\d{1,8}$/

function describe(match: { urn: string; town: string | null; postcode: string | null }): string {
  return [match.town, match.postcode, `URN ${match.urn}`].filter(Boolean).join(', ')
}

export async function searchEstablishments(lookups: RegistrationLookups, query: string): Promise<SearchResult[]> {
  const matches = await lookups.searchEstablishments(query)
  return matches
    .filter((match) => match.open)
    .slice(0, SEARCH_RESULT_LIMIT)
    .map((match) => ({ value: match.urn, text: match.name, hint: describe(match) }))
}

export async function checkEstablishment(lookups: RegistrationLookups, urn: string, missing: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const match: EstablishmentMatch | undefined = await lookups.findEstablishment(urn)
  return match?.open ? { ok: true } : { ok: false, message: missing }
}

export function establishmentSummary(establishment: ChosenEstablishment | null): string {
  if (!establishment) return ''
  return [establishment.name, establishment.town].filter(Boolean).join(', ')
}
