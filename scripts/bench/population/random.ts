// Deterministic pseudo-random numbers for synthetic populations.
// sfc32 (Chris Doty-Humphrey's "small fast counting" generator): 128 bits of state, 32-bit output, passes PractRand
// to many terabytes, and runs at a few nanoseconds per call in V8 because everything stays in 32-bit integers.
// Seeds are strings or numbers mixed through a 32-bit hash, so `createRandom(42, 'outsiders')` and
// `createRandom(42, 'population')` are independent streams from the same user-facing seed.

/** 32-bit FNV-1a over the UTF-16 code units, finished with a murmur3 avalanche. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mix32(h)
}

/** Murmur3 finaliser: a cheap bijective scramble of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export type Seed = number | string

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: Seed, stream = '') {
    const text = `${typeof seed}:${String(seed)}/${stream}`
    this.a = hashString(text, 0x9e3779b9)
    this.b = hashString(text, 0x7f4a7c15)
    this.c = hashString(text, 0x94d049bb)
    this.d = 1
    for (let i = 0; i < 15; i++) this.nextUint32() // let the counter decorrelate the state
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Uniform integer in [min, max] inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(items.length)] as T
  }

  /** Standard normal deviate (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** A child stream, independent of this one, derived from a label (used to keep sub-generators stable). */
  fork(label: string): Random {
    return new Random(this.nextUint32(), label)
  }
}

export function createRandom(seed: Seed, stream = ''): Random {
  return new Random(seed, stream)
}

/**
 * Walker's alias method: O(1) sampling from a fixed discrete distribution.
 * Weights need not sum to 1; zero weights are never drawn.
 */
export class AliasTable {
  readonly size: number
  private readonly probability: Float64Array
  private readonly alias: Int32Array

  constructor(weights: readonly number[]) {
    const n = weights.length
    if (n === 0) throw new Error('alias table needs at least one weight')
    const total = weights.reduce((sum, weight) => sum + weight, 0)
    if (!(total > 0)) throw new Error('alias table needs a positive total weight')
    this.size = n
    this.probability = new Float64Array(n)
    this.alias = new Int32Array(n)
    const scaled = weights.map((weight) => (weight * n) / total)
    const small: number[] = []
    const large: number[] = []
    scaled.forEach((value, index) => (value < 1 ? small : large).push(index))
    while (small.length > 0 && large.length > 0) {
      const less = small.pop() as number
      const more = large.pop() as number
      this.probability[less] = scaled[less] as number
      this.alias[less] = more
      scaled[more] = (scaled[more] as number) + (scaled[less] as number) - 1
      ;((scaled[more] as number) < 1 ? small : large).push(more)
    }
    for (const index of [...small, ...large]) {
      this.probability[index] = 1
      this.alias[index] = index
    }
  }

  sample(random: Random): number {
    const column = random.int(this.size)
    return random.next() < (this.probability[column] as number) ? column : (this.alias[column] as number)
  }
}

/** Pick a key of a weight map with an alias table built once. */
export class WeightedChoice<T> {
  private readonly values: readonly T[]
  private readonly table: AliasTable

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value)
    this.table = new AliasTable(entries.map(([, weight]) => weight))
  }

  sample(random: Random): T {
    return this.values[this.table.sample(random)] as T
  }
}
