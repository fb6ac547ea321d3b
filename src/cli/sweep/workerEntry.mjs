// A sweep worker thread's entry: worker threads do not inherit the main thread's tsx loader
// (and on Node 20 ignore `execArgv: ['--import', 'tsx']`), so each worker registers tsx itself
// before importing the TypeScript task.
import { register } from 'tsx/esm/api'

register()
const { runSweepTask } = await import('./seedRun.ts')

export default runSweepTask
