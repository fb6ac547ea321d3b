// A check worker thread's entry when the task could not be bundled: register tsx, then load it.
import { register } from 'tsx/esm/api'

register()
const { runCheckTask } = await import('./checkTask.ts')

export default runCheckTask
