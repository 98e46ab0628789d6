// The teaching record service as the support console reads it: a whole record by TRN (NI number and QTS included,
// which the sign-in journey's client leaves out), and why there is none, so an agent gets a clear answer.

export type CandidateRecord = {
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  previousLastNames: string[]
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  qtsDate: string | null
  eytsDate: string | null
  hasOpenProhibition: boolean
}

export type RecordLookup =
  | { kind: 'found'; record: CandidateRecord }
  | { kind: 'not_found' }
  | { kind: 'deactivated' }
  | { kind: 'merged'; survivingTrn: string }
  | { kind: 'unavailable' }

export type AdminRecords = { lookUp(trn: string): Promise<RecordLookup> }

type PersonBody = {
  trn: string
  firstName: string
  middleName: string | null
  lastName: string
  previousNames?: Array<{ lastName: string }>
  dateOfBirth: string | null
  nationalInsuranceNumber: string | null
  qtsDate: string | null
  eytsDate: string | null
  alerts?: Array<{ type: { isProhibition: boolean }; isOpen: boolean }>
}

export function createAdminRecords(options: { baseUrl: string; apiKey: string; timeoutMs?: number; fetch?: typeof fetch }): AdminRecords {
  const send = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  return {
    async lookUp(trn) {
      if (!/^\d{7}$/.test(trn)) return { kind: 'not_found' }
      try {
        const response = await send(new URL(`/api/v1/persons/${trn}`, options.baseUrl), {
          headers: { Authorization: `Bearer ${options.apiKey}`, Accept: 'application/json' },
          // A merged record answers 308 to its survivor: the agent is told which TRN to use instead.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        })
        if (response.status === 404) return { kind: 'not_found' }
        if (response.status === 410) return { kind: 'deactivated' }
        if (response.status === 308) {
          const body = (await response.json()) as { trn?: unknown }
          return typeof body.trn === 'string' ? { kind: 'merged', survivingTrn: body.trn } : { kind: 'unavailable' }
        }
        if (!response.ok) return { kind: 'unavailable' }
        const person = (await response.json()) as PersonBody
        return {
          kind: 'found',
          record: {
            trn: person.trn,
            firstName: person.firstName,
            middleName: person.middleName,
            lastName: person.lastName,
            previousLastNames: (person.previousNames ?? []).map((name) => name.lastName),
            dateOfBirth: person.dateOfBirth,
            nationalInsuranceNumber: person.nationalInsuranceNumber,
            qtsDate: person.qtsDate,
            eytsDate: person.eytsDate,
            hasOpenProhibition: (person.alerts ?? []).some((alert) => alert.isOpen && alert.type.isProhibition),
          },
        }
      } catch {
        return { kind: 'unavailable' }
      }
    },
  }
}
