/**
 * Typed errors. Every failure a user can cause (bad id, corrupt update, forbidden op, malformed
 * scenario) is a `LabError` with a stable `code` and, where it helps, the offending `path`
 * (a file, a JSON path, a document id). Outcomes are data elsewhere; errors are for misuse.
 */

export const ERROR_CODES = [
  // identifiers and input
  'BAD_ENTITY_ID',
  'BAD_DOC_ID',
  'BAD_MEMBER_ID',
  'UNKNOWN_ENTITY_TYPE',
  'UNKNOWN_CONCERN',
  'CONCERN_NOT_ALLOWED',
  'INVALID_ARG',
  'UNKNOWN_OP',
  'UNKNOWN_QUERY',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  // sync and bytes
  'CORRUPT_UPDATE',
  'UPDATE_TOO_LARGE',
  'CORRUPT_MESSAGE',
  'CAP_EXCEEDED',
  // authorship (signed updates: authorship/signedLog.ts)
  'UNSIGNED',
  'BAD_SIGNATURE',
  'IMPERSONATION',
  'EQUIVOCATION',
  // storage
  'CORRUPT_STORE',
  'STORE_IO',
  // access and roles
  'NOT_A_MEMBER',
  'FORBIDDEN',
  'LAST_OWNER',
  'INVALID_ROLE',
  // limits and content
  'SIZE_LIMIT',
  'BAD_PATH',
  'NO_KEY',
  'CORRUPT_FILE',
  'SQL_CORRUPT',
  'ARCHIVED',
  // scenarios, CLI, runs
  'BAD_SCENARIO',
  'BAD_USAGE',
  'FILE_NOT_FOUND',
  'TRACE_MISMATCH',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface LabErrorOptions {
  /** Where the problem is: a file, a JSON path (`$.steps[3].op`), a document id. */
  path?: string
  /** Structured context for programs (never needed to understand the message). */
  details?: Record<string, unknown>
  cause?: unknown
}

export class LabError extends Error {
  readonly code: ErrorCode
  readonly path: string | undefined
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, options: LabErrorOptions = {}) {
    super(options.path ? `${options.path}: ${message}` : message, { cause: options.cause })
    this.name = 'LabError'
    this.code = code
    this.path = options.path
    this.details = options.details
  }

  toJSON(): { code: ErrorCode; message: string; path?: string } {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path }
  }
}

export const isLabError = (e: unknown, code?: ErrorCode): e is LabError =>
  e instanceof LabError && (code === undefined || e.code === code)
