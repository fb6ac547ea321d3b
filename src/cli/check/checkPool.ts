/**
 * Runs one claim's budget in parts, each from its own fast-check seed (`seed`, `seed + 1`, ...:
 * evidence.ts), spread over worker threads. The parts are fixed by the seed count, not by the
 * workers, so the verdict and its counts are the same with one worker or four; the printed seed
 * and path replay a failure on its own. The first failure, in seed order, is the counterexample.
 */
import { MessageChannel } from 'node:worker_threads'
import Tinypool from 'tinypool'
import type { ClaimCheckResult, ClaimProgress } from '../../properties/claimCheck.ts'
import { MODULE_EXT } from '../packageRoot.ts'
import { workerModule, type WorkerModule } from '../sweep/workerModule.ts'
import { runCheckTask, type CheckTask } from './checkTask.ts'
import { budgetParts, mergeVerdict } from '../../properties/evidence.ts'
import { sumCoverage, type ClaimCoverage } from '../../properties/coverage.ts'

export const CHECK_TASK = {
  module: new URL(`./checkTask${MODULE_EXT}`, import.meta.url),
  tsxEntry: new URL('./checkWorkerEntry.mjs', import.meta.url),
}

/** A pool of `workers` threads (or none: runs in this thread). */
export class CheckPool {
  private constructor(
    private readonly pool: Tinypool | null,
    private readonly module: WorkerModule | null,
    readonly workers: number,
  ) {}

  static async open(workers: number): Promise<CheckPool> {
    if (workers <= 1) return new CheckPool(null, null, 1)
    const module = await workerModule(CHECK_TASK)
    const pool = new Tinypool({
      filename: module.href,
      minThreads: workers,
      maxThreads: workers,
      isolateWorkers: false,
    })
    return new CheckPool(pool, module, workers)
  }

  /**
   * Runs `task` as `seeds` parts (default: one per worker), spread over the pool's workers; one
   * merged result. `onProgress` sees the parts summed.
   */
  async run(task: CheckTask & { seeds?: number }, onProgress?: (p: ClaimProgress) => void): Promise<ClaimCheckResult> {
    const { seeds, ...one } = task
    const parts = task.path
      ? [{ seed: task.seed, runs: task.runs }]
      : budgetParts(task.runs, task.seed, seeds ?? this.workers)
    if (parts.length === 1) return runCheckTask({ ...one, ...parts[0]! }, onProgress)
    const latest: (ClaimProgress | null)[] = parts.map(() => null)
    const report = (i: number, p: ClaimProgress) => {
      latest[i] = p
      onProgress?.(sum(latest, task.runs))
    }
    if (!this.pool) {
      const results: ClaimCheckResult[] = []
      for (const [i, part] of parts.entries()) results.push(runCheckTask({ ...one, ...part }, (p) => report(i, p)))
      return merge(results)
    }
    const channels = parts.map(() => new MessageChannel())
    channels.forEach((c, i) => c.port1.on('message', (p: ClaimProgress) => report(i, p)))
    try {
      const results = (await Promise.all(
        channels.map((c, i) =>
          this.pool!.run({ ...one, ...parts[i]!, port: c.port2 } satisfies CheckTask, { transferList: [c.port2] }),
        ),
      )) as ClaimCheckResult[]
      return merge(results)
    } finally {
      for (const c of channels) c.port1.close()
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy()
    this.module?.dispose()
  }
}

/** The progress of every part as one: a shrinking part shows its shrinking, else the runs summed. */
function sum(parts: readonly (ClaimProgress | null)[], total: number): ClaimProgress {
  const shrinking = parts.find((p) => p?.phase === 'shrinking')
  if (shrinking) return shrinking
  return { phase: 'runs', done: parts.reduce((n, p) => n + (p?.done ?? 0), 0), total }
}

/** The parts' coverage summed (what the workers' runs exercised, all together). */
const coverageOf = (parts: readonly ClaimCheckResult[]): { coverage?: ClaimCoverage } => {
  const all = parts.flatMap((p) => (p.coverage ? [p.coverage] : []))
  return all.length > 0 ? { coverage: sumCoverage(all) } : {}
}

function merge(parts: ClaimCheckResult[]): ClaimCheckResult {
  const failed = parts.find((p) => p.verdict === 'fails')
  const { verdict, runs, evaluated, needed } = mergeVerdict(parts)
  const base = {
    claim: parts[0]!.claim,
    profile: parts[0]!.profile,
    runs,
    evaluated,
    needed,
    ms: Math.max(...parts.map((p) => p.ms)),
    ...coverageOf(parts),
  }
  if (failed)
    return {
      ...base,
      verdict: 'fails',
      ...(failed.shrinkCut ? { shrinkCut: true } : {}),
      ...(failed.counterexample ? { counterexample: failed.counterexample } : {}),
    }
  return { ...base, verdict }
}
