import { stopStep } from '../../step.ts'

/** /registration/school-not-in-england: the chosen school or nursery is in Wales, or overseas. */
export const schoolNotInEngland = stopStep('school-not-in-england', 'Your workplace must be in England')
