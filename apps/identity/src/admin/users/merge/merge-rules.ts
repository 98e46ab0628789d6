// What the account a person keeps looks like after another account of theirs is merged into it. Pure.
import type { TrnLookupStatus, TrnVerificationLevel } from '../../../database/schema.ts'

export type MergingAccount = {
  email: string
  trn: string | null
  trn_lookup_status: TrnLookupStatus | null
  trn_verification_level: TrnVerificationLevel | null
}

/** Which account's email address or TRN survives: the one kept, or the one merged into it. */
export type Side = 'kept' | 'merged'

export type MergeChoices = { email?: Side; trn?: Side }

/** What an agent is told when a question is left unanswered. */
export const CHOICE_MESSAGES = { email: 'Choose which email address to keep', trn: 'Choose which TRN to keep' } as const

/** The questions an agent must answer: only where the two accounts hold different values that cannot both be kept. */
export function mergeQuestions(kept: MergingAccount, merged: MergingAccount): { email: boolean; trn: boolean } {
  return {
    email: kept.email.toLowerCase() !== merged.email.toLowerCase(),
    trn: kept.trn !== null && merged.trn !== null && kept.trn !== merged.trn,
  }
}

export type MergedValues = Pick<MergingAccount, 'email' | 'trn' | 'trn_lookup_status' | 'trn_verification_level'>

export type MergeResult = { ok: true; values: MergedValues } | { ok: false; missing: 'email' | 'trn' }

// Without a TRN on either account, the status that still needs the most from us wins: a Pending lookup waits for an
// agent, and "we could not find it" says more than "they have none" or "never asked".
const STATUS_WEIGHT: Record<TrnLookupStatus, number> = { Found: 4, Pending: 3, Failed: 2, None: 1 }
const weight = (status: TrnLookupStatus | null) => (status === null ? 0 : STATUS_WEIGHT[status])

/**
 * The kept account's email address and teaching record after the merge. A TRN, when only one account has one, comes
 * across with its status and verification level; when both have different TRNs the agent chooses. Names and date of
 * birth stay the kept account's (an agent corrects them separately, with a reason).
 */
export function mergedValues(kept: MergingAccount, merged: MergingAccount, choices: MergeChoices): MergeResult {
  const questions = mergeQuestions(kept, merged)
  if (questions.email && !choices.email) return { ok: false, missing: 'email' }
  if (questions.trn && !choices.trn) return { ok: false, missing: 'trn' }
  const email = questions.email && choices.email === 'merged' ? merged.email : kept.email
  const trnSource = questions.trn ? (choices.trn === 'merged' ? merged : kept) : kept.trn !== null ? kept : merged.trn !== null ? merged : null
  if (trnSource) {
    return { ok: true, values: { email, trn: trnSource.trn, trn_lookup_status: trnSource.trn_lookup_status, trn_verification_level: trnSource.trn_verification_level } }
  }
  const status = weight(merged.trn_lookup_status) > weight(kept.trn_lookup_status) ? merged.trn_lookup_status : kept.trn_lookup_status
  return { ok: true, values: { email, trn: null, trn_lookup_status: status, trn_verification_level: null } }
}
