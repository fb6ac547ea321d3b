/**
 * Attachments bridge (spec, chat document): a message's AttachmentData points at a file of the
 * entity's shared disk. The spec writes that file's path with its disk in front,
 * `/shared/attachments/...`; on the shared disk itself it is `/attachments/...`.
 */
import { LabError } from '../base/errors.ts'
import type { WriteFileOptions } from './content.ts'
import { writeFile, type DiskWriteCtx } from './files.ts'
import { diskOf } from './layout.ts'
import { normalizePath, virtualPath, type DiskPath } from './paths.ts'

export const ATTACHMENTS_DIR = '/attachments/'

/** The spec's AttachmentData: what a chat message stores of an attachment. */
export interface AttachmentData {
  readonly id: string
  readonly filename: string
  /** Path in the entity's shared virtual disk (`/shared/attachments/...`). */
  readonly file_path: string
  readonly mime_type: string
  readonly size_bytes: number
}

function part(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes('/')) {
    throw new LabError(
      'BAD_PATH',
      `bad attachment ${what} ${JSON.stringify(value)}: it must be a non-empty string without "/"`,
      { details: { rule: `${what} is one path segment` } },
    )
  }
  return value
}

/** Path of an attachment on the shared disk: `/attachments/{id}-{filename}` (validated). */
export const attachmentDiskPath = (attachmentId: string, filename: string): DiskPath =>
  normalizePath(`${ATTACHMENTS_DIR}${part(attachmentId, 'id')}-${part(filename, 'filename')}`)

/** The spec's `file_path` of an attachment: `/shared/attachments/{id}-{filename}` (validated). */
export const attachmentPath = (attachmentId: string, filename: string): string =>
  virtualPath('shared', attachmentDiskPath(attachmentId, filename))

/** An attachment to store. */
export interface AttachmentInput {
  /** A fresh id (from the replica's IdSource). */
  readonly id: string
  readonly filename: string
  readonly content: Uint8Array | string
  readonly mime?: string
}

/**
 * Stores an attachment on the shared disk (sealed with the entity key) and returns the fields of
 * the spec's AttachmentData for the chat message. Same errors as `writeFile`.
 */
export function writeAttachment(ctx: DiskWriteCtx, input: AttachmentInput): AttachmentData {
  if (diskOf(ctx.md) !== 'shared')
    throw new LabError('INVALID_ARG', `${ctx.md.id}: attachments live on the shared disk`)
  const path = attachmentDiskPath(input.id, input.filename)
  const opts: WriteFileOptions = input.mime === undefined ? {} : { mime: input.mime }
  const stat = writeFile(ctx, path, input.content, opts)
  return {
    id: input.id,
    filename: input.filename,
    file_path: virtualPath('shared', path),
    mime_type: stat.mime,
    size_bytes: stat.size,
  }
}
