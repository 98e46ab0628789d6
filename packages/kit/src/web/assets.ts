import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { Router } from 'express'
import { GOVUK_FRONTEND_DIST } from './templates.ts'

const GOVUK = join(GOVUK_FRONTEND_DIST, 'govuk')
const KIT_ASSETS = fileURLToPath(new URL('./assets', import.meta.url))
const GOVUK_FILES = ['govuk-frontend.min.css', 'govuk-frontend.min.css.map', 'govuk-frontend.min.js', 'govuk-frontend.min.js.map']

/**
 * `/assets/…`: GOV.UK Frontend's precompiled CSS and JS, its fonts and images (where its CSS expects them), the
 * kit's `init.js`, then any folders of the service's own.
 */
export function staticAssets(options: { serviceFolders?: string[]; maxAge?: string | number } = {}): Router {
  const settings = { index: false, fallthrough: true, maxAge: options.maxAge ?? '1h' } as const
  const router = Router()
  for (const file of GOVUK_FILES) {
    router.get(`/assets/${file}`, (_req, res, next) => res.sendFile(join(GOVUK, file), { maxAge: settings.maxAge }, (error) => error && next(error)))
  }
  router.use('/assets', express.static(join(GOVUK, 'assets'), settings))
  router.use('/assets', express.static(KIT_ASSETS, settings))
  for (const folder of options.serviceFolders ?? []) router.use('/assets', express.static(folder, settings))
  return router
}
