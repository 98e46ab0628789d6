import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import express, { Router } from 'express'
import { openApiDocument } from './document.ts'

const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>DfE Identity account API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>`

// A script file rather than an inline script, so the page works under the service's Content-Security-Policy.
const startScript = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' })`

/** The OpenAPI description and Swagger UI, as the records service serves its own (mounted at /api/docs). */
export function apiDocsRouter(): Router {
  const router = Router()
  router.get('/openapi.json', (_req, res) => res.json(openApiDocument))
  router.get('/start.js', (_req, res) => res.type('application/javascript').send(startScript))
  router.use('/assets', express.static(swaggerUiFolder, { index: false }))
  router.get('/', (_req, res) => {
    // Swagger UI draws its icons as data: images, which the service-wide policy (img-src 'self') would block.
    const policy = res.getHeader('Content-Security-Policy')
    if (typeof policy === 'string') res.setHeader('Content-Security-Policy', policy.replace(/img-src 'self'/, "img-src 'self' data:"))
    res.type('html').send(page)
  })
  return router
}
