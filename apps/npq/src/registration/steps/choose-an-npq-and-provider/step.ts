import { stopStep } from '../../step.ts'

/** /registration/choose-an-npq-and-provider: the person must choose before registering. */
export const chooseAnNpqAndProvider = stopStep('choose-an-npq-and-provider', 'Choose an NPQ and provider before you register')
