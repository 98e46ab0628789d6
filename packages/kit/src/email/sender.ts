import type { Personalisation, SentWith } from './schema.ts'

export type { Personalisation }

export type OutgoingEmail = {
  /** The outbox's id for this email; the same on every attempt to send it. */
  id: number
  to: string
  /** The template's name in the service, e.g. `sign-in-code`; each sender maps it to its own template. */
  template: string
  personalisation: Personalisation
  reference: string | null
}

export type SentEmail = { sentWith: SentWith; providerReference: string | null }

/** Sends one email now, or throws (a PermanentJobFailure when sending it again cannot succeed). */
export type EmailSender = {
  readonly name: SentWith
  send(email: OutgoingEmail): Promise<SentEmail>
}
