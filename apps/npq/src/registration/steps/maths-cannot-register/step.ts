import { stopStep } from '../../step.ts'

/** /registration/maths-cannot-register */
export const mathsCannotRegister = stopStep('maths-cannot-register', 'You cannot register for the Leading primary mathematics NPQ')
