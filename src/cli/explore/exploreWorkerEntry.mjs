// An explore worker thread's entry when the task could not be bundled: it registers tsx itself
// (worker threads do not inherit the main thread's loader) before importing the TypeScript task.
import { register } from 'tsx/esm/api'

register()
const { runExploreTask } = await import('./exploreTask.ts')

export default runExploreTask
