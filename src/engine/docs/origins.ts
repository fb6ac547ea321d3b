/**
 * Transaction origins. Yjs hands the origin of every transaction to its listeners; the engine
 * uses it to tell what to broadcast (local writes), what to persist (everything but a load) and
 * what the undo manager may undo (the local user's operations only).
 */
export const ORIGIN_LOCAL = Symbol('local')
/** Engine bookkeeping written locally (acks, prunes, registry); broadcast, never undoable. */
export const ORIGIN_SYSTEM = Symbol('system')
export const ORIGIN_REMOTE = Symbol('remote')
export const ORIGIN_LOAD = Symbol('load')

/** Origins whose updates leave the replica (published on the entity topic). */
export const isOutgoing = (origin: unknown): boolean => origin === ORIGIN_LOCAL || origin === ORIGIN_SYSTEM
