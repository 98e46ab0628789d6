import type { JsonWebKey } from 'node:crypto'
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Database } from '../../../../packages/kit/src/database.ts'
import { withKitMigrations, type KitTables } from '../../../../packages/kit/src/migrations.ts'

export const TRN_LOOKUP_STATUSES = ['Found', 'Pending', 'None', 'Failed'] as const
export type TrnLookupStatus = (typeof TRN_LOOKUP_STATUSES)[number]
export type TrnVerificationLevel = 'low' | 'medium'
export type TrnRequirement = 'required' | 'optional'
export type TrnMatchPolicy = 'default' | 'strict'
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt'
export type ClientGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export type UsersTable = {
  sub: Generated<string>
  email: string
  email_verified: Generated<boolean>
  given_name: string | null
  middle_name: string | null
  family_name: string | null
  preferred_name: string | null
  birthdate: string | null
  trn: string | null
  trn_lookup_status: TrnLookupStatus | null
  trn_verification_level: TrnVerificationLevel | null
  created_at: Timestamp
  updated_at: Timestamp
  last_signed_in_at: NullableTimestamp
  /** Set when a support agent merged this account into another (migration 0007): it is no longer anyone's account. */
  merged_into: string | null
  merged_at: NullableTimestamp
}

export type ClientsTable = {
  client_id: string
  name: string
  token_endpoint_auth_method: ClientAuthMethod
  secret_hash: string | null
  jwks: Json<{ keys: JsonWebKey[] }> | null
  jwks_uri: string | null
  redirect_uris: string[]
  post_logout_redirect_uris: ColumnType<string[], string[] | undefined, string[]>
  backchannel_logout_uri: string | null
  scopes: string[]
  grant_types: ClientGrantType[]
  trn_requirement: Generated<TrnRequirement>
  trn_match_policy: Generated<TrnMatchPolicy>
  raise_trn_support_tickets: Generated<boolean>
  block_prohibited_teachers: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  disabled_at: NullableTimestamp
}

export type OidcPayloadsTable = {
  model: string
  id: string
  payload: Json<Record<string, unknown>>
  grant_id: string | null
  uid: string | null
  user_code: string | null
  expires_at: NullableTimestamp
  consumed_at: NullableTimestamp
}

export type SigningKeysTable = {
  kid: string
  alg: string
  private_jwk: Json<JsonWebKey>
  created_at: Timestamp
  activates_at: Timestamp
}

export type EventsTable = {
  id: Generated<number>
  event_type: string
  actor: string
  user_sub: string | null
  client_id: string | null
  occurred_at: Timestamp
  details: Json<Record<string, unknown>>
}

export type SignInJourneysTable = {
  id: Generated<string>
  interaction_uid: string
  data: Json<Record<string, unknown>>
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  expires_at: Timestamp
}

export type EmailCodesTable = {
  id: Generated<number>
  journey_id: string
  email: string
  code_hash: string
  created_at: Timestamp
  expires_at: Timestamp
  wrong_attempts: Generated<number>
  used_at: NullableTimestamp
}

export type IdentitySchema = KitTables & {
  users: UsersTable
  clients: ClientsTable
  oidc_payloads: OidcPayloadsTable
  signing_keys: SigningKeysTable
  events: EventsTable
  sign_in_journeys: SignInJourneysTable
  email_codes: EmailCodesTable
}

export type IdentityDatabase = Database<IdentitySchema>
export type UserRow = Selectable<UsersTable>
export type ClientRow = Selectable<ClientsTable>

export const MIGRATIONS_FOLDER = new URL('../../migrations', import.meta.url).pathname

/** The kit's tables (sessions, email outbox, outbox jobs), then the service's own migrations. */
export const IDENTITY_MIGRATIONS = withKitMigrations(MIGRATIONS_FOLDER)
