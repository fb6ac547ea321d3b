/**
 * The value sets that every layer shares, each defined once: the engine profiles' names and the
 * spec's closed sets (roles, priorities, issue statuses, canvas element types). The engine's ops,
 * the simulator's scenario layer and the reports read them from here, so none keeps a copy.
 */
import { LabError } from './errors.ts'

/** The engine profiles (profile/profile.ts builds them): the spec's code, and what it claims done right. */
export const PROFILE_NAMES = ['spec', 'reference'] as const
export type ProfileName = (typeof PROFILE_NAMES)[number]

/** The spec's member roles, strongest first. */
export const ROLES = ['owner', 'admin', 'member'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r)

/** `r` as a Role; INVALID_ROLE naming `path` otherwise. */
export function assertRole(r: unknown, path?: string): Role {
  if (!isRole(r))
    throw new LabError('INVALID_ROLE', `role ${JSON.stringify(r)} is not one of ${ROLES.join(', ')}`, { path })
  return r
}

/** The spec's priority values, shared by kanban cards and issues (`"urgent" | "high" | "medium" | "low"`). */
export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]
export const DEFAULT_PRIORITY: Priority = 'medium'

/** The spec's issue statuses. */
export const STATUSES = ['backlog', 'todo', 'in-progress', 'done', 'canceled'] as const
export type Status = (typeof STATUSES)[number]
export const DEFAULT_STATUS: Status = 'backlog'

/** The spec's canvas `element_type` values. */
export const ELEMENT_TYPES = ['text', 'image', 'chart', 'shape'] as const
export type ElementType = (typeof ELEMENT_TYPES)[number]
