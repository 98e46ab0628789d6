import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import express, { Router } from 'express'

const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

// A script file rather than an inline script, so the page works under a strict Content-Security-Policy.
const startScript = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' })`

function page(title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escaped}</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>`
}

/** A service's OpenAPI description and Swagger UI, mounted at /api/docs. */
export function apiDocsRouter(options: { title: string; document: object }): Router {
  const router = Router()
  const html = page(options.title)
  router.get('/openapi.json', (_req, res) => res.json(options.document))
  router.get('/start.js', (_req, res) => res.type('application/javascript').send(startScript))
  router.use('/assets', express.static(swaggerUiFolder, { index: false }))
  router.get('/', (_req, res) => {
    // Swagger UI draws its icons as data: images, which a service-wide img-src 'self' would block.
    const policy = res.getHeader('Content-Security-Policy')
    if (typeof policy === 'string') res.setHeader('Content-Security-Policy', policy.replace(/img-src 'self'(?=;|$)/, "img-src 'self' data:"))
    res.type('html').send(html)
  })
  return router
}

/** The OpenAPI schema of the kit's JSON errors (api-errors.ts), with examples from the service's own fields and codes. */
export function apiErrorSchema(examples: { field: string; fieldCode: string }): object {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stable, machine-readable', example: 'validation_failed' },
          message: { type: 'string' },
          field: { type: 'string', example: examples.field },
          errors: {
            type: 'array',
            items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string', example: examples.fieldCode }, message: { type: 'string' } } },
          },
        },
      },
    },
  }
}
