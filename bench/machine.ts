/** Machine information for the bench JSON: CPU model, cores, Node.js and Yjs versions. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import type { BenchMachine } from '../src/report/inputs.ts'

/** The installed Yjs version, read from its package.json (not exported, so found beside its entry). */
export function yjsVersion(): string {
  const entry = createRequire(import.meta.url).resolve('yjs') // <pkg>/dist/yjs.cjs
  const pkg = JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

export function machineInfo(): BenchMachine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    yjs: yjsVersion(),
  }
}
