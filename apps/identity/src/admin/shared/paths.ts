/** Where the console is mounted (app.ts): its pages link to each other with absolute paths. */
export const ADMIN_PATH = '/admin'

/** Only the console's own pages are places to come back to after signing in (no open redirect). */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined
  if (value !== ADMIN_PATH && !value.startsWith(`${ADMIN_PATH}/`) && !value.startsWith(`${ADMIN_PATH}?`)) return undefined
  if (value.includes('\\') || value.includes('//') || value.startsWith(`${ADMIN_PATH}/sign-`)) return undefined
  return value
}

export function signInPath(returnTo?: string): string {
  const back = safeReturnTo(returnTo)
  return `${ADMIN_PATH}/sign-in${back && back !== ADMIN_PATH ? `?returnTo=${encodeURIComponent(back)}` : ''}`
}

export const userPath = (sub: string, page?: string): string => `${ADMIN_PATH}/users/${sub}${page ? `/${page}` : ''}`
