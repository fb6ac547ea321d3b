/**
 * The ops a scenario can run (DESIGN §4), as a registry: one entry per op with its arguments,
 * the concern it acts on, what it creates (so `as` can name it) and which arguments refer to
 * created things (so `$name` references can be checked). The CLI's `list`, the schema and the
 * JSON Schema all follow from this table.
 */
import { z } from 'zod'
import type { Concern } from '../../engine/base/ids.ts'
import { strict } from './problems.ts'

/** Things ops create and other ops refer to. */
export type RefKind = 'message' | 'column' | 'card' | 'issue' | 'comment' | 'element'

export const ROLES = ['owner', 'admin', 'member'] as const
export type Role = (typeof ROLES)[number]
export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const
export const ISSUE_STATUSES = ['backlog', 'todo', 'in-progress', 'done', 'canceled'] as const
export const ELEMENT_TYPES = ['text', 'image', 'chart', 'shape'] as const
/** The spec's virtual disks: `/private/...`, `/shared/...`, `/public/...`. */
export const DISKS = ['private', 'shared', 'public'] as const

/** A literal id, or `$name` for the id a step created with `"as": "name"`. */
export const Ref = z.string().min(1).describe('an id, or "$name" for an id named by an earlier step\'s "as"')
/** A member id; must be one of the scenario's peers. */
export const Member = z.string().describe('a member id (one of the peers)')
const Role = z.enum(ROLES)
const Priority = z.enum(PRIORITIES)
const Coordinate = z.number()
const Extent = z.number().min(0)
/** A path on a virtual disk: `/`-separated, no `..` segment, no backslash or NUL. */
export const DiskPath = z
  .string()
  .min(1)
  .refine((p) => !/[\\\u0000]/.test(p) && !p.split('/').includes('..'), {
    error: 'must be a disk path like "/docs/notes.md": "/"-separated, without ".." segments or backslashes',
  })

/** An attachment: its file lands on the entity's shared disk at `/shared/attachments/<id>-<filename>`. */
const Attachment = strict({
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

// `fields` use the spec's field names (CardData, IssueData, ElementData).
const CardFields = fields({
  title: z.string().optional(),
  description: z.string().optional(),
  priority: Priority.optional(),
  assignee_id: Member.optional(),
})
const IssueFields = fields({
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(ISSUE_STATUSES).optional(),
  priority: Priority.optional(),
  assignee_id: Member.optional(),
})
const ElementFields = fields({
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: Extent.optional(),
  height: Extent.optional(),
  rotation: z.number().optional(),
  z_index: z.number().int().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
})

/** What ops and queries share: where they act and which arguments name things. */
export interface ArgSpec<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The document the command reads or writes, or `disk` for virtual-disk files. */
  readonly area: Concern | 'disk'
  readonly args: z.ZodObject<S>
  /** Arguments that name created things, and of which kind. */
  readonly refs: Readonly<Record<string, RefKind>>
  /** Arguments that name members (checked against the peers). */
  readonly members: readonly string[]
}

export interface OpSpec<S extends z.ZodRawShape = z.ZodRawShape> extends ArgSpec<S> {
  /** What the op creates; only such ops take `as`. */
  readonly creates: RefKind | null
}

/** Builds the shared part of an op or query entry. */
export function argSpec<S extends z.ZodRawShape>(
  area: ArgSpec['area'],
  shape: S,
  more: Partial<Pick<ArgSpec, 'refs' | 'members'>> = {},
): ArgSpec<S> {
  return { area, args: strict(shape), refs: more.refs ?? {}, members: more.members ?? [] }
}

function op<S extends z.ZodRawShape>(
  area: ArgSpec['area'],
  shape: S,
  more: Partial<Pick<OpSpec, 'refs' | 'members' | 'creates'>> = {},
): OpSpec<S> {
  return { ...argSpec(area, shape, more), creates: more.creates ?? null }
}

const member = { members: ['member'] }

export const OPS = {
  'member.add': op('core', { member: Member, role: Role }, member),
  'member.remove': op('core', { member: Member }, member),
  'member.updateRole': op('core', { member: Member, role: Role }, member),
  'chat.send': op(
    'chat',
    { content: z.string(), attachments: z.array(Attachment).optional(), replyTo: Ref.optional() },
    { creates: 'message', refs: { replyTo: 'message' } },
  ),
  'chat.edit': op('chat', { message: Ref, content: z.string() }, { refs: { message: 'message' } }),
  'chat.delete': op('chat', { message: Ref }, { refs: { message: 'message' } }),
  'chat.react': op('chat', { message: Ref, emoji: z.string().min(1) }, { refs: { message: 'message' } }),
  'kanban.addColumn': op('kanban', { title: z.string() }, { creates: 'column' }),
  'kanban.addCard': op(
    'kanban',
    { column: Ref, title: z.string(), priority: Priority.optional() },
    { creates: 'card', refs: { column: 'column' } },
  ),
  'kanban.moveCard': op(
    'kanban',
    { card: Ref, column: Ref, index: z.number().int().min(0).optional() },
    { refs: { card: 'card', column: 'column' } },
  ),
  'kanban.updateCard': op('kanban', { card: Ref, fields: CardFields }, { refs: { card: 'card' } }),
  'kanban.archiveCard': op('kanban', { card: Ref }, { refs: { card: 'card' } }),
  'kanban.renameColumn': op('kanban', { column: Ref, title: z.string() }, { refs: { column: 'column' } }),
  'kanban.moveColumn': op('kanban', { column: Ref, index: z.number().int().min(0) }, { refs: { column: 'column' } }),
  'issues.create': op(
    'issues',
    { title: z.string(), priority: Priority.optional(), status: z.enum(ISSUE_STATUSES).optional() },
    { creates: 'issue' },
  ),
  'issues.update': op('issues', { issue: Ref, fields: IssueFields }, { refs: { issue: 'issue' } }),
  'issues.comment': op('issues', { issue: Ref, content: z.string() }, { creates: 'comment', refs: { issue: 'issue' } }),
  'issues.close': op('issues', { issue: Ref }, { refs: { issue: 'issue' } }),
  'issues.editComment': op(
    'issues',
    { issue: Ref, comment: Ref, content: z.string() },
    { refs: { issue: 'issue', comment: 'comment' } },
  ),
  'issues.deleteComment': op('issues', { issue: Ref, comment: Ref }, { refs: { issue: 'issue', comment: 'comment' } }),
  'canvas.add': op(
    'canvas',
    { elementType: z.enum(ELEMENT_TYPES), x: Coordinate, y: Coordinate, width: Extent, height: Extent },
    { creates: 'element' },
  ),
  'canvas.update': op('canvas', { element: Ref, fields: ElementFields }, { refs: { element: 'element' } }),
  'canvas.delete': op('canvas', { element: Ref }, { refs: { element: 'element' } }),
  'canvas.undo': op('canvas', {}),
  'canvas.redo': op('canvas', {}),
  'canvas.cursor': op('canvas', { x: Coordinate, y: Coordinate }),
  'disk.write': op('disk', { disk: z.enum(DISKS), path: DiskPath, content: z.string() }),
  'disk.delete': op('disk', { disk: z.enum(DISKS), path: DiskPath }),
} as const satisfies Record<string, OpSpec>

/** The `args` field of a step or query: optional (default `{}`) when every argument is optional. */
export function argsField(args: z.ZodObject): z.ZodType {
  return args.safeParse({}).success ? args.default({} as never) : args
}

export type OpName = keyof typeof OPS
export const OP_NAMES = Object.keys(OPS) as OpName[]
/** Arguments of an op as the scenario holds them after parsing. */
export type OpArgs<N extends OpName> = z.output<(typeof OPS)[N]['args']>

/** Ops that create something `as` can name. */
export const CREATING_OPS = OP_NAMES.filter((n) => OPS[n].creates !== null)

/** Concerns that exist for projects only (DESIGN §4: kanban and issues). */
export const PROJECT_ONLY: readonly (Concern | 'disk')[] = ['kanban', 'issues']
