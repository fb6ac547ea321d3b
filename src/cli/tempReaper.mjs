// Watches a crdt-lab process and removes its temporary folder when it ends, however it ends
// (Ctrl-C, SIGTERM, SIGKILL, a crash): the process holds the other end of this process's stdin,
// and the pipe closes when it dies. Plain JavaScript, so it starts in a few tens of milliseconds.
import { rmSync } from 'node:fs'
import { basename } from 'node:path'

const root = process.argv[2]
// Only ever a folder tempRoot.ts made.
if (!root || !basename(root).startsWith('crdt-lab-run-')) process.exit(2)
const clean = () => {
  rmSync(root, { recursive: true, force: true })
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {})
process.stdin.on('data', () => {})
process.stdin.on('end', clean)
process.stdin.on('close', clean)
process.stdin.on('error', clean)
process.stdin.resume()
