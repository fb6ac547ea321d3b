/**
 * An op's arguments as a user reads them: `{card: $notes, column: $doing}`. Ids the run created
 * are named (a `$ref` alone, else the title or content with the id beside it), members are bare
 * names, other strings are quoted and clipped.
 */
import { OPS } from '../../engine/ops/registry.ts'
import { clip, quoted, type Namer } from './namer.ts'

/** Arguments that name a member (a peer; the registry's `members`), shown bare like every other member. */
const MEMBER_ARGS: ReadonlySet<string> = new Set([...OPS.values()].flatMap((d) => d.members))

/** `{card: $notes, column: $doing, index: 0}`; `{}` for an op without arguments. */
export function argsText(args: Readonly<Record<string, unknown>>, namer: Namer): string {
  return valueText(args, namer, '')
}

function valueText(value: unknown, namer: Namer, key: string): string {
  if (typeof value === 'string') {
    if (MEMBER_ARGS.has(key)) return value
    if (!namer.knows(value)) return quoted(value)
    const short = namer.short(value)
    return short.startsWith('$') ? short : namer.name(value)
  }
  if (Array.isArray(value)) return `[${value.map((v) => valueText(v, namer, key)).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${valueText(v, namer, k)}`)
      .join(', ')}}`
  return clip(String(value))
}
