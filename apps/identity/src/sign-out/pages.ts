import type { ServerResponse } from 'node:http'
import type nunjucks from 'nunjucks'
import type { KoaContextWithOIDC } from 'oidc-provider'
import type { SignOutPages } from '../oidc/provider.ts'

/**
 * /connect/signout: oidc-provider's RP-initiated logout asks "Do you want to sign out?" and then says "You have signed
 * out". These render those pages with the service's GOV.UK templates. `form` is oidc-provider's hidden form (with its
 * own anti-forgery token), which the buttons submit.
 */
export function govukSignOutPages(templates: () => nunjucks.Environment): SignOutPages {
  const render = (ctx: KoaContextWithOIDC, view: string, context: Record<string, unknown>) => {
    const res = ctx.res as ServerResponse & { locals?: { cspNonce?: string } }
    ctx.type = 'html'
    ctx.body = templates().render(view, { ...context, cspNonce: res.locals?.cspNonce, csrfToken: () => '' })
  }
  return {
    async logoutSource(ctx, form) {
      render(ctx, 'sign-out/sign-out.njk', { form, clientName: ctx.oidc.client?.clientName })
    },
    async postLogoutSuccessSource(ctx) {
      render(ctx, 'sign-out/signed-out.njk', { clientName: ctx.oidc.client?.clientName })
    },
  }
}
