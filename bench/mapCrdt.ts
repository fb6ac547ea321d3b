/**
 * The map operations dmonad/crdt-benchmarks' B3 cases need, as an interface any CRDT can
 * implement (after that suite's `AbstractCrdt`/`CrdtFactory`). Raw Yjs implements it in
 * rawYjs/mapCrdt.ts; an engine profile implements it to get the same rows measured for itself.
 */

/** One replica holding a map. */
export interface MapCrdt {
  setMap(key: string, value: unknown): void
  /** The map as plain JSON, to check that replicas agree. */
  getMap(): Record<string, unknown>
  /** Applies many updates in one transaction. */
  applyUpdates(updates: readonly Uint8Array[]): void
  /** The whole state, encoded. */
  encodeState(): Uint8Array
}

export interface MapCrdtFactory {
  /** Column this factory fills on the report: `rawYjs`, `reference` or `spec`. */
  readonly name: string
  /** A replica with a pinned client id that reports each local update to `onUpdate`. */
  create(clientId: number, onUpdate: (update: Uint8Array) => void): MapCrdt
  /** A replica loaded from `encodeState()` output. */
  load(clientId: number, state: Uint8Array): MapCrdt
}
