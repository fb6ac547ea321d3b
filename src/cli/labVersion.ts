/** Versions a trace records, so a replay on another version can say why its hash may differ. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { packagePath } from './packageRoot.ts'

const versionOf = (path: string): string => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version

/** crdt-lab's own version (package.json). */
export const LAB_VERSION = versionOf(packagePath('package.json'))

/** The Yjs the engine runs on: its encoding decides the bytes, and so the trace hash. */
const YJS_VERSION = versionOf(createRequire(import.meta.url).resolve('yjs/package.json'))

/** What a trace header's `meta.lab` holds. */
export const labVersions = (): { crdtLab: string; yjs: string; node: string } => ({
  crdtLab: LAB_VERSION,
  yjs: YJS_VERSION,
  node: process.version,
})
