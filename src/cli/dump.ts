/**
 * `run --dump DIR`: every replica's final documents as `DIR/<peer>/<docId>.yrs`, each file the
 * bytes of `Y.encodeStateAsUpdate`, so plain Yjs loads them (`Y.applyUpdate(new Y.Doc(), bytes)`).
 */
import { join } from 'node:path'
import * as Y from 'yjs'
import type { SimRun } from '../sim/run.ts'
import { writeFileMakingDirs } from './files.ts'

/** Writes the documents of every running replica; returns how many files it wrote. */
export function dumpReplicas(run: SimRun, dir: string): number {
  let files = 0
  for (const peer of run.world.peers.values()) {
    if (!peer.up) continue
    for (const entity of run.world.entityIds()) {
      for (const docId of peer.r.docIds(entity)) {
        writeFileMakingDirs(join(dir, peer.name, `${docId}.yrs`), Y.encodeStateAsUpdate(peer.r.ydoc(docId)))
        files++
      }
    }
  }
  return files
}
