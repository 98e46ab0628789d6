import type { Router } from 'express'
import type { SignInDependencies } from '../dependencies.ts'
import { yesNoRoutes } from '../shared/yes-no.ts'

/** /sign-in/has-trn */
export function hasTrnRoutes(dependencies: SignInDependencies): Router {
  return yesNoRoutes(dependencies, {
    step: 'has-trn',
    view: 'sign-in/has-trn/has-trn',
    field: 'hasTrn',
    missing: 'Select yes if you have a teacher reference number (TRN)',
    clearedByNo: ['trn'],
  })
}
