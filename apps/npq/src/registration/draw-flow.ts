// npm run npq:flow: prints the registration flow as a Mermaid flowchart (paste it into a Markdown file or
// https://mermaid.live to see it).
import { flowchart } from './flow-chart.ts'

process.stdout.write(flowchart())
