/**
 * Virtual disks, one document each (`<entity>:disk-<disk>`), the same layout in both profiles
 * (src/engine/disks/layout.ts documents it): `files` maps a path to its entry (`type`, `mime`,
 * `size`, `updated_at`, `author`, and either `text`, a Y.Text of public text, or `blob`, a content
 * address, with `key` when sealed); `blobs` maps an address to its bytes. Sealed content needs
 * the entity's keys, which the oracle does not hold: for those it reads that the bytes are there.
 */
import * as Y from 'yjs'
import type { FileRead } from './views.ts'

/** Every file entry of a disk document, by path. */
export function readFiles(doc: Y.Doc): FileRead[] {
  const blobs = doc.getMap<unknown>('blobs')
  const out: FileRead[] = []
  for (const [path, entry] of doc.getMap<unknown>('files').entries()) {
    if (!(entry instanceof Y.Map)) continue
    const type = String(entry.get('type') ?? '')
    const text = entry.get('text')
    const sealed = entry.get('key') !== undefined
    if (text instanceof Y.Text) {
      out.push({ path, type, text: text.toString(), sealed })
      continue
    }
    const blob = entry.get('blob')
    const held = typeof blob === 'string' ? blobs.get(blob) : undefined
    out.push({
      path,
      type,
      ...(typeof blob === 'string' ? { blob, blobHeld: held instanceof Uint8Array } : {}),
      ...(!sealed && held instanceof Uint8Array ? { bytes: held } : {}),
      sealed,
    })
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * What `disk.read` of a file must answer, as far as the oracle can tell without keys: the text of
 * a public text file, `base64:` of public bytes (text decoded when the entry says text), or for a
 * sealed file only that it is readable (its blob is held).
 */
export function expectedRead(f: FileRead): { content?: string; readable: boolean } {
  if (f.text !== undefined) return { content: f.text, readable: true }
  if (f.bytes !== undefined)
    return {
      content:
        f.type === 'text' ? new TextDecoder().decode(f.bytes) : `base64:${Buffer.from(f.bytes).toString('base64')}`,
      readable: true,
    }
  return { readable: f.blobHeld === true }
}
