// Unique identifiers for synthetic people: TRNs, National Insurance numbers and email addresses.
//
// Three "roles" share each identifier space without ever colliding, whatever seeds are used:
// - 'population': people in the records;
// - 'outsider': people not in the records (negative queries), who may still quote a TRN, NINO or email;
// - 'query': fresh values a query generator invents (a NINO obtained after the record was made, a new email).
// TRN slots and email addresses are split by a seed-independent hash; NINOs by disjoint index ranges.

import { mix32, type Random } from './random.ts'
import { padNumber } from './text.ts'

export type IdentifierRole = 'population' | 'outsider' | 'query'

// ---------------------------------------------------------------------------------------------------------------
// TRN

/** First and last allocation years written as the old "YY/NNNNN" DfES reference (e.g. 85/12345 → 8512345). */
export const LEGACY_TRN_FIRST_YEAR = 1975
export const LEGACY_TRN_LAST_YEAR = 2007
/** From 2008 numbers come from ranges: block for year Y starts at MODERN_TRN_BASE + (Y - 2008) × MODERN_TRN_BLOCK. */
export const MODERN_TRN_BASE = 1_000_000
export const MODERN_TRN_BLOCK = 200_000
const MODERN_TRN_LAST_BLOCK_YEAR = 2037 // block 2037 ends at 6,999,999
const OVERFLOW_TRN_FIRST = 7_000_000
const OVERFLOW_TRN_LAST = 7_499_999 // legacy 75/xxxxx starts at 7,500,000

/** One TRN slot in ten is kept for outsiders and one in fifty for queries, by a hash of the number. */
function trnSlotRole(trn: number): IdentifierRole {
  const bucket = mix32(trn ^ 0x5bd1e995) % 50
  if (bucket < 5) return 'outsider'
  if (bucket === 5) return 'query'
  return 'population'
}

export function isLegacyTrn(trn: string): boolean {
  const prefix = Number(trn.slice(0, 2))
  return prefix >= LEGACY_TRN_FIRST_YEAR % 100 || prefix <= LEGACY_TRN_LAST_YEAR % 100
}

/**
 * Allocates unique 7-digit TRNs from the year a person entered teacher training. Up to 2007 the number is the legacy
 * "YY/NNNNN" form (so 2000–2007 give leading zeros: 0312345); from 2008 numbers come from yearly blocks counted up
 * from 1,000,000. Within a block numbers rise with small random gaps, as with real allocation (withdrawn requests,
 * merged duplicates, numbers held by other issuers).
 */
export class TrnAllocator {
  private readonly role: IdentifierRole
  private readonly random: Random
  private readonly next = new Map<number, number>() // block key → next candidate number
  private overflowNext = OVERFLOW_TRN_FIRST

  constructor(role: IdentifierRole, random: Random) {
    this.role = role
    this.random = random
  }

  allocate(allocationYear: number): string {
    const year = Math.max(LEGACY_TRN_FIRST_YEAR, allocationYear)
    if (year <= LEGACY_TRN_LAST_YEAR) {
      const prefix = year % 100
      const trn = this.take(prefix * 100_000, prefix * 100_000 + 99_999)
      if (trn !== null) return padNumber(trn, 7)
    } else if (year <= MODERN_TRN_LAST_BLOCK_YEAR) {
      const first = MODERN_TRN_BASE + (year - 2008) * MODERN_TRN_BLOCK
      const trn = this.take(first, first + MODERN_TRN_BLOCK - 1)
      if (trn !== null) return padNumber(trn, 7)
    }
    return padNumber(this.takeOverflow(), 7)
  }

  private take(first: number, last: number): number | null {
    let candidate = this.next.get(first) ?? first + 1 + this.random.int(1500)
    while (candidate <= last) {
      if (trnSlotRole(candidate) === this.role) {
        // Population numbers skip a few slots now and then; the reserved roles take every slot they own.
        this.next.set(first, candidate + 1 + (this.role === 'population' && this.random.chance(0.15) ? this.random.int(6) : 0))
        return candidate
      }
      candidate++
    }
    this.next.set(first, candidate)
    return null
  }

  private takeOverflow(): number {
    while (this.overflowNext <= OVERFLOW_TRN_LAST) {
      const candidate = this.overflowNext++
      if (trnSlotRole(candidate) === this.role) return candidate
    }
    throw new Error('TRN ranges exhausted: population too large for the synthetic allocation scheme')
  }
}

// ---------------------------------------------------------------------------------------------------------------
// National Insurance numbers

const NINO_FIRST_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ' // HMRC: never D, F, I, Q, U, V
const NINO_SECOND_LETTERS = 'ABCEGHJKLMNPRSTWXYZ' // and never O second
const NINO_BANNED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])
export const NINO_PREFIXES: readonly string[] = [...NINO_FIRST_LETTERS].flatMap((first) =>
  [...NINO_SECOND_LETTERS].map((second) => first + second).filter((prefix) => !NINO_BANNED_PREFIXES.has(prefix)),
)
const NINO_SPACE = NINO_PREFIXES.length * 1_000_000
const NINO_SUFFIXES = 'ABCD'

/** Index ranges per role; a NINO is a bijective scramble of its index, so disjoint ranges give disjoint NINOs. */
const NINO_RANGES: Readonly<Record<IdentifierRole, readonly [number, number]>> = {
  population: [0, 200_000_000],
  outsider: [200_000_000, 330_000_000],
  query: [330_000_000, NINO_SPACE],
}

/** The pattern of the reference implementation (NationalInsuranceNumber.cs §1.5); generated NINOs also meet the
 * stricter HMRC allocation rules (no Q prefix, suffix A–D only). */
export const NINO_PATTERN = /^[A-CEGHJ-PQR-TW-Z][A-CEGHJ-NPQR-TW-Z][0-9]{6}[A-DFMU]$/

export function isValidNino(nino: string): boolean {
  return NINO_PATTERN.test(nino) && !NINO_BANNED_PREFIXES.has(nino.slice(0, 2))
}

const FEISTEL_KEYS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c]

/** A 4-round Feistel permutation of [0, 2^30), cycle-walked into [0, NINO_SPACE). */
function scrambleNinoIndex(index: number): number {
  let value = index
  do {
    let left = value >>> 15
    let right = value & 0x7fff
    for (const key of FEISTEL_KEYS) {
      const next = left ^ (mix32(right ^ key) & 0x7fff)
      left = right
      right = next
    }
    value = ((left << 15) | right) >>> 0
  } while (value >= NINO_SPACE)
  return value
}

export class NinoAllocator {
  private next: number
  private readonly last: number

  constructor(role: IdentifierRole, startOffset = 0) {
    const [first, last] = NINO_RANGES[role]
    this.next = first + startOffset
    this.last = last
  }

  allocate(): string {
    if (this.next >= this.last) throw new Error('NINO range exhausted')
    const scrambled = scrambleNinoIndex(this.next++)
    const prefix = NINO_PREFIXES[Math.floor(scrambled / 1_000_000)] as string
    const suffix = NINO_SUFFIXES[mix32(scrambled) & 3] as string
    return prefix + padNumber(scrambled % 1_000_000, 6) + suffix
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Email addresses

let hashA = 0
let hashB = 0

/** Two independent 32-bit FNV-1a lanes over local@domain, in one pass, left in hashA / hashB (no allocation). */
function hashEmail(local: string, domain: string): void {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x9e3779b9
  for (let i = 0; i < local.length; i++) {
    const code = local.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x05f5e0ff)
  }
  a = Math.imul(a ^ 64, 0x01000193) // '@'
  b = Math.imul(b ^ 64, 0x05f5e0ff)
  for (let i = 0; i < domain.length; i++) {
    const code = domain.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x05f5e0ff)
  }
  hashA = mix32(a)
  hashB = mix32(b)
}

function roleOfHash(hash: number): IdentifierRole {
  const bucket = hash & 15
  if (bucket === 0) return 'outsider'
  if (bucket === 1) return 'query'
  return 'population'
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@')
  return [email.slice(0, at), email.slice(at + 1)]
}

/** One address in sixteen is kept for outsiders and one for queries, by a hash of the address. */
export function emailRole(email: string): IdentifierRole {
  hashEmail(...splitEmail(email))
  return roleOfHash(hashA)
}

const FALLBACK_DOMAINS = [
  'gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'hotmail.com', 'live.co.uk', 'googlemail.com',
  'btinternet.com', 'outlook.co.uk', 'yahoo.com', 'aol.com', 'sky.com', 'live.com', 'me.com', 'virginmedia.com',
]

/** Open-addressing hash set of 64-bit fingerprints held as pairs of 32-bit integers. */
class FingerprintSet {
  private slots = new Int32Array(1 << 16)
  private count = 0

  has(a: number, b: number): boolean {
    return this.find(a | 0, b | 1) >= 0
  }

  /** Adds the fingerprint; false when it was already there. */
  add(a: number, b: number): boolean {
    const high = a | 0
    const low = b | 1 // a zero low word marks an empty slot
    const found = this.find(high, low)
    if (found >= 0) return false
    if ((this.count + 1) * 4 > this.slots.length) this.grow() // keep the load under one half (two words a slot)
    this.insert(high, low)
    this.count++
    return true
  }

  private find(high: number, low: number): number {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    for (let slot = ((high >>> 4) ^ low) & mask; ; slot = (slot + 1) & mask) {
      const storedLow = slots[2 * slot + 1] as number
      if (storedLow === 0) return -1
      if (storedLow === low && slots[2 * slot] === high) return slot
    }
  }

  private insert(high: number, low: number): void {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    let slot = ((high >>> 4) ^ low) & mask
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
    slots[2 * slot] = high
    slots[2 * slot + 1] = low
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot + 1] !== 0) this.insert(old[slot] as number, old[slot + 1] as number)
    }
  }
}

/**
 * Hands out email addresses unique within a generator run and owned by its role. When the address a person would
 * pick is taken (or belongs to another role) digits are appended, as real people do (david.smith84@…).
 */
export class EmailRegistry {
  private readonly role: IdentifierRole
  private readonly random: Random
  /** 64-bit fingerprints of the addresses handed out: far cheaper than a set of strings at a million entries. A
   * fingerprint collision (about one in 10^7 at that size) only makes the registry append digits needlessly. */
  private readonly used = new FingerprintSet()

  constructor(role: IdentifierRole, random: Random) {
    this.role = role
    this.random = random
  }

  claim(localPart: string, domain: string, birthYear: number): string {
    if (this.accept(localPart, domain)) return `${localPart}@${domain}`
    const yy = padNumber(birthYear % 100, 2)
    const locals = [`${localPart}${yy}`, `${localPart}${birthYear}`, `${localPart}${this.random.between(1, 99)}`]
    for (const local of locals) {
      if (this.accept(local, domain)) return `${local}@${domain}`
    }
    // The reserved roles own one address in sixteen: rather than pile up digits, try the same names at other providers.
    for (const local of [localPart, locals[0] as string]) {
      for (const other of FALLBACK_DOMAINS) {
        if (other !== domain && this.accept(local, other)) return `${local}@${other}`
      }
    }
    for (;;) {
      const local = `${localPart}${this.random.between(100, 9999)}`
      if (this.accept(local, domain)) return `${local}@${domain}`
    }
  }

  has(email: string): boolean {
    hashEmail(...splitEmail(email))
    return this.used.has(hashA, hashB)
  }

  private accept(local: string, domain: string): boolean {
    hashEmail(local, domain)
    return roleOfHash(hashA) === this.role && this.used.add(hashA, hashB)
  }
}
