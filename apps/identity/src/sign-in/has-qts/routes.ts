import type { Router } from 'express'
import type { SignInDependencies } from '../dependencies.ts'
import { yesNoRoutes } from '../shared/yes-no.ts'

/** /sign-in/has-qts (services with the default match policy only). */
export function hasQtsRoutes(dependencies: SignInDependencies): Router {
  return yesNoRoutes(dependencies, {
    step: 'has-qts',
    view: 'sign-in/has-qts/has-qts',
    field: 'hasQts',
    missing: 'Select yes if you have been awarded qualified teacher status (QTS)',
    clearedByNo: ['ittProvider'],
  })
}
