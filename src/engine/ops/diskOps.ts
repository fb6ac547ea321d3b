/**
 * Virtual disk ops (`disk.write`, `disk.delete`) and the `disk.read` query. Files on the public
 * disk under `/website/` form the published site: after such a write the core document's
 * `metadata.website_root` is set to the BLAKE3 root of the site.
 */
import { parseDisk, readFile, writeFile, deleteFile, websiteRoot, WEBSITE_DIR, type Disk } from '../disks/index.ts'
import { normalizePath } from '../disks/paths.ts'
import { str, type Args } from '../concerns/args.ts'
import { z } from 'zod'
import type { OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { DiskName, DiskPath } from './argSchemas.ts'
import type { OpResult } from '../ports/effects.ts'

const diskArg = (args: Args, op: string): Disk => parseDisk(str(args, 'disk', op))

/** Keeps `metadata.website_root` in step with the public disk's `/website/` files. */
function publishWebsite(e: OpEntity, disk: Disk, path: string): void {
  if (disk !== 'public' || !path.startsWith(WEBSITE_DIR)) return
  const root = websiteRoot(e.diskDoc('public')) ?? ''
  const meta = e.doc('core').doc.getMap<unknown>('metadata')
  if (meta.get('website_root') !== root) e.write('core', () => meta.set('website_root', root))
}

function write(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const disk = diskArg(args, 'disk.write')
  const path = normalizePath(args.path)
  const content = str(args, 'content', 'disk.write', { allowEmpty: true, max: 8 * 1024 * 1024 })
  e.writeDisk(disk, (ctx) => writeFile(ctx, path, content))
  publishWebsite(e, disk, path)
  return {}
}

function remove(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const disk = diskArg(args, 'disk.delete')
  const path = normalizePath(args.path)
  e.writeDisk(disk, (ctx) => deleteFile(ctx, path))
  publishWebsite(e, disk, path)
  return {}
}

export const diskOps = [
  defineOp({
    name: 'disk.write',
    concern: 'core',
    args: { disk: DiskName, path: DiskPath, content: z.string() },
    summary: 'write a file on the private, public or shared disk',
    run: write,
  }),
  defineOp({
    name: 'disk.delete',
    concern: 'core',
    args: { disk: DiskName, path: DiskPath },
    summary: 'delete a file from a disk',
    run: remove,
  }),
]

/** Text files read as strings; binary ones as `base64:<data>` so scenario queries can compare them. */
function read(e: OpEntity, args: Args): string {
  const disk = diskArg(args, 'disk.read')
  const content = readFile({ md: e.diskDoc(disk), keys: e.keys }, normalizePath(args.path))
  return typeof content === 'string' ? content : `base64:${Buffer.from(content).toString('base64')}`
}

export const diskQueries = [
  defineQuery({
    name: 'disk.read',
    concern: 'core',
    args: { disk: DiskName, path: DiskPath },
    answer: 'value',
    summary: "a file's content (text, or base64: for binary)",
    run: read,
  }),
]
