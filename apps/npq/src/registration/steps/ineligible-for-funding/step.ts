import { fundingOutcomePage } from '../../shared/funding-outcome.ts'

/** /registration/ineligible-for-funding: why scholarship funding is not available, before asking how they will pay. */
export const ineligibleForFunding = fundingOutcomePage('ineligible-for-funding', 'DfE scholarship funding is not available', {
  'funding-your-npq': 'an NPQ',
  'funding-your-ehco': 'the coaching offer',
})
