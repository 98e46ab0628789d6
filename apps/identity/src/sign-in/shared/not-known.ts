/** The "I do not know my …" button on a question page submits the form with this field set. */
export const NOT_KNOWN_FIELD = 'notKnown'

export function saidNotKnown(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[NOT_KNOWN_FIELD] === 'true'
}
