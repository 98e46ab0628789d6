// Email addresses as a comparison key: one mailbox, one key.

/** "Jo.Bloggs+teaching@GoogleMail.com " → "jobloggs@gmail.com"; null when there is no address.
 * Case and surrounding spaces never matter; a "+tag" delivers to the same mailbox everywhere that supports tags;
 * Gmail ignores dots in the local part and treats googlemail.com as gmail.com. */
export function emailKey(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase() ?? ''
  if (trimmed === '') return null
  const at = trimmed.lastIndexOf('@')
  if (at <= 0 || at === trimmed.length - 1) return trimmed
  let local = trimmed.slice(0, at)
  let domain = trimmed.slice(at + 1)
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (domain === 'googlemail.com') domain = 'gmail.com'
  if (domain === 'gmail.com') local = local.replaceAll('.', '')
  return `${local}@${domain}`
}
