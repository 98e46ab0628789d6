import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fixedClock } from '../../../../packages/kit/src/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../../packages/kit/src/testing/database.ts'
import { NPQ_MIGRATIONS, type NpqSchema } from '../database/schema.ts'
import { readAnswers } from './answers.ts'
import { applyAnswers, readDraft, saveAnswers } from './drafts.ts'

// Answers are kept per person, and a save never silently loses an answer another request saved meanwhile.

describe('registration drafts', () => {
  let database: TestDatabase<NpqSchema>
  const clock = fixedClock('2026-06-01T09:00:00Z')
  before(async () => {
    database = await createTestDatabase<NpqSchema>(NPQ_MIGRATIONS)
  })
  after(async () => {
    await database?.drop()
  })

  let people = 0
  async function person(): Promise<string> {
    people++
    const now = clock.now()
    const row = await database.db
      .insertInto('users')
      .values({ sub: `drafts-${people}`, email: `drafts${people}@school.example`, full_name: 'Ada Lovelace', trn_lookup_status: 'None', identity_updated_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  it('starts empty and keeps each save', async () => {
    const db = database.db
    const userId = await person()
    const empty = await readDraft(db, userId)
    assert.deepEqual(empty, { answers: {}, version: 0 })
    const first = await saveAnswers(db, userId, empty, { courseStartCohort: '2026b' }, clock)
    assert.deepEqual(first, { answers: { courseStartCohort: '2026b' }, version: 1 })
    const second = await saveAnswers(db, userId, first, { chosenProvider: 'yes' }, clock)
    assert.deepEqual(second, { answers: { courseStartCohort: '2026b', chosenProvider: 'yes' }, version: 2 })
    assert.deepEqual(await readDraft(db, userId), second)
  })

  it('applies a save made from an old version on top of the newer answers (a second tab)', async () => {
    const db = database.db
    const userId = await person()
    const read = await saveAnswers(db, userId, await readDraft(db, userId), { courseStartCohort: '2026b' }, clock)
    // Two tabs read version 1; each answers a different question.
    const inFirstTab = await saveAnswers(db, userId, read, { chosenProvider: 'yes' }, clock)
    const inSecondTab = await saveAnswers(db, userId, read, { teacherCatchment: 'england' }, clock)
    assert.equal(inFirstTab.version, 2)
    assert.equal(inSecondTab.version, 3)
    assert.deepEqual((await readDraft(db, userId)).answers, { courseStartCohort: '2026b', chosenProvider: 'yes', teacherCatchment: 'england' })
  })

  it('keeps every answer when many saves race', async () => {
    const db = database.db
    const userId = await person()
    const read = await readDraft(db, userId)
    await Promise.all([
      saveAnswers(db, userId, read, { courseStartCohort: '2026b' }, clock),
      saveAnswers(db, userId, read, { chosenProvider: 'yes' }, clock),
      saveAnswers(db, userId, read, { teacherCatchment: 'england' }, clock),
      saveAnswers(db, userId, read, { workSetting: 'a_school' }, clock),
    ])
    const draft = await readDraft(db, userId)
    assert.deepEqual(draft.answers, { courseStartCohort: '2026b', chosenProvider: 'yes', teacherCatchment: 'england', workSetting: 'a_school' })
    assert.equal(draft.version, 4)
  })

  it('removes an answer saved as undefined (the country, once they say they work in England)', () => {
    assert.deepEqual(applyAnswers({ teacherCatchment: 'another', teacherCatchmentCountry: 'Spain' }, { teacherCatchment: 'england', teacherCatchmentCountry: undefined }), {
      teacherCatchment: 'england',
    })
  })

  it('reads a stored draft leniently: an answer of an old shape is asked again, not trusted', () => {
    assert.deepEqual(readAnswers({ workSetting: 'a_school', kindOfNursery: 'igloo', sencoStartDate: '2021-13', canShareChoices: 'yes', unknown: 1 }), { workSetting: 'a_school' })
    assert.deepEqual(readAnswers(null), {})
    assert.deepEqual(readAnswers('{"workSetting":"a_school"}'), {})
  })
})
