/**
 * The run's names for what its ops created. The engine makes ids (`card3m266nmhhxit`); the user
 * wrote `"as": "notes"` and `"title": "release notes"`. Checks and the journal speak in ids, so
 * everything the lab tells a user about a run goes through a namer built from the run's op
 * history: an item is named as the scenario names it (`$notes`), else by its title or content
 * (`"release notes"`), with the generated id only beside the name: `$notes (card3m266nmhhxit)`.
 * Members are peers, already named by the user.
 */
import { OPS } from '../../engine/ops/registry.ts'
import type { Scenario } from '../../sim/scenario/model.ts'
import { type OpRecord } from '../../sim/opRecord.ts'

/** What a created item is called. */
export interface ItemName {
  readonly id: string
  /** The step's `as`, written `$name`; null when the op had none (random workloads, no `as`). */
  readonly ref: string | null
  /** Its title or content when it was created (clipped), or null. */
  readonly label: string | null
}

/** Longest title or content quoted in a name. */
const MAX_LABEL = 40

/** The argument that says what an item is, per creating op (the registry's `label`). */
const LABEL_ARG: ReadonlyMap<string, string> = new Map(
  [...OPS.values()].flatMap((d) => (d.label === null ? [] : [[d.name, d.label] as const])),
)

export const clip = (text: string, max = MAX_LABEL): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** `"release notes"`: a string as JSON shows it, clipped. */
export const quoted = (text: string): string => JSON.stringify(clip(text))

/** Names the ids a run's ops created; renders ids in text as names. */
export class Namer {
  private readonly items = new Map<string, ItemName>()
  private pattern: RegExp | null = null

  constructor(items: Iterable<ItemName> = []) {
    for (const item of items) this.items.set(item.id, item)
  }

  /** A namer for the ids the ops of a run created. */
  static of(scenario: Pick<Scenario, 'steps'>, ops: readonly OpRecord[]): Namer {
    const as = new Map<number, string>()
    for (const s of scenario.steps) if (s.kind === 'op' && s.as !== null && s.index >= 0) as.set(s.index, s.as)
    const items: ItemName[] = []
    for (const op of ops) {
      const id = op.outcome?.createdId
      if (!id) continue
      const ref = op.step >= 0 ? as.get(op.step) : undefined
      const arg = LABEL_ARG.get(op.op)
      const value = arg === undefined ? undefined : op.args[arg]
      const label = typeof value !== 'string' ? null : op.op === 'canvas.add' ? `${value} element` : quoted(value)
      items.push({ id, ref: ref === undefined ? null : `$${ref}`, label })
    }
    return new Namer(items)
  }

  /** Whether `id` is an id some op of the run created. */
  knows(id: string): boolean {
    return this.items.has(id)
  }

  /** `$notes` or `"release notes"`, or the id itself when the run gave it no name. */
  short(id: string): string {
    const item = this.items.get(id)
    return item?.ref ?? item?.label ?? id
  }

  /** `$notes (card3m266nmhhxit)`: the name with the id beside it; an unnamed id as it is. */
  name(id: string): string {
    const short = this.short(id)
    return short === id ? id : `${short} (${id})`
  }

  /**
   * `text` with every id the run created named (`name`). An id in JSON quotes loses them (it is
   * a name now, not a string value). Named text is left as it is: an id already beside its name,
   * in parentheses, is not named again.
   */
  text(text: string): string {
    const pattern = this.regex()
    if (pattern === null || text === '') return text
    return text.replace(pattern, (_all, inQuotes: string | undefined, bare: string | undefined) =>
      this.name(inQuotes ?? bare!),
    )
  }

  private regex(): RegExp | null {
    if (this.items.size === 0) return null
    if (this.pattern === null) {
      // Longest first, so an id that begins another one never cuts it.
      const ids = [...this.items.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
      const alt = ids.join('|')
      this.pattern = new RegExp(`"(${alt})"|(?<![\\w$(-])(${alt})(?![\\w-])`, 'g')
    }
    return this.pattern
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
