/**
 * Virtual disks (spec, "Storage Architecture" / "1. Virtual Disks"): per entity a `private`, a
 * `public` and a `shared` disk, each its own Y.Doc (`{entity}:disk-{disk}`), and the website
 * root computed from the public disk's `/website/`. Every export, by name.
 */
export { DISKS, diskDocId, isDisk, type Disk } from '../base/ids.ts'
export {
  MAX_PATH_BYTES,
  MAX_SEGMENT_BYTES,
  compareUtf8,
  normalizeDir,
  normalizePath,
  parseDisk,
  parseVirtualPath,
  virtualPath,
  type DiskPath,
} from './paths.ts'
export { MAX_FILE_BYTES, type WriteFileOptions } from './content.ts'
export {
  deleteFile,
  listFiles,
  readFile,
  stat,
  writeFile,
  type DiskReadCtx,
  type DiskWriteCtx,
  type FileStat,
} from './files.ts'
export { diskOf, type FileType } from './layout.ts'
export {
  KEY_BYTES,
  SeededKeyRing,
  deriveKey,
  entityKeyRef,
  memberKeyRef,
  type HeldKeys,
  type KeyRef,
  type KeyRing,
} from './keyRing.ts'
export type { IvSource } from './cipher.ts'
export { guessMime } from './mime.ts'
export { WEBSITE_DIR, websiteManifest, websiteRoot } from './websiteRoot.ts'
export {
  ATTACHMENTS_DIR,
  attachmentDiskPath,
  attachmentPath,
  writeAttachment,
  type AttachmentInput,
} from './attachments.ts'
