/**
 * Document taxonomy of the spec: `{entity_type}:{entity_id}:{concern}`.
 * Parsing validates everything before any storage is touched, so `../../etc` never reaches a path.
 */
import { LabError } from './errors.ts'

export const ENTITY_TYPES = ['group', 'channel', 'project', 'organization'] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

export const CONCERNS = ['core', 'chat', 'canvas', 'kanban', 'issues'] as const
export type Concern = (typeof CONCERNS)[number]

/** Concerns every entity has; kanban and issues exist for projects only. */
const BASE_CONCERNS: readonly Concern[] = ['core', 'chat', 'canvas']
const PROJECT_CONCERNS: readonly Concern[] = ['core', 'chat', 'canvas', 'kanban', 'issues']

/**
 * Virtual disks of an entity (spec, "Storage Architecture"). Each disk is its own document with an
 * internal concern `disk-{disk}`: valid for every entity type, but not one of the spec's five
 * concerns, so `concernsFor` and `docIdsOf` (which the rest of the engine iterates) leave them out.
 */
export const DISKS = ['private', 'public', 'shared'] as const
export type Disk = (typeof DISKS)[number]
export const DISK_CONCERNS = ['disk-private', 'disk-public', 'disk-shared'] as const
export type DiskConcern = `disk-${Disk}`
/** Every concern a document id may carry: the spec's five and the internal disk concerns. */
export type DocConcern = Concern | DiskConcern

export type EntityId = `${EntityType}:${string}`
export type DocId = `${EntityType}:${string}:${DocConcern}`
/** A member's four-word identity (or a scenario peer name); same charset as entity ids. */
export type MemberId = string

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
export const ID_MAX_LENGTH = 64

export interface ParsedEntityId {
  readonly type: EntityType
  readonly id: string
  readonly entityId: EntityId
}

export interface ParsedDocId extends ParsedEntityId {
  readonly concern: DocConcern
  readonly docId: DocId
}

const isEntityType = (s: string): s is EntityType => (ENTITY_TYPES as readonly string[]).includes(s)
export const isConcern = (s: string): s is Concern => (CONCERNS as readonly string[]).includes(s)
export const isDisk = (s: unknown): s is Disk => typeof s === 'string' && (DISKS as readonly string[]).includes(s)
const isDiskConcern = (s: string): s is DiskConcern => (DISK_CONCERNS as readonly string[]).includes(s)

/** Concerns an entity of this type has, in canonical order. */
export const concernsFor = (type: EntityType): readonly Concern[] =>
  type === 'project' ? PROJECT_CONCERNS : BASE_CONCERNS

function validateId(
  id: string,
  what: string,
  code: 'BAD_ENTITY_ID' | 'BAD_DOC_ID' | 'BAD_MEMBER_ID',
  path?: string,
): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new LabError(code, `${what} is empty`, { path })
  }
  if (id.length > ID_MAX_LENGTH) {
    throw new LabError(
      code,
      `${what} ${JSON.stringify(id.slice(0, 80))} is ${id.length} characters long; at most ${ID_MAX_LENGTH} are ` +
        `allowed`,
      { path },
    )
  }
  if (!ID_PATTERN.test(id)) {
    throw new LabError(
      code,
      `${what} ${JSON.stringify(id)} must match ${ID_PATTERN} (lower-case words of a-z and 0-9 joined by single ` +
        `dashes)`,
      { path },
    )
  }
  return id
}

export const validateMemberId = (member: string, path?: string): MemberId =>
  validateId(member, 'member id', 'BAD_MEMBER_ID', path)

function parseType(type: string, code: 'BAD_ENTITY_ID' | 'BAD_DOC_ID', input: string, path?: string): EntityType {
  if (!isEntityType(type)) {
    throw new LabError(
      'UNKNOWN_ENTITY_TYPE',
      `unknown entity type ${JSON.stringify(type)} in ${JSON.stringify(input)}; expected one of ` +
        `${ENTITY_TYPES.join(', ')}`,
      { path, details: { code } },
    )
  }
  return type
}

/**
 * Parsed ids are cached (ids repeat on every message and op; parsing is on the hot path). Only
 * valid ids are cached: a bad one is parsed, and rejected, every time. Bounded: the cache is
 * cleared when it grows past a few thousand ids.
 */
const parsedEntities = new Map<string, ParsedEntityId>()
const parsedDocs = new Map<string, ParsedDocId>()
const CACHE_LIMIT = 4096

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

export function parseEntityId(input: string, path?: string): ParsedEntityId {
  const hit = parsedEntities.get(input)
  if (hit) return hit
  return remember(parsedEntities, input, Object.freeze(parseEntityIdUncached(input, path)))
}

function parseEntityIdUncached(input: string, path?: string): ParsedEntityId {
  if (typeof input !== 'string') throw new LabError('BAD_ENTITY_ID', `entity id must be a string`, { path })
  const parts = input.split(':')
  if (parts.length !== 2) {
    throw new LabError('BAD_ENTITY_ID', `entity id ${JSON.stringify(input)} must have the form {type}:{id}`, { path })
  }
  const [rawType, id] = parts as [string, string]
  const type = parseType(rawType, 'BAD_ENTITY_ID', input, path)
  validateId(id, `entity id part of ${JSON.stringify(input)}`, 'BAD_ENTITY_ID', path)
  return { type, id, entityId: `${type}:${id}` }
}

function assertConcernAllowed(type: EntityType, concern: Concern, entityId: string, path?: string): void {
  if (!concernsFor(type).includes(concern)) {
    throw new LabError('CONCERN_NOT_ALLOWED', `${concern} exists for projects only; ${entityId} is a ${type}`, { path })
  }
}

export function parseDocId(input: string, path?: string): ParsedDocId {
  const hit = parsedDocs.get(input)
  if (hit) return hit
  return remember(parsedDocs, input, Object.freeze(parseDocIdUncached(input, path)))
}

function parseDocIdUncached(input: string, path?: string): ParsedDocId {
  if (typeof input !== 'string') throw new LabError('BAD_DOC_ID', `document id must be a string`, { path })
  const parts = input.split(':')
  if (parts.length !== 3) {
    throw new LabError(
      'BAD_DOC_ID',
      `document id ${JSON.stringify(input)} must have the form {entity_type}:{entity_id}:{concern}`,
      { path },
    )
  }
  const [rawType, id, rawConcern] = parts as [string, string, string]
  const type = parseType(rawType, 'BAD_DOC_ID', input, path)
  validateId(id, `entity id part of ${JSON.stringify(input)}`, 'BAD_DOC_ID', path)
  const entityId: EntityId = `${type}:${id}`
  if (isDiskConcern(rawConcern)) return { type, id, concern: rawConcern, entityId, docId: `${entityId}:${rawConcern}` }
  if (!isConcern(rawConcern)) {
    throw new LabError(
      'UNKNOWN_CONCERN',
      `unknown concern ${JSON.stringify(rawConcern)} in ${JSON.stringify(input)}; expected one of ` +
        `${[...CONCERNS, ...DISK_CONCERNS].join(', ')}`,
      { path },
    )
  }
  assertConcernAllowed(type, rawConcern, entityId, path)
  return { type, id, concern: rawConcern, entityId, docId: `${entityId}:${rawConcern}` }
}

export function formatDocId(entityId: string, concern: Concern): DocId {
  const e = parseEntityId(entityId)
  if (!isConcern(concern)) throw new LabError('UNKNOWN_CONCERN', `unknown concern ${JSON.stringify(concern)}`)
  assertConcernAllowed(e.type, concern, e.entityId)
  return `${e.entityId}:${concern}`
}

/** Document ids of every concern of an entity, in canonical order. */
export const docIdsOf = (entityId: string): DocId[] => {
  const e = parseEntityId(entityId)
  return concernsFor(e.type).map((c) => `${e.entityId}:${c}` as DocId)
}

/** Document id of one virtual disk of an entity: `{entity_type}:{entity_id}:disk-{disk}`. */
export function diskDocId(entityId: string, disk: Disk): DocId {
  const e = parseEntityId(entityId)
  if (!isDisk(disk))
    throw new LabError('INVALID_ARG', `unknown disk ${JSON.stringify(disk)}; expected one of ${DISKS.join(', ')}`)
  return `${e.entityId}:disk-${disk}`
}
