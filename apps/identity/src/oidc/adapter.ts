import { sql, type Kysely } from 'kysely'
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { findClientMetadata } from '../clients/clients.ts'
import type { IdentitySchema } from '../database/schema.ts'

/** Models whose single use protects a grant: using one twice is a replay, and the whole grant is revoked. */
const GRANT_SOURCES = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode'])

/**
 * Stores every oidc-provider model in PostgreSQL (or PGlite), so nothing lives in one process's memory.
 * Expiry uses the injected clock; expired rows are never returned and `pruneExpiredPayloads` deletes them.
 */
export function createAdapterFactory(options: { db: Kysely<IdentitySchema>; clock: Clock }): (model: string) => Adapter {
  return (model) => (model === 'Client' ? clientAdapter(options.db) : payloadAdapter(model, options.db, options.clock))
}

function payloadAdapter(model: string, db: Kysely<IdentitySchema>, clock: Clock): Adapter {
  const live = () =>
    db
      .selectFrom('oidc_payloads')
      .select('payload')
      .where('model', '=', model)
      .where((where) => where.or([where('expires_at', 'is', null), where('expires_at', '>', clock.now())]))

  const payloadOf = (row: { payload: unknown } | undefined) => (row ? (row.payload as AdapterPayload) : undefined)

  return {
    async upsert(id, payload, expiresIn) {
      const now = clock.now()
      const row = {
        model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: typeof expiresIn === 'number' ? new Date(now.getTime() + expiresIn * 1000) : null,
        consumed_at: payload.consumed ? now : null,
      }
      await db
        .insertInto('oidc_payloads')
        .values(row)
        .onConflict((conflict) => conflict.columns(['model', 'id']).doUpdateSet(({ ref }) => ({
          payload: ref('excluded.payload'),
          grant_id: ref('excluded.grant_id'),
          uid: ref('excluded.uid'),
          user_code: ref('excluded.user_code'),
          expires_at: ref('excluded.expires_at'),
          consumed_at: ref('excluded.consumed_at'),
        })))
        .execute()
    },

    async find(id) {
      return payloadOf(await live().where('id', '=', id).executeTakeFirst())
    },

    async findByUid(uid) {
      return payloadOf(await live().where('uid', '=', uid).executeTakeFirst())
    },

    async findByUserCode(userCode) {
      return payloadOf(await live().where('user_code', '=', userCode).executeTakeFirst())
    },

    async consume(id) {
      const now = clock.now()
      // Conditional, so two instances redeeming the same code or refresh token at the same moment cannot both succeed.
      const consumed = await db
        .updateTable('oidc_payloads')
        .set({
          consumed_at: now,
          payload: sql`payload || jsonb_build_object('consumed', ${Math.floor(now.getTime() / 1000)}::bigint)`,
        })
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .returning('id')
        .executeTakeFirst()
      if (consumed || !GRANT_SOURCES.has(model)) return
      const row = await db.selectFrom('oidc_payloads').select('grant_id').where('model', '=', model).where('id', '=', id).executeTakeFirst()
      if (row?.grant_id) await revokeWholeGrant(db, row.grant_id)
      throw new errors.InvalidGrant(`${model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`)
    },

    async destroy(id) {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute()
    },

    async revokeByGrantId(grantId) {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('grant_id', '=', grantId).execute()
    },
  }
}

/** Every token issued under a grant, and the grant itself. */
async function revokeWholeGrant(db: Kysely<IdentitySchema>, grantId: string): Promise<void> {
  await db
    .deleteFrom('oidc_payloads')
    .where((where) => where.or([where('grant_id', '=', grantId), where.and([where('model', '=', 'Grant'), where('id', '=', grantId)])]))
    .execute()
}

/** Clients are read from their own table on every use, so a change or a disabled client takes effect on every instance at once. */
function clientAdapter(db: Kysely<IdentitySchema>): Adapter {
  const managedElsewhere = async () => {
    throw new Error('clients are managed with `npm run identity:client`, not through oidc-provider')
  }
  return {
    find: async (clientId) => (await findClientMetadata(db, clientId)) as AdapterPayload | undefined,
    upsert: managedElsewhere,
    destroy: managedElsewhere,
    consume: managedElsewhere,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    revokeByGrantId: async () => undefined,
  }
}

/** Deletes rows that have expired; run periodically. Expired rows are already invisible, so this only saves space. */
export async function pruneExpiredPayloads(db: Kysely<IdentitySchema>, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('oidc_payloads').where('expires_at', '<=', clock.now()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
