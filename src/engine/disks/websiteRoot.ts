/**
 * The published website: files under `/website/` of the public disk (the spec's
 * `/public/website/index.html`). Its root hash is the core document's `metadata.website_root`.
 *
 * The manifest is canonical, so any implementation computes the same hash from the same site:
 *
 *   communitas-website-manifest/1\n
 *   {path}\t{BLAKE3 hex of the content}\n      one line a file, paths in UTF-8 byte order
 *
 * Paths hold no tab or newline (paths.ts rejects control characters), so lines cannot be forged.
 * Only paths and content count: rewriting a file with the same content keeps the root.
 */
import { blake3 } from '@noble/hashes/blake3.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError } from '../base/errors.ts'
import { listFiles } from './files.ts'
import { diskOf } from './layout.ts'

export const WEBSITE_DIR = '/website/'
const HEADER = 'communitas-website-manifest/1\n'

/** The canonical manifest of the site on a public disk document. */
export function websiteManifest(md: ManagedDoc): string {
  if (diskOf(md) !== 'public') throw new LabError('INVALID_ARG', `${md.id}: the website lives on the public disk`)
  return (
    HEADER +
    listFiles(md, WEBSITE_DIR)
      .map((f) => `${f.path}\t${f.hash}\n`)
      .join('')
  )
}

/** BLAKE3 (hex) of the website manifest, or undefined when the site has no file (no website). */
export function websiteRoot(md: ManagedDoc): string | undefined {
  const manifest = websiteManifest(md)
  return manifest === HEADER ? undefined : bytesToHex(blake3(new TextEncoder().encode(manifest)))
}
