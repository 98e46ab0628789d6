// Synthetic teacher populations and noisy matching queries for benchmarks and demo data. See README.md.

export {
  ALERT_CODES,
  DEFAULT_FAMILY_RATES,
  DEFAULT_REFERENCE_DATE,
  INDUCTION_STATUSES,
  generateOutsiders,
  generatePopulation,
  toCandidateRecord,
  type AlertCode,
  type FamilyRates,
  type GeneratedPerson,
  type InductionStatus,
  type OutsiderOptions,
  type PopulationOptions,
  type Sex,
} from './generate.ts'
export { CSV_COLUMNS, CSV_HEADER, csvField, csvRow, writePopulationCsv, type WriteCsvResult } from './csv.ts'
export {
  NOISE_FIELDS,
  NOISE_KINDS,
  NOISE_RATES,
  QUERY_KINDS,
  QUERY_KIND_MIX,
  defaultNicknamesOf,
  generateQueries,
  normaliseNino,
  normaliseTrn,
  normaliseTypedQuery,
  type GeneratedQuery,
  type NoiseKind,
  type QueryKind,
  type QueryOptions,
} from './queries.ts'
export { summarisePopulation, type PopulationSummary } from './stats.ts'
export { tailProfile } from './names.ts'
export { isValidNino } from './identifiers.ts'
