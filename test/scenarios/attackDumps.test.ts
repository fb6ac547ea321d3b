/**
 * The attack stories (a lying peer) under the reference: every honest replica's dumped documents
 * (`crdt-lab run --dump`), loaded by plain Yjs, are the same documents, byte for byte, on every
 * honest peer; the liar's own replica is left out (it holds what it made up).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { dumpReplicas } from '../../src/cli/dump.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { loadScenario } from '../../src/sim/scenario/load.ts'

const ATTACKS = ['impersonation-post', 'impersonation-admin', 'impersonation-delete', 'equivocation', 'non-member-read']
const HONEST = ['alice', 'bob', 'carol']

/** A dumped file as plain Yjs holds it: loaded into a fresh document, encoded again. */
function plain(path: string): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, readFileSync(path))
  const bytes = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return Buffer.from(bytes).toString('hex')
}

describe.each(ATTACKS)('%s under the reference', (name) => {
  it('the honest replicas dumped agree under plain Yjs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-attack-'))
    try {
      const scenario = loadScenario(new URL(`../../scenarios/${name}.json`, import.meta.url).pathname)
      const { result } = runAndCheck(scenario, { inspect: (run) => void dumpReplicas(run, dir) })
      expect(result.verdict).toBe('pass')
      const files = readdirSync(join(dir, 'alice')).sort()
      expect(files.length).toBeGreaterThan(0)
      for (const peer of HONEST) {
        expect(readdirSync(join(dir, peer)).sort()).toEqual(files)
        for (const f of files) expect(plain(join(dir, peer, f)), `${peer}/${f}`).toBe(plain(join(dir, 'alice', f)))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
