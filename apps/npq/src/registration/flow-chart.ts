import { STEPS } from './flow.ts'
import { STEP_IDS, type StepId } from './step.ts'

// The registration flow as a Mermaid flowchart, drawn from the step definitions themselves: each step's title,
// and an arrow for every step its `leadsTo` says it can go to (flow.test.ts checks `next` keeps to them).

function nodeId(step: StepId): string {
  return step.replaceAll('-', '_')
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '#quot;')}"`
}

export function flowchart(): string {
  const lines = ['flowchart TD']
  for (const id of STEP_IDS) {
    const step = STEPS[id]
    lines.push(`  ${nodeId(id)}[${quoted(`${step.title}<br/><small>/registration/${id}</small>`)}]`)
  }
  for (const id of STEP_IDS) {
    for (const [target, when] of Object.entries(STEPS[id].leadsTo) as Array<[StepId, string]>) {
      lines.push(when ? `  ${nodeId(id)} -->|${quoted(when)}| ${nodeId(target)}` : `  ${nodeId(id)} --> ${nodeId(target)}`)
    }
  }
  lines.push('  classDef stop fill:#f6d7d2,stroke:#d4351c')
  lines.push('  classDef information fill:#e8f1f8,stroke:#1d70b8')
  lines.push('  classDef submit fill:#cce2d8,stroke:#00703c')
  for (const kind of ['stop', 'information'] as const) {
    const steps = STEP_IDS.filter((id) => STEPS[id].kind === kind)
    if (steps.length > 0) lines.push(`  class ${steps.map(nodeId).join(',')} ${kind}`)
  }
  lines.push(`  class ${nodeId('check-answers')} submit`)
  return `${lines.join('\n')}\n`
}
