import type { KoaContextWithOIDC } from 'oidc-provider'

export type ErrorOutput = { error: string; error_description?: string | undefined }

const HELP = 'Go back to the service you were using and try again. If it happens again, contact that service.'

/** Plain words for a person, the protocol's code for a developer. Styled GOV.UK pages come with the sign-in journeys. */
export function errorText(output: ErrorOutput): string {
  return [
    'Sorry, there is a problem with the link that brought you here.',
    '',
    HELP,
    '',
    `error: ${output.error}`,
    ...(output.error_description ? [`error_description: ${output.error_description}`] : []),
    '',
  ].join('\n')
}

/**
 * Errors oidc-provider cannot send back to the client, because it does not yet trust the redirect URI (unknown client,
 * unregistered redirect_uri, ...). Shown to the person instead, never redirected: JSON for programs, text for browsers.
 */
export async function renderError(ctx: KoaContextWithOIDC, output: ErrorOutput): Promise<void> {
  const body = { error: output.error, ...(output.error_description ? { error_description: output.error_description } : {}) }
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.type = 'json'
    ctx.body = body
  } else {
    ctx.type = 'text'
    ctx.body = errorText(body)
  }
}

/** The RP-initiated logout confirmation; `form` is oidc-provider's hidden form with its anti-forgery token. */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const service = ctx.oidc.client?.clientName
  ctx.type = 'html'
  ctx.body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign out</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Do you want to sign out?</h1>
<p>You will be signed out of your DfE Identity account${service ? ` and of ${escapeHtml(service)}` : ''}.</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</main>
</body>
</html>`
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html'
  ctx.body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>You have signed out</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>You have signed out</h1><p>You can close this page.</p></main></body>
</html>`
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}
