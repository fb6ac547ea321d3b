/**
 * Raw Yjs figures of the memory table: encoded size (V1 and V2), load time (apply the encoded
 * state to an empty document) and heap held by the loaded document (child process, heap.ts).
 */
import * as Y from 'yjs'
import { heapDeltaInChild, type HeapSubject } from '../heap.ts'
import { median, type TimedTask } from '../harness.ts'
import { Workload } from '../workloads.ts'
import { DOC_BUILDERS, type DocKind, newDoc } from './documents.ts'

/** ClientID of the replica that loads a document (distinct from every author's). */
const LOADER_CLIENT = 900_001

const cache = new Map<string, { v1: Uint8Array; v2: Uint8Array }>()

/** The encoded state of a `kind` document of `count` items; built once per process. */
export function encodedDoc(kind: DocKind, count: number): { v1: Uint8Array; v2: Uint8Array } {
  const key = `${kind}:${count}`
  let hit = cache.get(key)
  if (hit === undefined) {
    const doc = DOC_BUILDERS[kind](new Workload(`bench:${kind}`), count)
    hit = { v1: Y.encodeStateAsUpdate(doc), v2: Y.encodeStateAsUpdateV2(doc) }
    doc.destroy()
    cache.set(key, hit)
  }
  return hit
}

/** Loads an encoded state into a fresh document. */
export function loadDoc(bytes: Uint8Array): Y.Doc {
  const doc = newDoc(LOADER_CLIENT)
  Y.applyUpdate(doc, bytes)
  return doc
}

export const docBytes = (kind: DocKind, count: number): number => encodedDoc(kind, count).v1.byteLength
export const docBytesV2 = (kind: DocKind, count: number): number => encodedDoc(kind, count).v2.byteLength

/** A timed load of the encoded document. */
export function loadTask(kind: DocKind, count: number): TimedTask<Uint8Array> {
  return { kind: 'timed', setup: () => encodedDoc(kind, count).v1, fn: loadDoc }
}

/** Median wall time of `runs` loads, for series points (cheaper than a tinybench run per point). */
export function medianLoadMs(kind: DocKind, count: number, runs: number): number {
  const bytes = encodedDoc(kind, count).v1
  loadDoc(bytes) // warm up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    loadDoc(bytes)
    times.push(performance.now() - t0)
  }
  return median(times)
}

/** Heap subject for heap.ts: prepares the encoded bytes, then loads them. */
export function rawYjsDocument(arg: unknown): HeapSubject {
  const { kind, count } = arg as { kind: DocKind; count: number }
  let bytes: Uint8Array = new Uint8Array()
  return {
    prepare: () => {
      bytes = encodedDoc(kind, count).v1
      cache.clear() // keep only the bytes: the baseline must not hold a built document
    },
    load: () => loadDoc(bytes),
  }
}

/** Heap held by a loaded raw Yjs document, measured in `children` child processes. */
export const memBytes = (kind: DocKind, count: number, children: number): Promise<number> =>
  heapDeltaInChild(import.meta.url, 'rawYjsDocument', { kind, count }, children)
