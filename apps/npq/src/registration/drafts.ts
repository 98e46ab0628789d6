import { sql } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import { readAnswers, type RegistrationAnswers } from './answers.ts'
import type { RegistrationDb } from './tables.ts'

// A person's unsubmitted answers, one row per person in registration_drafts. Every save names the version it
// read; a save that finds a newer version (a second tab, a double click) re-reads and applies its own answers on
// top of the newer ones, so neither request's answer is lost without trace.

export type Draft = {
  answers: RegistrationAnswers
  /** 0 when the person has no draft row yet. */
  version: number
}

const MAX_ATTEMPTS = 5

export class DraftSaveConflict extends Error {
  constructor() {
    super(`the registration draft kept changing under ${MAX_ATTEMPTS} saves in a row`)
    this.name = 'DraftSaveConflict'
  }
}

export async function readDraft(db: RegistrationDb, userId: string): Promise<Draft> {
  const row = await db.selectFrom('registration_drafts').select(['answers', 'version']).where('user_id', '=', userId).executeTakeFirst()
  return row ? { answers: readAnswers(row.answers), version: row.version } : { answers: {}, version: 0 }
}

/** Answers set to undefined are removed. */
export function applyAnswers(answers: RegistrationAnswers, changes: Partial<RegistrationAnswers>): RegistrationAnswers {
  const next: Record<string, unknown> = { ...answers }
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return next as RegistrationAnswers
}

/** Saves `changes` over the draft as it was read; returns the draft as saved. */
export async function saveAnswers(db: RegistrationDb, userId: string, read: Draft, changes: Partial<RegistrationAnswers>, clock: Clock): Promise<Draft> {
  let current = read
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const answers = applyAnswers(current.answers, changes)
    const now = clock.now()
    if (current.version === 0) {
      const inserted = await db
        .insertInto('registration_drafts')
        .values({ user_id: userId, answers: JSON.stringify(answers), updated_at: now })
        .onConflict((conflict) => conflict.column('user_id').doNothing())
        .returning('version')
        .executeTakeFirst()
      if (inserted) return { answers, version: inserted.version }
    } else {
      const updated = await db
        .updateTable('registration_drafts')
        .set({ answers: JSON.stringify(answers), version: sql<number>`version + 1`, updated_at: now })
        .where('user_id', '=', userId)
        .where('version', '=', current.version)
        .returning('version')
        .executeTakeFirst()
      if (updated) return { answers, version: updated.version }
    }
    current = await readDraft(db, userId)
  }
  throw new DraftSaveConflict()
}
