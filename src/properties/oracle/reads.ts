/**
 * Raw-Yjs facts about a document, for convergence and persistence: a fingerprint of what it holds
 * (state vector, delete set, content), and the fingerprints of fresh, empty documents.
 */
import * as Y from 'yjs'
import { canonicalJson, type JsonValue } from '../../sim/canonicalJson.ts'
import { ROOTS } from '../../engine/concerns/schema.ts'

/**
 * Everything that makes two replicas of a document equal: state vector, delete set, content.
 * Only integrated structs count (a Yjs snapshot): `encodeStateAsUpdate` would also carry the
 * pending structs and deletions a replica cannot integrate yet, which are never persisted.
 */
export function fingerprint(doc: Y.Doc): { sv: string; ds: string; json: string } {
  const json: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) json[name] = withBytesAsText(doc.share.get(name)!.toJSON())
  return {
    sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
    ds: Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('hex'),
    // Map entries iterate in integration order, which differs between replicas: sort the keys.
    json: canonicalJson(json as JsonValue),
  }
}

/**
 * Binary values (file contents on the virtual disks are Uint8Array entries in the core document)
 * as `{ "$bytes": base64 }`, so canonical JSON can hold the document's content.
 */
function withBytesAsText(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') }
  if (Array.isArray(v)) return v.map(withBytesAsText)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withBytesAsText(x)]))
  return v
}

/** Fingerprints of a fresh, empty document of each concern (with its roots instantiated). */
export function emptyFingerprints(): Map<string, ReturnType<typeof fingerprint>> {
  const out = new Map<string, ReturnType<typeof fingerprint>>()
  for (const [concern, roots] of Object.entries(ROOTS)) {
    const doc = new Y.Doc()
    for (const [name, kind] of Object.entries(roots))
      kind === 'map' ? doc.getMap(name) : kind === 'array' ? doc.getArray(name) : doc.getText(name)
    out.set(concern, fingerprint(doc))
  }
  return out
}
