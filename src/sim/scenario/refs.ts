/**
 * `"as"` names and `"$name"` references. Steps run in order of `at`, ties in file order, so a
 * reference must be bound by a step that runs before it; a final query may use any name. The
 * binding step also fixes what the name refers to (a message, a card...) and in which entity.
 *
 * ```
 *  run order:  steps[0] at 0  as m1 ──┐
 *              steps[2] at 5  uses $m1 ◄┘  ok
 *              steps[1] at 10 uses $m2 ◄┐  error: used before steps[3] binds it
 *              steps[3] at 20 as m2 ────┘
 * ```
 */
import { refName } from './model.ts'
import { CREATING_OPS, OPS, type ArgSpec, type RefKind } from './ops.ts'
import { isPlainObject, jsonPath, type Problem } from './problems.ts'
import { QUERIES } from './queries.ts'
import type { ScenarioFile } from './schema.ts'
import { NAME_PATTERN } from './steps.ts'

type RawStep = NonNullable<ScenarioFile['steps']>[number]
type OpStepRaw = Extract<RawStep, { op: string }>

interface Binding {
  readonly index: number
  readonly at: number
  /** Position in run order. */
  readonly order: number
  readonly kind: RefKind
  readonly entity: string
}

/** Problems with `as` names and `$name` references anywhere in the file. */
export function refProblems(file: ScenarioFile): Problem[] {
  const problems: Problem[] = []
  const add = (path: readonly PropertyKey[], message: string): void =>
    void problems.push({ path: jsonPath(path), message })
  const runOrder = opStepsInRunOrder(file.steps ?? [])
  const bindings = bind(runOrder, add)
  runOrder.forEach(({ step, index }, order) => {
    checkRefs(OPS[step.op], step.args, step.entity, ['steps', index, 'args'], bindings, add, {
      order,
      at: step.at,
      what: step.op,
    })
  })
  file.expect?.final?.forEach((q, i) => {
    checkRefs(QUERIES[q.query], q.args, q.entity, ['expect', 'final', i, 'args'], bindings, add, null)
  })
  return problems
}

function opStepsInRunOrder(steps: readonly RawStep[]): { step: OpStepRaw; index: number }[] {
  return steps
    .map((step, index) => ({ step, index }))
    .filter((s): s is { step: OpStepRaw; index: number } => 'op' in s.step)
    .sort((a, b) => a.step.at - b.step.at || a.index - b.index)
}

type Add = (path: readonly PropertyKey[], message: string) => void

function bind(runOrder: readonly { step: OpStepRaw; index: number }[], add: Add): Map<string, Binding> {
  const bindings = new Map<string, Binding>()
  runOrder.forEach(({ step, index }, order) => {
    if (step.as === undefined) return
    const creates = OPS[step.op].creates
    const earlier = bindings.get(step.as)
    if (creates === null) {
      add(['steps', index, 'as'], `${step.op} creates nothing to name; "as" belongs on ${CREATING_OPS.join(', ')}`)
    } else if (earlier !== undefined) {
      add(['steps', index, 'as'], `${JSON.stringify(step.as)} is already bound by $.steps[${earlier.index}]`)
    } else {
      bindings.set(step.as, { index, at: step.at, order, kind: creates, entity: step.entity })
    }
  })
  return bindings
}

/** Where a reference is used: in a step (which must run after the binding) or a final query (null). */
type Use = { readonly order: number; readonly at: number; readonly what: string } | null

function checkRefs(
  spec: ArgSpec,
  args: unknown,
  entity: string,
  path: readonly PropertyKey[],
  bindings: Map<string, Binding>,
  add: Add,
  use: Use,
): void {
  if (!isPlainObject(args)) return
  for (const [key, kind] of Object.entries(spec.refs)) {
    const value = args[key]
    const name = typeof value === 'string' ? refName(value) : null
    if (name === null) continue
    const message = refMessage(value as string, kind, entity, key, bindings.get(name), use)
    if (message !== null) add([...path, key], message)
  }
}

function refMessage(
  value: string,
  kind: RefKind,
  entity: string,
  key: string,
  b: Binding | undefined,
  use: Use,
): string | null {
  const name = value.slice(1)
  const shown = JSON.stringify(value)
  if (!NAME_PATTERN.test(name))
    return `${shown} is not a valid reference; write "$name" with a name some step gives in "as"`
  if (b === undefined) return `${shown} is not bound: no step has "as": ${JSON.stringify(name)}`
  if (use !== null && b.order === use.order)
    return `${shown} is bound by this same step; a step cannot use what it creates`
  if (use !== null && b.order > use.order) {
    return (
      `${shown} is used at ${use.at} ms, before $.steps[${b.index}] binds it at ` +
      `${b.at} ms (steps run in order of "at", ties in file order)`
    )
  }
  if (b.kind !== kind)
    return `${shown} names ${article(b.kind)} (bound by $.steps[${b.index}]), but ${key} must name ${article(kind)}`
  if (b.entity !== entity)
    return `${shown} names ${article(b.kind)} of ${b.entity} (bound by $.steps[${b.index}]), not of ${entity}`
  return null
}

const article = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`
