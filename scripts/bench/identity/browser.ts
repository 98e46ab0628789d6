// A small browser for the benchmark's load generator: Node's fetch, a cookie jar, redirects followed by hand so the
// jar sees every Set-Cookie, and a stop as soon as a redirect leaves the provider (to a client's redirect URI, which is
// never fetched: the benchmark plays the client and reads the code from the URL).

type Cookie = { name: string; value: string; path: string; expiresAt: number | undefined }

export type Page = {
  /** The URL that answered, or the outside URL a redirect pointed to when `leftProvider` is set. */
  url: URL
  leftProvider: boolean
  status: number
  body: string
  /** Every provider URL requested along the way, in order. */
  visited: URL[]
}

export type Browser = {
  /** True for the provider's own origins; anything else is a client. */
  isProvider(url: URL): boolean
  navigate(url: URL | string, init?: { method?: 'GET' | 'POST'; form?: Array<[string, string]> }): Promise<Page>
}

const MOST_REDIRECTS = 20
const REQUEST_TIMEOUT_MS = 30_000

/** RFC 6265's default path: the request path up to, not including, its last slash. */
function defaultPath(url: URL): string {
  const path = url.pathname
  const lastSlash = path.lastIndexOf('/')
  return lastSlash <= 0 ? '/' : path.slice(0, lastSlash)
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

/**
 * Cookies for one host. Every service under test answers on 127.0.0.1 (on different ports, which cookies ignore), so
 * the jar keeps no domains.
 */
export function createCookieJar() {
  const cookies = new Map<string, Cookie>()
  return {
    header(url: URL): string {
      const now = Date.now()
      const parts: string[] = []
      for (const [key, cookie] of cookies) {
        if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) {
          cookies.delete(key)
          continue
        }
        if (pathMatches(url.pathname, cookie.path)) parts.push(`${cookie.name}=${cookie.value}`)
      }
      return parts.join('; ')
    },
    store(url: URL, setCookieHeaders: string[]) {
      for (const header of setCookieHeaders) {
        const [pair = '', ...attributes] = header.split(';')
        const equals = pair.indexOf('=')
        if (equals <= 0) continue
        const cookie: Cookie = { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), path: defaultPath(url), expiresAt: undefined }
        let maxAgeSeen = false
        for (const attribute of attributes) {
          const separator = attribute.indexOf('=')
          const key = (separator < 0 ? attribute : attribute.slice(0, separator)).trim().toLowerCase()
          const value = separator < 0 ? '' : attribute.slice(separator + 1).trim()
          if (key === 'path' && value.startsWith('/')) cookie.path = value
          else if (key === 'max-age') {
            maxAgeSeen = true
            cookie.expiresAt = Date.now() + Number(value) * 1000
          } else if (key === 'expires' && !maxAgeSeen) cookie.expiresAt = Date.parse(value)
        }
        const key = `${cookie.name};${cookie.path}`
        if (cookie.expiresAt !== undefined && (Number.isNaN(cookie.expiresAt) || cookie.expiresAt <= Date.now())) cookies.delete(key)
        else cookies.set(key, cookie)
      }
    },
    names: () => [...cookies.values()].map((cookie) => cookie.name),
  }
}

/**
 * A fresh browser (its own cookies) that treats `providerOrigins` as the provider and anything else as a client.
 * `headers` go with every request: the benchmark gives each browser its own X-Forwarded-For, as the load balancer in
 * front of the service would, so limits per address see many people rather than one.
 */
export function createBrowser(providerOrigins: string[], headers: Record<string, string> = {}): Browser {
  const jar = createCookieJar()
  const origins = new Set(providerOrigins.map((origin) => new URL(origin).origin))
  return {
    isProvider: (url) => origins.has(url.origin),
    async navigate(start, init = {}) {
      let url = new URL(start)
      let method = init.method ?? 'GET'
      let body = init.form ? new URLSearchParams(init.form).toString() : undefined
      const visited: URL[] = []
      for (let hop = 0; hop <= MOST_REDIRECTS; hop++) {
        visited.push(url)
        const requestHeaders: Record<string, string> = { accept: 'text/html,application/xhtml+xml', 'user-agent': 'identity-bench', ...headers }
        const cookie = jar.header(url)
        if (cookie) requestHeaders.cookie = cookie
        if (body !== undefined) requestHeaders['content-type'] = 'application/x-www-form-urlencoded'
        const response = await fetch(url, { method, headers: requestHeaders, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
        jar.store(url, response.headers.getSetCookie())
        const text = await response.text()
        const location = response.headers.get('location')
        if (response.status < 300 || response.status >= 400 || !location) {
          return { url, leftProvider: false, status: response.status, body: text, visited }
        }
        const next = new URL(location, url)
        if (!origins.has(next.origin)) return { url: next, leftProvider: true, status: response.status, body: text, visited }
        // 307 and 308 repeat the request as it was; every other redirect becomes a GET.
        if (response.status !== 307 && response.status !== 308) {
          method = 'GET'
          body = undefined
        }
        url = next
      }
      throw new Error(`more than ${MOST_REDIRECTS} redirects from ${String(start)}`)
    },
  }
}

/** A browser as one person behind the load balancer: its own cookies and its own (private, made-up) address. */
export function createPersonBrowser(providerOrigins: string[]): Browser {
  const octet = () => Math.floor(Math.random() * 254) + 1
  return createBrowser(providerOrigins, { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` })
}
