/**
 * The argument schemas ops share (zod): ids and `$name` references, members, the spec's closed
 * sets from base/enums.ts, disk paths, attachments and the `fields` of edit ops (in the spec's
 * field names: CardData, IssueData, ElementData). The scenario loader validates a step's `args`
 * with them before anything runs; the ops check the rest (lengths, what exists) when they run.
 */
import { z } from 'zod'
import { DISKS } from '../base/ids.ts'
import { ELEMENT_TYPES, PRIORITIES, ROLES, STATUSES } from '../base/enums.ts'
import { strict } from '../base/strictObject.ts'

/** A literal id, or `$name` for the id a step created with `"as": "name"`. */
export const Ref = z.string().min(1).describe('an id, or "$name" for an id named by an earlier step\'s "as"')
/** A member id; a scenario's must be one of its peers. */
export const Member = z.string().describe('a member id (one of the peers)')
export const Role = z.enum(ROLES)
export const Priority = z.enum(PRIORITIES)
export const Status = z.enum(STATUSES)
export const ElementType = z.enum(ELEMENT_TYPES)
export const DiskName = z.enum(DISKS)
export const Coordinate = z.number()
export const Extent = z.number().min(0)
/** A path on a virtual disk: `/`-separated, no `..` segment, no backslash or NUL. */
export const DiskPath = z
  .string()
  .min(1)
  .refine((p) => !/[\\\u0000]/.test(p) && !p.split('/').includes('..'), {
    error: 'must be a disk path like "/docs/notes.md": "/"-separated, without ".." segments or backslashes',
  })

/** An attachment: its file lands on the entity's shared disk at `/shared/attachments/<id>-<filename>`. */
export const Attachment = strict({
  filename: z
    .string()
    .min(1)
    .refine((f) => !/[/\\\u0000]/.test(f), { error: 'must be a file name without "/", "\\" or NUL' }),
  content: z.string().optional(),
  mimeType: z.string().optional(),
  sizeBytes: z.number().int().min(0).optional(),
})

const nonEmpty = <T extends object>(o: T): boolean => Object.keys(o).length > 0
const fields = <S extends z.ZodRawShape>(shape: S) =>
  strict(shape).refine(nonEmpty, { error: 'needs at least one field' })

export const CardFields = fields({
  title: z.string().optional(),
  description: z.string().optional(),
  priority: Priority.optional(),
  assignee_id: Member.optional(),
})
export const IssueFields = fields({
  title: z.string().optional(),
  description: z.string().optional(),
  status: Status.optional(),
  priority: Priority.optional(),
  assignee_id: Member.optional(),
})
export const ElementFields = fields({
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: Extent.optional(),
  height: Extent.optional(),
  rotation: z.number().optional(),
  z_index: z.number().int().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
})
