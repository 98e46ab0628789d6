// A journey as a graph of question pages. Each step says, as pure functions of the answers so far, whether it has
// been answered and which step comes next. Everything else (which pages a person may open, where "Back" goes,
// where to resume) follows from walking the graph, so it can be tested and drawn without a browser.

export type StepGraph<Step extends string, State> = {
  start: Step
  /** The step after `step`, given the answers; null when the journey ends at `step`. */
  next(step: Step, state: State): Step | null
  /** True once the person has answered `step` (a final step is never answered). */
  isAnswered(step: Step, state: State): boolean
}

/** The steps a person has walked through to reach the first unanswered one, in order. */
export function walk<Step extends string, State>(graph: StepGraph<Step, State>, state: State): Step[] {
  const path: Step[] = []
  let step: Step | null = graph.start
  while (step !== null && !path.includes(step)) {
    path.push(step)
    if (!graph.isAnswered(step, state)) break
    step = graph.next(step, state)
  }
  return path
}

/** A page may be opened only when it is on the path: typing the URL of a later question does not skip ahead. */
export function canOpen<Step extends string, State>(graph: StepGraph<Step, State>, step: Step, state: State): boolean {
  return walk(graph, state).includes(step)
}

/** Where the person should be: the first unanswered step, or the journey's end. */
export function currentStep<Step extends string, State>(graph: StepGraph<Step, State>, state: State): Step {
  return walk(graph, state).at(-1) ?? graph.start
}

/** Where "Back" goes from a step: the step before it on the person's own path. */
export function previousStep<Step extends string, State>(graph: StepGraph<Step, State>, step: Step, state: State): Step | null {
  const path = walk(graph, state)
  const index = path.indexOf(step)
  return index > 0 ? (path[index - 1] ?? null) : null
}

/**
 * Where to go after answering `step`. When the person came from the check-answers page to change one answer,
 * they return to the first step still unanswered, which is the check-answers page unless the change opened a
 * new question (answering "yes" where they had said "no", say).
 */
export function stepAfter<Step extends string, State>(graph: StepGraph<Step, State>, step: Step, state: State, changing: boolean): Step {
  if (changing) return currentStep(graph, state)
  return graph.next(step, state) ?? step
}
