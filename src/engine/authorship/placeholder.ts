/**
 * The stand-in for a burned range: a v1 update holding one GC struct over clocks [from, to) of
 * `client` (Yjs's own form for content it dropped). It advances the state vector as the burned
 * structs would, so anti-entropy stops asking for them; structs of others that point into the
 * range integrate as deleted, as they do after Yjs garbage-collects their parent.
 */
import * as encoding from 'lib0/encoding'

/** Yjs v1 struct info of a GC struct. */
const GC_INFO = 0

export function gcPlaceholder(client: number, from: number, to: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // clients
  encoding.writeVarUint(e, 1) // structs of the client
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, from)
  encoding.writeUint8(e, GC_INFO)
  encoding.writeVarUint(e, to - from)
  encoding.writeVarUint(e, 0) // delete set: no clients
  return encoding.toUint8Array(e)
}
