/**
 * Updates a member's replica could send but the engine never writes: a mirror of the member's
 * document under the member's own clientID (so its registration and its rights hold), written
 * with plain Yjs, and the difference encoded. What the mirror writes is whatever the caller
 * likes: a creation record without its fields, a stamp of Infinity, a map where a record goes.
 */
import * as Y from 'yjs'
import type { DocId } from '../../engine/base/ids.ts'
import type { Replica } from '../../engine/replica/replica.ts'

/** The update `write` makes on a mirror of `r`'s document `docId`, as `r`'s client. */
export function forgeUpdate(r: Replica, docId: DocId, write: (doc: Y.Doc) => void): Uint8Array {
  const real = r.ydoc(docId)
  const mirror = new Y.Doc({ gc: true })
  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(real))
  // Set after the load: Yjs gives a document a new clientID when a remote update carries its own.
  mirror.clientID = real.clientID
  const sv = Y.encodeStateVector(mirror)
  mirror.transact(() => write(mirror))
  const update = Y.encodeStateAsUpdate(mirror, sv)
  mirror.destroy()
  return update
}
