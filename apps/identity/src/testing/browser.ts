/** A browser for protocol tests: keeps cookies and follows redirects, but never leaves the provider's origins. */
export type TestBrowser = {
  /**
   * Follows redirects from `url` until a page answers or a redirect leaves the provider (to a client's redirect URI,
   * which is never fetched: the test plays the client and reads the URL).
   */
  navigate(url: string | URL, init?: { method?: 'GET' | 'POST'; form?: Record<string, string> }): Promise<Navigation>
  cookieNames(): string[]
}

export type Navigation = {
  /** The last URL requested, or the outside URL a redirect pointed to. */
  url: URL
  /** True when a redirect pointed outside the provider: `url` is where the client would have been sent. */
  leftProvider: boolean
  status: number
  body: string
  /** Every URL requested along the way. */
  visited: URL[]
}

type Cookie = { name: string; value: string; path: string; expiresAt: number | undefined }

const MOST_REDIRECTS = 20

export function createBrowser(providerOrigins: string[]): TestBrowser {
  const jar = new Map<string, Cookie>()
  const origins = new Set(providerOrigins.map((origin) => new URL(origin).origin))

  function cookieHeader(url: URL): string {
    const now = Date.now()
    return [...jar.values()]
      .filter((cookie) => cookie.expiresAt === undefined || cookie.expiresAt > now)
      .filter((cookie) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')
  }

  function store(url: URL, setCookies: string[]) {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim())
      const index = pair.indexOf('=')
      const cookie: Cookie = { name: pair.slice(0, index), value: pair.slice(index + 1), path: '/', expiresAt: undefined }
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=')
        if (key.toLowerCase() === 'path') cookie.path = value
        if (key.toLowerCase() === 'expires') cookie.expiresAt = Date.parse(value)
        if (key.toLowerCase() === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000
      }
      if (!attributes.some((attribute) => attribute.toLowerCase().startsWith('path='))) cookie.path = url.pathname.replace(/\/[^/]*$/, '') || '/'
      const key = `${cookie.name} ${cookie.path}`
      if (cookie.value === '' || (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now())) jar.delete(key)
      else jar.set(key, cookie)
    }
  }

  return {
    async navigate(start, init = {}) {
      let url = new URL(start)
      let method = init.method ?? 'GET'
      let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined
      const visited: URL[] = []
      for (let hop = 0; hop < MOST_REDIRECTS; hop++) {
        visited.push(url)
        const headers: Record<string, string> = { accept: 'text/html' }
        const cookies = cookieHeader(url)
        if (cookies) headers.cookie = cookies
        if (body) headers['content-type'] = 'application/x-www-form-urlencoded'
        const response = await fetch(url, { method, headers, body, redirect: 'manual' })
        store(url, response.headers.getSetCookie())
        const location = response.headers.get('location')
        const text = await response.text()
        if (response.status < 300 || response.status >= 400 || !location) {
          return { url, leftProvider: false, status: response.status, body: text, visited }
        }
        const next = new URL(location, url)
        if (!origins.has(next.origin)) return { url: next, leftProvider: true, status: response.status, body: text, visited }
        url = next
        method = 'GET'
        body = undefined
      }
      throw new Error(`more than ${MOST_REDIRECTS} redirects from ${String(start)}`)
    },
    cookieNames: () => [...jar.values()].map((cookie) => cookie.name),
  }
}
