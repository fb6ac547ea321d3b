/**
 * Entity creation: the core document's `metadata` (the spec's schema) and the initial
 * membership, written by the owner in one transaction.
 */
import { LabError } from '../base/errors.ts'
import { validateMemberId, type MemberId } from '../base/ids.ts'
import { assertRole, type Role } from '../base/enums.ts'
import type { OpResult } from '../ports/effects.ts'
import type { OpEntity } from '../ops/types.ts'

export interface EntitySpec {
  readonly name?: string
  readonly description?: string
  /** Members besides the owner (the creating replica's member), with their roles. */
  readonly members?: Readonly<Record<MemberId, Role>>
}

export function createEntity(e: OpEntity, spec: EntitySpec): OpResult {
  if (e.exists())
    throw new LabError('ALREADY_EXISTS', `entity ${e.entityId} already exists on ${e.member}`, { path: e.entityId })
  const members: Record<MemberId, Role> = { [e.member]: 'owner' }
  for (const [m, role] of Object.entries(spec.members ?? {})) {
    validateMemberId(m, `members.${m}`)
    members[m] = m === e.member ? 'owner' : assertRole(role, `members.${m}`)
  }
  const svs = e.svs()
  const writes = e.write(
    'core',
    (ctx) => {
      const meta = ctx.md.doc.getMap<unknown>('metadata')
      const id = e.entityId.slice(e.entityId.indexOf(':') + 1)
      meta.set('entity_id', id)
      meta.set('entity_type', e.type)
      meta.set('name', spec.name ?? id)
      meta.set('description', spec.description ?? '')
      meta.set('four_words', id)
      meta.set('created_at', e.profile.time(ctx.now))
      meta.set('created_by', e.member)
      meta.set('website_root', '')
      return e.profile.membership.genesis(ctx, members, svs)
    },
    svs.core ?? {},
  )
  return { membership: writes[0] }
}
