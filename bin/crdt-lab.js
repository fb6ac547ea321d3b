#!/usr/bin/env node
// Entry point of the `crdt-lab` command. The installed package runs its compiled JavaScript
// (dist/); a checkout of the repository, which has the TypeScript sources, runs them as they are
// through tsx, so what runs there is always the code being edited, never a stale build.
import { existsSync } from 'node:fs'

const source = new URL('../src/cli/main.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import('../dist/src/cli/main.js')
}
