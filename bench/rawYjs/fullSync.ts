/**
 * "Full entity sync" with raw Yjs: an entity of 100 members, 1000 messages, 500 cards and 1000
 * issues (its core, chat, kanban and issues documents) synced into empty replicas the way the
 * spec's protocol does it: the empty side sends its state vector, the full side answers with the
 * diff, the empty side applies it. Bytes are the diffs summed; CPU covers all three steps.
 */
import * as Y from 'yjs'
import type { TimedTask } from '../harness.ts'
import { Workload } from '../workloads.ts'
import { chatDoc, coreDoc, issuesDoc, kanbanDoc, newDoc } from './documents.ts'

/** ClientID of the empty replica every document syncs into. */
export const EMPTY_REPLICA = 900_201

let entity: Y.Doc[] | undefined

/** The entity's four documents, built once per process. */
export function entityDocs(): Y.Doc[] {
  if (entity === undefined) {
    const w = new Workload('bench:entity', 100)
    entity = [coreDoc(w, 100), chatDoc(w, 1000), kanbanDoc(w, 500), issuesDoc(w, 1000)]
  }
  return entity
}

/** Syncs every document into a fresh empty replica; returns the diff sizes (V1, V2). */
export function syncEntity(docs: Y.Doc[], v2 = false): number {
  let bytes = 0
  for (const source of docs) {
    const target = newDoc(EMPTY_REPLICA)
    if (v2) {
      const diff = Y.encodeStateAsUpdateV2(source, Y.encodeStateVector(target))
      Y.applyUpdateV2(target, diff)
      bytes += diff.byteLength
    } else {
      const diff = Y.encodeStateAsUpdate(source, Y.encodeStateVector(target))
      Y.applyUpdate(target, diff)
      bytes += diff.byteLength
    }
  }
  return bytes
}

export const fullSyncBytes = (): number => syncEntity(entityDocs())
export const fullSyncBytesV2 = (): number => syncEntity(entityDocs(), true)

export function fullSyncTask(): TimedTask<Y.Doc[]> {
  return { kind: 'timed', setup: entityDocs, fn: syncEntity }
}
