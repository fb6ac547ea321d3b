/** Writing a rendered page to disk. */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes `html` to `path`, creating parent directories. */
export async function writeReport(path: string, html: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, html, 'utf8')
}
