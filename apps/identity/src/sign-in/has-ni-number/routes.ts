import type { Router } from 'express'
import type { SignInDependencies } from '../dependencies.ts'
import { yesNoRoutes } from '../shared/yes-no.ts'

/** /sign-in/has-ni-number */
export function hasNiNumberRoutes(dependencies: SignInDependencies): Router {
  return yesNoRoutes(dependencies, {
    step: 'has-ni-number',
    view: 'sign-in/has-ni-number/has-ni-number',
    field: 'hasNationalInsuranceNumber',
    missing: 'Select yes if you have a National Insurance number',
    clearedByNo: ['nationalInsuranceNumber'],
  })
}
