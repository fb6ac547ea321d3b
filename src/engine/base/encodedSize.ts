/**
 * The size of `Y.encodeStateAsUpdate(doc)` (V1) without encoding it: a walk over the struct store
 * that adds up what Yjs's V1 writer would write (per client: struct count, client, start clock,
 * each struct; then the delete set), byte for byte, with no buffer written. A Yjs internal, pinned
 * by the exact Yjs version like the others (yjsInternals.ts); test/engine/encodedSize.test.ts holds
 * it to the encoder's length on generated documents.
 *
 * Content the walk does not know (XML types, subdocuments) is measured by writing that one struct
 * to a scratch encoder; a document holding pending structs is encoded (Yjs appends them).
 */
import * as Y from 'yjs'

/** Bytes of a LEB128 unsigned varint (lib0 writeVarUint). */
export function varUintSize(n: number): number {
  let size = 1
  while (n > 127) {
    n = Math.floor(n / 128)
    size++
  }
  return size
}

/** Bytes of a lib0 signed varint (6 bits in the first byte, 7 in each next). */
function varIntSize(n: number): number {
  let rest = Math.floor(Math.abs(n) / 64)
  let size = 1
  while (rest > 0) {
    rest = Math.floor(rest / 128)
    size++
  }
  return size
}

/** Bytes of a lib0 var string: its UTF-8 length, then the bytes. */
export function varStringSize(s: string): number {
  const bytes = Buffer.byteLength(s, 'utf8')
  return varUintSize(bytes) + bytes
}

const float32 = new DataView(new ArrayBuffer(4))
const isFloat32 = (n: number): boolean => {
  float32.setFloat32(0, n)
  return float32.getFloat32(0) === n
}

/** Bytes of lib0 `writeAny(v)`. */
export function anySize(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return 1 + varStringSize(v)
    case 'number':
      if (Number.isInteger(v) && Math.abs(v) <= 0x7fffffff) return 1 + varIntSize(v)
      return isFloat32(v) ? 5 : 9
    case 'bigint':
      return 9
    case 'boolean':
      return 1
    case 'object': {
      if (v === null) return 1
      if (Array.isArray(v)) {
        let size = 1 + varUintSize(v.length)
        for (const x of v) size += anySize(x)
        return size
      }
      if (v instanceof Uint8Array) return 1 + varUintSize(v.byteLength) + v.byteLength
      const keys = Object.keys(v)
      let size = 1 + varUintSize(keys.length)
      for (const k of keys) size += varStringSize(k) + anySize((v as Record<string, unknown>)[k])
      return size
    }
    default:
      return 1
  }
}

const idSize = (id: Y.ID): number => varUintSize(id.client) + varUintSize(id.clock)

/** One struct written alone to a scratch encoder (content the walk does not know). */
function writtenSize(s: Y.Item): number {
  const encoder = new Y.UpdateEncoderV1()
  s.write(encoder, 0)
  return encoder.toUint8Array().byteLength
}

type AnyType = Y.AbstractType<unknown>

/** Bytes of an Item as `Item.write(encoder, 0)` writes it in V1. */
function itemSize(item: Y.Item, rootKeys: Map<AnyType, string>): number {
  const content = item.content
  let size = 1
  if (item.origin !== null) size += idSize(item.origin)
  if (item.rightOrigin !== null) size += idSize(item.rightOrigin)
  if (item.origin === null && item.rightOrigin === null) {
    const parent = item.parent as AnyType | Y.ID | string
    size += 1
    if (typeof parent === 'string') size += varStringSize(parent)
    else if (parent instanceof Y.ID) size += idSize(parent)
    else if (parent._item === null) size += varStringSize(rootKeys.get(parent) ?? '')
    else size += idSize(parent._item.id)
    if (item.parentSub !== null) size += varStringSize(item.parentSub)
  }
  if (content instanceof Y.ContentAny) {
    size += varUintSize(content.arr.length)
    for (const x of content.arr) size += anySize(x)
  } else if (content instanceof Y.ContentDeleted) size += varUintSize(content.len)
  else if (content instanceof Y.ContentString) size += varStringSize(content.str)
  else if (
    content instanceof Y.ContentType &&
    (content.type instanceof Y.Map || content.type instanceof Y.Array || content.type instanceof Y.Text)
  )
    size += 1
  else if (content instanceof Y.ContentBinary)
    size += varUintSize(content.content.byteLength) + content.content.byteLength
  else if (content instanceof Y.ContentEmbed) size += varStringSize(JSON.stringify(content.embed))
  else if (content instanceof Y.ContentFormat)
    size += varStringSize(content.key) + varStringSize(JSON.stringify(content.value))
  else if (content instanceof Y.ContentJSON) {
    size += varUintSize(content.arr.length)
    for (const x of content.arr) size += varStringSize(x === undefined ? 'undefined' : JSON.stringify(x))
  } else return writtenSize(item)
  return size
}

/** Exactly `Y.encodeStateAsUpdate(doc).byteLength`, with nothing encoded (see the file comment). */
export function encodedStateSize(doc: Y.Doc): number {
  const store = doc.store
  if (store.pendingStructs !== null || store.pendingDs !== null) return Y.encodeStateAsUpdate(doc).byteLength
  const rootKeys = new Map<AnyType, string>()
  for (const [key, type] of doc.share) rootKeys.set(type as AnyType, key)
  let clients = 0
  let size = 0
  let dsClients = 0
  let dsSize = 0
  for (const [client, structs] of store.clients) {
    if (structs.length === 0) continue
    clients++
    size += varUintSize(structs.length) + varUintSize(client) + varUintSize(structs[0]!.id.clock)
    let ranges = 0
    let rangesSize = 0
    for (let i = 0; i < structs.length; i++) {
      const s = structs[i]!
      size += s instanceof Y.Item ? itemSize(s, rootKeys) : 1 + varUintSize(s.length)
      if (!s.deleted) continue
      // A run of deleted structs is one delete range (createDeleteSetFromStructStore).
      const clock = s.id.clock
      let len = s.length
      while (i + 1 < structs.length && structs[i + 1]!.deleted) {
        const next = structs[++i]!
        len += next.length
        size += next instanceof Y.Item ? itemSize(next, rootKeys) : 1 + varUintSize(next.length)
      }
      ranges++
      rangesSize += varUintSize(clock) + varUintSize(len)
    }
    if (ranges > 0) {
      dsClients++
      dsSize += varUintSize(client) + varUintSize(ranges) + rangesSize
    }
  }
  return varUintSize(clients) + size + varUintSize(dsClients) + dsSize
}
