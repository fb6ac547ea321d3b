/**
 * The inputs a fuzz run sends, drawn from one seeded generator: garbage bytes, truncations and
 * bit flips of real messages, real messages with one var-int made huge, and updates a member
 * forges (a record no engine writes, alone or beside a well-formed one).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import type { Rng } from '../../engine/base/providers.ts'
import { parseDocId, type DocId } from '../../engine/base/ids.ts'
import { ROOTS } from '../../engine/concerns/schema.ts'
import { clientKey } from '../../engine/base/yjsInternals.ts'
import { encodeSyncMessage, type SyncMessage } from '../../engine/sync/messages.ts'
import type { Replica } from '../../engine/replica/replica.ts'
import { writeBadRecord } from './badRecords.ts'
import type { Sample } from './fuzzWorld.ts'

export const INPUT_KINDS = [
  'garbage',
  'truncation',
  'bit-flip',
  'huge-varint',
  'malformed-record',
  'valid-with-bad-record',
] as const
export type InputKind = (typeof INPUT_KINDS)[number]

/** One input: the bytes, the document they claim to be for, and what they are. */
export interface FuzzInput {
  readonly kind: InputKind
  readonly docId: DocId
  readonly bytes: Uint8Array
  readonly detail: string
}

/** Var-ints far past anything a message holds: 2^32 - 1, 2^53 and beyond, and 10 bytes of continuation. */
const HUGE: readonly Uint8Array[] = [
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f),
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
]

const splice = (a: Uint8Array, at: number, cut: number, b: Uint8Array): Uint8Array =>
  Uint8Array.from([...a.subarray(0, at), ...b, ...a.subarray(at + cut)])

/** Draws inputs; forged updates come from persistent mirrors of the sender's documents. */
export class InputSource {
  private readonly mirrors = new Map<DocId, Y.Doc>()

  constructor(
    private readonly rng: Rng,
    private readonly sender: Replica,
    private readonly samples: readonly Sample[],
  ) {}

  next(kind: InputKind = this.rng.pick(INPUT_KINDS)): FuzzInput {
    const s = this.rng.pick(this.samples)
    const rng = this.rng
    switch (kind) {
      case 'garbage': {
        const bytes = new Uint8Array(rng.int(0, 96)).map(() => rng.int(0, 255))
        return { kind, docId: s.docId, bytes, detail: `${bytes.length} random bytes` }
      }
      case 'truncation': {
        const at = rng.int(0, Math.max(0, s.bytes.length - 1))
        return { kind, docId: s.docId, bytes: s.bytes.slice(0, at), detail: `${s.kind} cut at ${at}` }
      }
      case 'bit-flip': {
        const bytes = s.bytes.slice()
        const flips = rng.int(1, 4)
        for (let i = 0; i < flips; i++) {
          const bit = rng.int(0, bytes.length * 8 - 1)
          bytes[bit >> 3] = bytes[bit >> 3]! ^ (1 << (bit & 7))
        }
        return { kind, docId: s.docId, bytes, detail: `${s.kind} with ${flips} bit(s) flipped` }
      }
      case 'huge-varint':
        return this.hugeVarint(s)
      default:
        return this.forged(kind)
    }
  }

  /** A real message with a byte replaced by a huge var-int, or an update built around one. */
  private hugeVarint(s: Sample): FuzzInput {
    const huge = this.rng.pick(HUGE)
    if (this.rng.chance(0.5)) {
      const at = this.rng.int(0, Math.max(0, s.bytes.length - 1))
      return { kind: 'huge-varint', docId: s.docId, bytes: splice(s.bytes, at, 1, huge), detail: `${s.kind} @${at}` }
    }
    // An update whose struct count, client count or clock is huge, then a few real bytes.
    const e = encoding.createEncoder()
    const where = this.rng.int(0, 2)
    encoding.writeVarUint(e, where === 0 ? 0 : 1)
    encoding.writeUint8Array(e, where === 0 ? huge : Uint8Array.of(1))
    encoding.writeUint8Array(e, where === 1 ? huge : Uint8Array.of(5))
    encoding.writeUint8Array(e, where === 2 ? huge : Uint8Array.of(0))
    const update = Uint8Array.from([...encoding.toUint8Array(e), 0, 0])
    return {
      kind: 'huge-varint',
      docId: s.docId,
      bytes: encodeSyncMessage({ type: 'update', update }),
      detail: `update with a huge ${['struct count', 'client', 'clock'][where]}`,
    }
  }

  /** An update the sender's client forges on its mirror of a document. */
  private forged(kind: InputKind): FuzzInput {
    const docIds = this.sender.docIds(this.samples[0]!.docId.slice(0, this.samples[0]!.docId.lastIndexOf(':')))
    const docId = this.rng.pick(docIds)
    const mirror = this.mirrorOf(docId)
    const sv = Y.encodeStateVector(mirror)
    let what = ''
    mirror.transact(() => {
      what = writeBadRecord(mirror, this.rng, clientKey(mirror.clientID), kind === 'valid-with-bad-record')
    })
    const update = Y.encodeStateAsUpdate(mirror, sv)
    // As the sender's replica puts it on the wire: signed by its member under a signing profile.
    const a = this.sender.sync.authorship
    const type = this.rng.chance(0.5) ? 'update' : 'step2'
    const message: SyncMessage = a ? { type: 'signed', entries: [a.sign(docId, update)] } : { type, update }
    return { kind, docId, bytes: encodeSyncMessage(message), detail: `${docId.split(':')[2]}: ${what}` }
  }

  private mirrorOf(docId: DocId): Y.Doc {
    let m = this.mirrors.get(docId)
    if (!m) {
      const real = this.sender.ydoc(docId)
      m = new Y.Doc({ gc: true })
      // Typed roots first, as the engine's documents have them (else Yjs keeps untyped placeholders).
      for (const [name, kind] of Object.entries(ROOTS[parseDocId(docId).concern]))
        kind === 'map' ? m.getMap(name) : kind === 'array' ? m.getArray(name) : m.getText(name)
      Y.applyUpdate(m, Y.encodeStateAsUpdate(real))
      m.clientID = real.clientID
      this.mirrors.set(docId, m)
    }
    return m
  }

  /** Frees the mirrors. */
  close(): void {
    for (const m of this.mirrors.values()) m.destroy()
  }
}
