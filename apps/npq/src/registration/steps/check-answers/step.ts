import type { StepDefinition } from '../../step.ts'

/** /registration/check-answers: the answers on the person's path, each with a Change link; Submit registers. */
export const checkAnswers: StepDefinition = {
  id: 'check-answers',
  title: 'Check your answers and submit your registration',
  kind: 'check-answers',
  answerKeys: [],
  leadsTo: {},
  next: () => null,
  isAnswered: () => false,
}
