// `npm run build`: compiles src/ and bench/ to JavaScript and declarations in dist/ (tsc, with the
// `.ts` import specifiers rewritten to `.js`), so the installed package runs without tsx.
//
// The bench measures some rows in child processes it starts as `node --import tsx <file>.ts`
// (bench/suite.ts, bench/heap.ts). The package ships no TypeScript, so each such entry gets a
// one-line `.ts` shim beside its compiled `.js` that imports it: the bench then still works from
// the package, with tsx loading nothing but the shim.
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = new URL('../dist/', import.meta.url)
const CHILD_ENTRIES = ['bench/secondProcess', 'bench/heapProbe']

rmSync(dist, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)
for (const entry of CHILD_ENTRIES) {
  const name = entry.split('/').at(-1)
  const shim = `// Child-process entry of the bench: the compiled module.\nimport './${name}.js'\n`
  writeFileSync(new URL(`${entry}.ts`, dist), shim)
}
process.stderr.write(`built ${fileURLToPath(dist)}\n`)
