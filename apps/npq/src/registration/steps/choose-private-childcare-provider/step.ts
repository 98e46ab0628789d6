import { z } from 'zod'
import { defineStep, schemaForm } from '../../step.ts'

const MISSING = 'Enter your or your employer’s Ofsted URN'
// Ofsted URNs are 7 digits, or 6 digits after two letters (EY for the early years register, CA, VC...).
const OFSTED_URN = /^(?:[A-Z]{2}\d{6}|\d{6,7})$/

const schema = z.object({
  privateChildcareProviderUrn: z
    .string({ error: MISSING })
    .transform((value) => value.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().min(1, MISSING).regex(OFSTED_URN, 'Enter an Ofsted URN in the right format, like EY456789 or 1234567')),
})

/** /registration/choose-private-childcare-provider: the Ofsted URN, looked up on Ofsted's register. */
export const choosePrivateChildcareProvider = defineStep({
  id: 'choose-private-childcare-provider',
  title: 'What is your or your employer’s Ofsted URN?',
  kind: 'question',
  answerKeys: ['privateChildcareProviderUrn'],
  leadsTo: { 'choose-your-npq': '' },
  next: () => 'choose-your-npq',
  isAnswered: ({ answers, context }) =>
    answers.privateChildcareProviderUrn !== undefined && context.privateChildcareProvider?.urn === answers.privateChildcareProviderUrn,
  view: ({ answers }) => ({
    field: 'privateChildcareProviderUrn',
    hint: 'For example a 7 digit number (1234567) or a 6 digit number, often starting with EY (EY456789).',
    inputClasses: 'govuk-input--width-10',
    values: { privateChildcareProviderUrn: answers.privateChildcareProviderUrn },
  }),
  form: schemaForm(schema, async (data, _state, lookups) => {
    const urn = data.privateChildcareProviderUrn
    const provider = await lookups.findChildcareProvider(urn)
    if (!provider) return { errors: [{ field: 'privateChildcareProviderUrn', message: `No childcare provider with the URN ${urn} was found. Check the URN and try again` }] }
    return { answers: { privateChildcareProviderUrn: provider.urn } }
  }),
  summary: ({ context }) => {
    const provider = context.privateChildcareProvider
    return [{ key: 'Childcare provider', value: provider ? `${provider.name} (URN ${provider.urn})` : '' }]
  },
})
