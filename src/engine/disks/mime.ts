/**
 * MIME types guessed from a file's extension, for the few types a group's disk commonly holds.
 * The guess is metadata only: it never decides how content is stored (strings are text, bytes
 * are binary; see files.ts).
 */

// A Map, not an object literal: `file.constructor` must not find Object.prototype.constructor.
const BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries({
    md: 'text/markdown',
    markdown: 'text/markdown',
    txt: 'text/plain',
    html: 'text/html',
    htm: 'text/html',
    css: 'text/css',
    js: 'text/javascript',
    json: 'application/json',
    csv: 'text/csv',
    xml: 'application/xml',
    svg: 'image/svg+xml',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    pdf: 'application/pdf',
    zip: 'application/zip',
    mp3: 'audio/mpeg',
    mp4: 'video/mp4',
  }),
)

export const DEFAULT_TEXT_MIME = 'text/plain'
export const DEFAULT_BINARY_MIME = 'application/octet-stream'

/** The MIME type of `path` by its extension (case-insensitive), else the default for its kind. */
export function guessMime(path: string, isText: boolean): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  return BY_EXTENSION.get(ext) ?? (isText ? DEFAULT_TEXT_MIME : DEFAULT_BINARY_MIME)
}
