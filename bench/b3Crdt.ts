/**
 * The operations dmonad/crdt-benchmarks' B3 cases need, as an interface any CRDT can implement
 * (after that suite's `AbstractCrdt`/`CrdtFactory`): a map (B3.1-B3.3) and an array (B3.4). Raw
 * Yjs implements it in rawYjs/b3Crdt.ts; an engine profile implements it (engine/b3Crdt.ts) to
 * get the same rows measured for itself.
 */

/** The shared type a case writes: an engine needs its initial state to hold a record or a list. */
export type B3Shape = 'map' | 'array'

/** One replica holding a map and an array. */
export interface B3Crdt {
  setMap(key: string, value: unknown): void
  /** The map as plain JSON, to check that replicas agree. */
  getMap(): Record<string, unknown>
  /** Inserts `values` at `index` of the array, in one local transaction. */
  insertArray(index: number, values: readonly string[]): void
  /** The array as plain JSON, to check that replicas agree. */
  getArray(): unknown[]
  /** Applies many updates in one transaction. */
  applyUpdates(updates: readonly Uint8Array[]): void
  /** The whole state, encoded. */
  encodeState(): Uint8Array
}

export interface B3CrdtFactory {
  /** Column this factory fills on the report: `rawYjs`, `reference` or `spec`. */
  readonly name: string
  /**
   * A replica with a pinned client id, starting from the initial state of `shape`, that reports
   * each local update to `onUpdate`.
   */
  create(clientId: number, onUpdate: (update: Uint8Array) => void, shape: B3Shape): B3Crdt
  /** A replica loaded from `encodeState()` output. */
  load(clientId: number, state: Uint8Array): B3Crdt
}
