import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export type SentWith = 'notify' | 'local_outbox'

export type EmailOutboxTable = {
  job_id: number
  template: string
  to_address: string
  personalisation: ColumnType<Personalisation | null, string, string | null>
  reference: string | null
  created_at: Timestamp
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  sent_with: ColumnType<SentWith | null, SentWith | null | undefined, SentWith | null>
  provider_reference: string | null
}

/** What fills a template's ((placeholders)), as GOV.UK Notify takes it: text, numbers, or a list shown as bullets. */
export type Personalisation = Record<string, string | number | string[]>
