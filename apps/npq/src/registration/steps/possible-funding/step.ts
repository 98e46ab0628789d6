import { fundingOutcomePage } from '../../shared/funding-outcome.ts'

/** /registration/possible-funding: funded, or DfE will review whether they are. */
export const possibleFunding = fundingOutcomePage('possible-funding', 'You may qualify for DfE scholarship funding', {
  'choose-your-provider': 'funded',
  'funding-your-npq': 'to be reviewed',
})
