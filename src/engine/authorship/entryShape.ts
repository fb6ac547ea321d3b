/**
 * What a signed entry's update claims, read before it is integrated: the one client whose structs
 * it carries (an author writes only under its own clientID) with their clock range, and the client
 * registrations it writes (`_clients` entries, reference/registry.ts), which must name the signer.
 */
import * as Y from 'yjs'
import type { MemberId } from '../base/ids.ts'
import { decodedUpdate } from '../sync/validateUpdate.ts'

/** Root map of the reference profile's client registry (reference/registry.ts reads it). */
export const REGISTRY = '_clients'

export interface EntryShape {
  /** The client whose structs the update carries, or undefined when it only deletes. */
  readonly client: number | undefined
  /** Clocks [from, to) of that client (0, 0 without structs). */
  readonly from: number
  readonly to: number
  /** Clients the update writes structs for (an honest author: at most one). */
  readonly clients: number
  /** Registry entries it writes: the client key each names and the member it registers. */
  readonly registrations: readonly { readonly key: string; readonly writer: number; readonly member: unknown }[]
  /** For an update that only deletes: per client, the highest clock it deletes up to (exclusive). */
  readonly deletesTo?: ReadonlyMap<number, number>
}

/** Reads the shape of a v1 update (throws what Yjs throws on malformed bytes). */
export function shapeOf(update: Uint8Array): EntryShape {
  const decoded = decodedUpdate(update)
  const meta = clockRanges(decoded.structs)
  const clients = [...meta.to].filter(([c, to]) => to > (meta.from.get(c) ?? to))
  const [first] = clients
  const client = first?.[0]
  const from = client === undefined ? 0 : meta.from.get(client)!
  const to = client === undefined ? 0 : first![1]
  const registrations = registrationsIn(decoded.structs)
  const shape = { client, from, to, clients: clients.length, registrations }
  return client === undefined ? { ...shape, deletesTo: deletesTo(decoded) } : shape
}

type Decoded = ReturnType<typeof Y.decodeUpdate>

/**
 * Per client, the clock of its first struct and the clock after its last, as `Y.parseUpdateMeta`
 * computes them (the same walk over the same structs, skips included), from the structs the
 * receive path's structure check already decoded (validateUpdate.ts `decodedUpdate`): reading
 * them again took a third of a received entry's log check.
 */
function clockRanges(structs: Decoded['structs']): { from: Map<number, number>; to: Map<number, number> } {
  const from = new Map<number, number>()
  const to = new Map<number, number>()
  let client: number | undefined
  let clock = 0
  for (const s of structs) {
    if (s.id.client !== client) {
      if (client !== undefined) to.set(client, clock)
      client = s.id.client
      from.set(client, s.id.clock)
    }
    clock = s.id.clock + s.length
  }
  if (client !== undefined) to.set(client, clock)
  return { from, to }
}

function deletesTo(decoded: Decoded): Map<number, number> {
  const out = new Map<number, number>()
  for (const [client, items] of decoded.ds.clients)
    for (const it of items) out.set(client, Math.max(out.get(client) ?? 0, it.clock + it.len))
  return out
}

function registrationsIn(structs: Decoded['structs']): EntryShape['registrations'] {
  const out: { key: string; writer: number; member: unknown }[] = []
  for (const s of structs) {
    // A decoded struct's parent is the root type's name when the update names it (Yjs types it as a type).
    if (!(s instanceof Y.Item) || (s.parent as unknown) !== REGISTRY || typeof s.parentSub !== 'string') continue
    const content = s.content.getContent() as unknown[]
    const value = content[content.length - 1]
    out.push({ key: s.parentSub, writer: s.id.client, member: Array.isArray(value) ? value[0] : undefined })
  }
  return out
}

/** Why a registration is not the signer's own, or undefined when it is. */
export function foreignRegistration(shape: EntryShape, signer: MemberId): string | undefined {
  for (const r of shape.registrations) {
    if (r.key !== r.writer.toString(36))
      return `it registers client ${r.key} from client ${r.writer.toString(36)} (a client registers only itself)`
    if (r.member !== signer) return `it registers client ${r.key} as ${JSON.stringify(r.member)}, signed by ${signer}`
  }
  return undefined
}
