// The identity service's view of the teaching record service: one HTTP call, a bounded wait, and a clear
// "unavailable" instead of an exception when the records service is down or slow.

export type PersonDetailsForMatching = {
  firstName: string
  middleName?: string
  lastName: string
  previousLastNames?: string[]
  dateOfBirth: string
  nationalInsuranceNumber?: string
  trn?: string
  email?: string
}

export type MatchAnswer =
  | { outcome: 'match'; trn: string; agreedFields: string[]; reasons?: string[] }
  | { outcome: 'possible'; candidates: Array<{ trn: string; score: number; reasons: string[] }> }
  | { outcome: 'none' }
  | { outcome: 'unavailable'; reason: string }

export type TeachingRecordSummary = {
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  dateOfBirth: string | null
  hasOpenProhibition: boolean
}

export type RecordsClient = {
  match(details: PersonDetailsForMatching): Promise<MatchAnswer>
  /** null when there is no such active record (or the service cannot say). */
  getRecord(trn: string): Promise<TeachingRecordSummary | null>
}

export function createRecordsClient(options: { baseUrl: string; apiKey: string; timeoutMs?: number; fetch?: typeof fetch }): RecordsClient {
  const send = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const headers = { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' }
  const url = (path: string) => new URL(path, options.baseUrl).toString()

  return {
    async match(details) {
      try {
        const response = await send(url('/api/v1/persons/match'), { method: 'POST', headers, body: JSON.stringify(details), signal: AbortSignal.timeout(timeoutMs) })
        if (!response.ok) return { outcome: 'unavailable', reason: `records service answered ${response.status}` }
        const body = (await response.json()) as MatchAnswer
        if (body.outcome === 'match' || body.outcome === 'possible' || body.outcome === 'none') return body
        return { outcome: 'unavailable', reason: 'records service gave an unknown outcome' }
      } catch (error) {
        return { outcome: 'unavailable', reason: error instanceof Error ? error.name : 'request failed' }
      }
    },
    async getRecord(trn) {
      try {
        const response = await send(url(`/api/v1/persons/${encodeURIComponent(trn)}`), { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) })
        if (!response.ok) return null
        const person = (await response.json()) as {
          trn: string
          firstName: string
          middleName: string | null
          lastName: string
          dateOfBirth: string | null
          alerts: Array<{ type: { isProhibition: boolean }; isOpen: boolean }>
        }
        return {
          trn: person.trn,
          firstName: person.firstName,
          middleName: person.middleName,
          lastName: person.lastName,
          dateOfBirth: person.dateOfBirth,
          hasOpenProhibition: person.alerts.some((alert) => alert.isOpen && alert.type.isProhibition),
        }
      } catch {
        return null
      }
    },
  }
}
