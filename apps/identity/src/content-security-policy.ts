import type { Response } from 'express'

/**
 * The kit's policy limits where forms may post, and browsers apply `form-action` to every redirect after a post too.
 * Handing someone back to a client service is such a post: the provider redirects (or form_posts) to the client's
 * redirect URI. Pages doing that widen the directive to those origins; the provider's own routes drop it (their
 * form_post page posts to whichever redirect URI the client registered, and oidc-provider has already checked it).
 */
export function setFormActions(res: Response, sources: string[] | 'any'): void {
  const policy = res.getHeader('Content-Security-Policy')
  if (typeof policy !== 'string') return
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !directive.startsWith('form-action '))
  if (sources !== 'any') directives.push(`form-action 'self' ${sources.join(' ')}`.trim())
  res.setHeader('Content-Security-Policy', directives.join(';'))
}
