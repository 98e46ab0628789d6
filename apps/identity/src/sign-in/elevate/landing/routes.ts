import type { Router } from 'express'
import type { SignInDependencies } from '../../dependencies.ts'
import { stepRoutes } from '../../steps.ts'

const VIEW = 'sign-in/elevate/landing/landing'

/** /sign-in/elevate/landing: why a service with the strict match policy needs more of the person's details. */
export function elevateLandingRoutes(dependencies: SignInDependencies): Router {
  return stepRoutes(dependencies, 'elevate/landing', {
    get(context) {
      context.render(VIEW)
    },
    async post(context) {
      await context.advance({ ...context.state, elevationStarted: true })
    },
  })
}
