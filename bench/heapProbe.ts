/**
 * Child-process entry of the heap measurement (see heap.ts). Arguments: module URL, export name,
 * JSON argument. Prints one JSON line `{ "heapDelta": bytes }`. Needs `--expose-gc`.
 */
import type { HeapSubjectFactory } from './heap.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('heapProbe needs node --expose-gc')
const [moduleUrl, exportName, argJson] = process.argv.slice(2)
if (moduleUrl === undefined || exportName === undefined || argJson === undefined)
  throw new Error('usage: heapProbe <moduleUrl> <export> <json>')

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

async function collectedUse(): Promise<number> {
  await settle()
  gc!()
  await settle()
  gc!()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

/**
 * Heap in use once it stops moving: a collection now and then leaves a just-dropped document
 * alive until the next one (observed with Yjs documents on Node 20), so read until two
 * consecutive readings agree within 1%.
 */
async function stableUse(): Promise<number> {
  let prev = await collectedUse()
  for (let i = 0; i < 6; i++) {
    const next = await collectedUse()
    if (Math.abs(next - prev) <= prev * 0.01) return Math.min(prev, next)
    prev = next
  }
  return prev
}

const mod = (await import(moduleUrl)) as Record<string, HeapSubjectFactory>
const factory = mod[exportName]
if (typeof factory !== 'function') throw new Error(`${moduleUrl} has no export ${exportName}`)
const subject = await factory(JSON.parse(argJson))
await subject.prepare?.()

// Loads happen in their own functions so no dead register of this top-level async frame keeps
// a document alive across a collection.
function warmUp(): void {
  subject.load()
}
function loadAndKeep(): void {
  ;(globalThis as { kept?: unknown }).kept = subject.load()
}

// Two loads first, thrown away: Yjs's decoding code is compiled lazily and its bytecode and
// feedback vectors live on the heap; without the warm-up they would count as the document's.
warmUp()
warmUp()
const before = await stableUse()
loadAndKeep()
const after = await stableUse()
process.stdout.write(`${JSON.stringify({ heapDelta: after - before })}\n`)
