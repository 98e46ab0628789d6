import { stopStep } from '../../step.ts'

/** /registration/ehco-unavailable: the coaching offer needs the Headship NPQ. */
export const ehcoUnavailable = stopStep('ehco-unavailable', 'You cannot register for the Early headship coaching offer')
