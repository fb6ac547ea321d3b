/**
 * Schedules on worker threads (tinypool), the same way sweeps spread seeds: a level of the search
 * goes out in chunks, about 8 per worker, each a batch of schedules a worker executes from the
 * initial state; results come back in order.
 */
import Tinypool from 'tinypool'
import type { Choice } from '../../properties/explore/choices.ts'
import type { Visit } from '../../properties/explore/execute.ts'
import type { ExploreSettings } from '../../properties/explore/program.ts'
import type { Executor } from '../../properties/explore/search.ts'
import { MODULE_EXT } from '../packageRoot.ts'
import { workerModule, type WorkerTask } from '../sweep/workerModule.ts'
import type { ExploreTask } from './exploreTask.ts'

const EXPLORE_TASK: WorkerTask = {
  module: new URL(`./exploreTask${MODULE_EXT}`, import.meta.url),
  tsxEntry: new URL('./exploreWorkerEntry.mjs', import.meta.url),
}

/** Chunks per worker per level (balance), and the largest chunk. */
const CHUNKS_PER_WORKER = 8
const MAX_CHUNK = 64

/** A pool of `workers` threads running one scenario's schedules; `close` when done. */
export async function explorePool(
  workers: number,
  scenarioText: string,
  source: string,
): Promise<{ executor: (settings: ExploreSettings) => Executor; close(): Promise<void> }> {
  const module = await workerModule(EXPLORE_TASK)
  const pool = new Tinypool({ filename: module.href, minThreads: workers, maxThreads: workers, isolateWorkers: false })
  const executor =
    (settings: ExploreSettings): Executor =>
    async (paths) => {
      const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(paths.length / (workers * CHUNKS_PER_WORKER))))
      const chunks: (readonly Choice[])[][] = []
      for (let i = 0; i < paths.length; i += size) chunks.push(paths.slice(i, i + size))
      const done = await Promise.all(
        chunks.map((chunk) => pool.run({ scenarioText, source, settings, paths: chunk } satisfies ExploreTask)),
      )
      return (done as Visit[][]).flat()
    }
  return {
    executor,
    close: async () => {
      await pool.destroy()
      module.dispose()
    },
  }
}
