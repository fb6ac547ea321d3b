/** A schedule's step as one line of text: `alice: chat.send "hello" as $m1`, `deliver alice -> bob #2`. */

const argText = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v))

/** One step of a schedule (the JSON `crdt-lab run` takes) in words. */
export function describeStep(step: Record<string, unknown>): string {
  if (typeof step.op === 'string') {
    const args = Object.entries((step.args ?? {}) as Record<string, unknown>)
      .map(([k, v]) => `${k}=${argText(v)}`)
      .join(' ')
    return `${step.peer}: ${step.op}${args ? ` ${args}` : ''}${step.as ? ` as $${step.as}` : ''}`
  }
  if (step.deliver) {
    const d = step.deliver as { from: string; to: string; seq: number; fate?: string }
    const verb = d.fate === 'drop' ? 'lose' : d.fate === 'duplicate' ? 'deliver a copy of' : 'deliver'
    return `${verb} ${d.from} -> ${d.to} #${d.seq}`
  }
  if (typeof step.sync === 'string') return `${step.sync}: anti-entropy to every peer`
  if (step.advanceDays !== undefined) return `the clock jumps ${step.advanceDays} days`
  if (step.fault === 'clockSkew') return `clock of ${step.peer} skewed by ${step.ms} ms`
  return `${step.fault} ${step.peer}`
}
