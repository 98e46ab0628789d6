// Loaded as a module from the layout, so the Content-Security-Policy needs no inline script for it.
import { initAll } from './govuk-frontend.min.js'

initAll()
