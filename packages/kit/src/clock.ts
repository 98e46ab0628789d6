/** Time enters through this, so tests can fix it. */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(isoInstant: string): Clock & { set(isoInstant: string): void; advance(ms: number): void } {
  let current = new Date(isoInstant)
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next)
    },
    advance(ms) {
      current = new Date(current.getTime() + ms)
    },
  }
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's calendar date in England as YYYY-MM-DD, which is what "in the future" means for a date of birth. */
export function todayInEngland(clock: Clock): string {
  return londonDate.format(clock.now())
}
