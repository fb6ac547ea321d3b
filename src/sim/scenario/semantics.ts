/**
 * Checks the schema cannot express: names that must refer to declared peers and entities,
 * kanban and issues on projects only, one operator per final query, bounds that relate two
 * fields. Every finding is collected; nothing stops at the first.
 */
import { isLabError } from '../../engine/base/errors.ts'
import { parseEntityId, validateMemberId, type EntityType } from '../../engine/base/ids.ts'
import { OPS, PROJECT_ONLY, type ArgSpec, type OpName } from './ops.ts'
import { isPlainObject, jsonPath, type Problem } from './problems.ts'
import { OPERATORS, QUERIES } from './queries.ts'
import { refProblems } from './refs.ts'
import type { ScenarioFile } from './schema.ts'

type Path = readonly PropertyKey[]
type RawStep = NonNullable<ScenarioFile['steps']>[number]

/** What the checks share: the declared names and where findings go. */
class Findings {
  readonly problems: Problem[] = []
  readonly peers: Set<string>
  readonly entities = new Map<string, EntityType>()

  constructor(file: ScenarioFile) {
    this.peers = new Set(file.peers)
  }

  add(path: Path, message: string): void {
    this.problems.push({ path: jsonPath(path), message })
  }

  peer(name: string, path: Path): void {
    if (!this.peers.has(name))
      this.add(path, `${JSON.stringify(name)} is not a peer; peers are ${[...this.peers].join(', ')}`)
  }

  /** The declared entity's type, or undefined (reported). */
  entity(id: string, path: Path): EntityType | undefined {
    const type = this.entities.get(id)
    if (type === undefined)
      this.add(
        path,
        `entity ${JSON.stringify(id)} is not declared in $.entities (declared: ` +
          `${[...this.entities.keys()].join(', ') || 'none'})`,
      )
    return type
  }

  /** Kanban and issues exist for projects only. */
  area(name: string, spec: ArgSpec, type: EntityType | undefined, entity: string, path: Path): void {
    if (type !== undefined && type !== 'project' && PROJECT_ONLY.includes(spec.concern)) {
      this.add(path, `${name} needs a project; ${entity} is a ${type} (kanban and issues exist for projects only)`)
    }
  }

  /** Arguments that name members must name peers. */
  memberArgs(spec: ArgSpec, args: unknown, path: Path): void {
    if (!isPlainObject(args)) return
    for (const key of spec.members) if (typeof args[key] === 'string') this.peer(args[key], [...path, key])
  }
}

/** Every semantic problem of a file that passed the schema. */
export function semanticProblems(file: ScenarioFile): Problem[] {
  const f = new Findings(file)
  checkPeers(file, f)
  checkEntities(file, f)
  if (file.config?.crashAfter) f.peer(file.config.crashAfter.peer, ['config', 'crashAfter', 'peer'])
  const [lo, hi] = file.network?.latencyMs ?? [0, 0]
  if (lo > hi) f.add(['network', 'latencyMs'], `min ${lo} is greater than max ${hi}`)
  const steps = file.steps ?? []
  steps.forEach((step, i) => checkStep(step, ['steps', i], f))
  checkScripted(file, f)
  checkExpect(file, f)
  f.problems.push(...refProblems(file))
  return f.problems
}

function checkPeers(file: ScenarioFile, f: Findings): void {
  const first = new Map<string, number>()
  file.peers.forEach((name, i) => {
    const message = idMessage(() => validateMemberId(name))
    if (message) f.add(['peers', i], message)
    const earlier = first.get(name)
    if (earlier !== undefined)
      f.add(['peers', i], `${JSON.stringify(name)} is listed twice (first at $.peers[${earlier}])`)
    else first.set(name, i)
  })
}

function checkEntities(file: ScenarioFile, f: Findings): void {
  file.entities.forEach((e, i) => {
    const path = ['entities', i]
    let type: EntityType | undefined
    const message = idMessage(() => (type = parseEntityId(e.id).type))
    if (message) f.add([...path, 'id'], message)
    else if (f.entities.has(e.id)) f.add([...path, 'id'], `entity ${e.id} is declared twice`)
    else f.entities.set(e.id, type!)
    f.peer(e.owner, [...path, 'owner'])
    for (const member of Object.keys(e.members ?? {})) {
      if (member === e.owner)
        f.add([...path, 'members', member], `${member} is the owner already; list only the other members`)
      else f.peer(member, [...path, 'members', member])
    }
  })
}

function checkStep(step: RawStep, path: Path, f: Findings): void {
  if ('op' in step) {
    f.peer(step.peer, [...path, 'peer'])
    const spec: ArgSpec = OPS[step.op]
    f.area(step.op, spec, f.entity(step.entity, [...path, 'entity']), step.entity, [...path, 'op'])
    f.memberArgs(spec, step.args, [...path, 'args'])
  } else if ('fault' in step) {
    checkFault(step, path, f)
  } else if ('random' in step) {
    checkRandom(step.at, step.random, [...path, 'random'], f)
  } else if ('deliver' in step) {
    const { from, to } = step.deliver
    f.peer(from, [...path, 'deliver', 'from'])
    f.peer(to, [...path, 'deliver', 'to'])
    if (from === to)
      f.add([...path, 'deliver', 'to'], `a message goes between two different peers; from and to are both ${from}`)
  } else if ('sync' in step) {
    f.peer(step.sync, [...path, 'sync'])
  }
}

/**
 * A scripted network delivers what its deliver steps say, nothing else: deliver steps need one,
 * and its losses and copies are steps too, not probabilities.
 */
function checkScripted(file: ScenarioFile, f: Findings): void {
  const scripted = file.network?.delivery === 'scripted'
  if (!scripted) {
    ;(file.steps ?? []).forEach((step, i) => {
      if ('deliver' in step)
        f.add(['steps', i, 'deliver'], 'deliver steps need a scripted network: "network": {"delivery": "scripted"}')
    })
    return
  }
  for (const key of ['drop', 'duplicate', 'corrupt'] as const)
    if ((file.network?.[key] ?? 0) > 0)
      f.add(
        ['network', key],
        'a scripted network loses and copies only what deliver steps say ("fate": "drop" or "duplicate"); ' +
          `set ${key} to 0`,
      )
}

function checkFault(step: Extract<RawStep, { fault: string }>, path: Path, f: Findings): void {
  if ('peer' in step) f.peer(step.peer, [...path, 'peer'])
  if ('as' in step) {
    f.peer(step.as, [...path, 'as'])
    if (step.as === step.peer)
      f.add([...path, 'as'], `a peer impersonates another peer; peer and as are both ${step.as}`)
  }
  if ('from' in step) {
    f.peer(step.from, [...path, 'from'])
    f.peer(step.to, [...path, 'to'])
    if (step.from === step.to)
      f.add([...path, 'to'], `a link joins two different peers; from and to are both ${step.from}`)
  }
  if ('groups' in step) {
    const seen = new Map<string, string>()
    step.groups.forEach((group, g) =>
      group.forEach((name, k) => {
        const here = jsonPath([...path, 'groups', g, k])
        f.peer(name, [...path, 'groups', g, k])
        if (seen.has(name)) f.add([...path, 'groups', g, k], `${name} is in two groups (also at ${seen.get(name)})`)
        else seen.set(name, here)
      }),
    )
  }
}

type RawRandom = Extract<RawStep, { random: unknown }>['random']

function checkRandom(at: number, r: RawRandom, path: Path, f: Findings): void {
  const type = f.entity(r.entity, [...path, 'entity'])
  if (r.until < at) f.add([...path, 'until'], `until ${r.until} is before the step's at ${at}`)
  if (r.everyMs && r.everyMs[0] > r.everyMs[1])
    f.add([...path, 'everyMs'], `min ${r.everyMs[0]} is greater than max ${r.everyMs[1]}`)
  r.peers?.forEach((name, i) => f.peer(name, [...path, 'peers', i]))
  const mix = Object.entries(r.mix) as [OpName, number | undefined][]
  for (const [name] of mix) f.area(name, OPS[name], type, r.entity, [...path, 'mix', name])
  if (!mix.some(([, w]) => (w ?? 0) > 0)) f.add([...path, 'mix'], 'needs at least one op with a positive weight')
}

function checkExpect(file: ScenarioFile, f: Findings): void {
  const checks = file.expect?.checks ?? []
  checks.forEach((name, i) => {
    if (checks.indexOf(name) < i) f.add(['expect', 'checks', i], `${JSON.stringify(name)} is listed twice`)
  })
  file.expect?.final?.forEach((q, i) => {
    const path = ['expect', 'final', i]
    if (q.peer !== '*') f.peer(q.peer, [...path, 'peer'])
    const spec = QUERIES[q.query]
    f.area(q.query, spec, f.entity(q.entity, [...path, 'entity']), q.entity, [...path, 'query'])
    f.memberArgs(spec, q.args, [...path, 'args'])
    const used = OPERATORS.filter((op) => q[op] !== undefined)
    if (used.length !== 1)
      f.add(path, `needs exactly one of ${OPERATORS.join(', ')}; found ${used.join(' and ') || 'none'}`)
    if (q.count !== undefined && spec.answer === 'value')
      f.add([...path, 'count'], `${q.query} answers a single value, which has no count; use equals`)
  })
}

/** The message of the LabError `check` throws (an invalid id), or null. */
function idMessage(check: () => unknown): string | null {
  try {
    check()
    return null
  } catch (e) {
    if (isLabError(e)) return e.message
    throw e
  }
}
