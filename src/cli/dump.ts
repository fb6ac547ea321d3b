/**
 * `run --dump DIR`: every replica's final documents as `DIR/<peer>/<file>.yrs`, each file the
 * bytes of `Y.encodeStateAsUpdate`, so plain Yjs loads them (`Y.applyUpdate(new Y.Doc(), bytes)`).
 *
 * File names are portable: a document id's `:` (which Windows and artifact uploads refuse) is
 * written as `.`, which no part of a document id contains (`project:roadmap:core` ->
 * `project.roadmap.core.yrs`; `docIdOfDumpFile` reads it back). Every path written is checked to
 * lie inside DIR: peer names and ids are validated words, and this keeps it so whatever changes.
 */
import { isAbsolute, join, relative } from 'node:path'
import * as Y from 'yjs'
import { LabError } from '../engine/base/errors.ts'
import type { SimRun } from '../sim/run.ts'
import { writeFileMakingDirs } from './files.ts'

/** What stands for `:` in a dumped file's name. */
export const DUMP_SEPARATOR = '.'

/** `project:roadmap:core` -> `project.roadmap.core.yrs` */
export const dumpFileName = (docId: string): string => `${docId.split(':').join(DUMP_SEPARATOR)}.yrs`

/** The document id a dump file name stands for (the inverse of `dumpFileName`), or null. */
export function docIdOfDumpFile(name: string): string | null {
  if (!name.endsWith('.yrs')) return null
  const parts = name.slice(0, -'.yrs'.length).split(DUMP_SEPARATOR)
  return parts.length === 3 ? parts.join(':') : null
}

/** `dir/a/b`, refused unless it lies inside `dir`. */
export function insideFolder(dir: string, ...parts: string[]): string {
  const path = join(dir, ...parts)
  const rel = relative(dir, path)
  if (rel === '' || rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel))
    throw new LabError('BAD_USAGE', `--dump ${dir}: ${JSON.stringify(parts.join('/'))} would be written outside it`)
  return path
}

/** Writes the documents of every running replica; returns how many files it wrote. */
export function dumpReplicas(run: SimRun, dir: string): number {
  let files = 0
  for (const peer of run.world.peers.values()) {
    if (!peer.up) continue
    for (const entity of run.world.entityIds()) {
      for (const docId of peer.r.docIds(entity)) {
        const path = insideFolder(dir, peer.name, dumpFileName(docId))
        try {
          writeFileMakingDirs(path, Y.encodeStateAsUpdate(peer.r.ydoc(docId)))
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          if (typeof code !== 'string') throw e
          throw new LabError('BAD_USAGE', `--dump ${dir}: cannot write ${path} (${code})`, { cause: e })
        }
        files++
      }
    }
  }
  return files
}
