import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Clock } from '../clock.ts'
import type { EmailSender } from './sender.ts'
import type { Personalisation } from './schema.ts'
import { renderEmail, type EmailTemplates } from './templates.ts'

/** One line of `$DATA_DIR/outbox/emails.jsonl`: an email that would have gone through GOV.UK Notify. */
export type LocalOutboxEmail = {
  id: number
  service: string
  to: string
  template: string
  subject: string
  body: string
  personalisation: Personalisation
  reference: string | null
  sentAt: string
}

export function localOutboxFile(dataDir: string): string {
  return join(dataDir, 'outbox', 'emails.jsonl')
}

/**
 * Writes each email to the local outbox file instead of sending it (development, demos, tests).
 * Every service appends to the same file; one short write per email keeps lines whole.
 */
export function createLocalOutboxSender(options: { dataDir: string; service: string; templates: EmailTemplates; clock: Clock }): EmailSender {
  const file = localOutboxFile(options.dataDir)
  return {
    name: 'local_outbox',
    async send(email) {
      const { subject, body } = renderEmail(options.templates, email.template, email.personalisation)
      const line: LocalOutboxEmail = {
        id: email.id,
        service: options.service,
        to: email.to,
        template: email.template,
        subject,
        body,
        personalisation: email.personalisation,
        reference: email.reference,
        sentAt: options.clock.now().toISOString(),
      }
      await mkdir(dirname(file), { recursive: true })
      await appendFile(file, `${JSON.stringify(line)}\n`, 'utf8')
      return { sentWith: 'local_outbox', providerReference: null }
    },
  }
}

/** The emails in the local outbox, newest first; lines that are not whole JSON objects are skipped. */
export async function readLocalOutbox(dataDir: string): Promise<LocalOutboxEmail[]> {
  let text: string
  try {
    text = await readFile(localOutboxFile(dataDir), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const emails: LocalOutboxEmail[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const parsed: unknown = JSON.parse(line)
      if (typeof parsed === 'object' && parsed !== null && 'to' in parsed && 'sentAt' in parsed) emails.push(parsed as LocalOutboxEmail)
    } catch {
      // A line cut short by a crash mid-write: the rest of the file is still worth showing.
    }
  }
  return emails.reverse()
}
