/**
 * Settings of the SQL fallback (spec, "SQL Fallback Strategy"): a size threshold per concern and
 * the age after which chat messages may move. Scenarios scale both down
 * (`config.thresholds`, `config.archiveAfterDays`).
 *
 * Defaults, the spec's table (binary megabytes):
 *
 * | concern | threshold | fallback action                           |
 * |---------|-----------|-------------------------------------------|
 * | core    | 1 MB      | none ("unlikely to exceed"); reported only |
 * | chat    | 10 MB     | messages older than 90 days               |
 * | kanban  | 5 MB      | archived cards                            |
 * | issues  | 10 MB     | closed issues                             |
 * | canvas  | 5 MB      | none (bounded by element count limits)    |
 */
import { LabError } from '../base/errors.ts'
import { CONCERNS, type Concern } from '../base/ids.ts'

export const MB = 1024 * 1024
export const DAY_MS = 24 * 60 * 60 * 1000

export const SPEC_THRESHOLDS: Readonly<Record<Concern, number>> = {
  core: 1 * MB,
  chat: 10 * MB,
  kanban: 5 * MB,
  issues: 10 * MB,
  canvas: 5 * MB,
}
export const SPEC_ARCHIVE_AFTER_DAYS = 90

/** Where a materialization can be made to crash, for tests: after the SQL commit, or after the CRDT removal. */
export type CrashPointName = 'sql' | 'crdt'

export interface FallbackConfig {
  /** Encoded-size thresholds per concern (bytes); missing concerns keep the spec's. */
  readonly thresholds?: Partial<Record<Concern, number>>
  /** Age (days of the replica's clock) after which chat messages may move to SQL. */
  readonly archiveAfterDays?: number
  /** Arms a one-shot failpoint (see failpoints.ts). */
  readonly crashAfter?: CrashPointName
}

export interface ResolvedFallbackConfig {
  readonly thresholds: Readonly<Record<Concern, number>>
  readonly archiveAfterMs: number
}

/** Validates and fills in defaults; bad values are LabError INVALID_ARG naming the setting. */
export function resolveFallbackConfig(c: FallbackConfig = {}): ResolvedFallbackConfig {
  const thresholds = { ...SPEC_THRESHOLDS }
  for (const [concern, bytes] of Object.entries(c.thresholds ?? {})) {
    if (!(CONCERNS as readonly string[]).includes(concern)) {
      throw new LabError(
        'INVALID_ARG',
        `unknown concern ${JSON.stringify(concern)} in thresholds; expected one of ${CONCERNS.join(', ')}`,
        { path: `config.thresholds.${concern}` },
      )
    }
    if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0) {
      throw new LabError(
        'INVALID_ARG',
        `threshold must be a positive whole number of bytes, got ${JSON.stringify(bytes)}`,
        { path: `config.thresholds.${concern}` },
      )
    }
    thresholds[concern as Concern] = bytes
  }
  const days = c.archiveAfterDays ?? SPEC_ARCHIVE_AFTER_DAYS
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    throw new LabError('INVALID_ARG', `archiveAfterDays must be a number of days >= 0, got ${JSON.stringify(days)}`, {
      path: 'config.archiveAfterDays',
    })
  }
  return { thresholds, archiveAfterMs: Math.round(days * DAY_MS) }
}
