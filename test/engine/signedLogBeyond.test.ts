/**
 * SignedLog.beyond answers a state vector from each client's entries sorted by clock (a binary
 * search, not a pass over the whole log): it must give what a pass over every entry gives, in the
 * order the entries came, whatever order they came in, with equivocation evidence left out.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemberKeys } from '../../src/engine/authorship/keys.ts'
import { SignedLog, type LogEntry } from '../../src/engine/authorship/signedLog.ts'
import type { DocId } from '../../src/engine/base/ids.ts'

const DOC: DocId = 'group:g:chat'
const keys = (m: string) => new MemberKeys('world-9', m)

/** `n` updates of one writer (client `client`, member `member`), the first registering it. */
function updatesOf(client: number, member: string, n: number): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = client
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  doc.getMap('_clients').set(client.toString(36), [member, {}])
  for (let i = 1; i < n; i++) doc.getMap('messages').set(`m${i}`, `${member} ${i}`)
  return out
}

/** What a pass over every entry gives (the answer before the sorted lists). */
function byPass(entries: readonly LogEntry[], sv: ReadonlyMap<number, number>): string[] {
  const past = (c: number, to: number) => to > (sv.get(c) ?? 0)
  const sent = entries.filter((e) => !e.evidence && e.client !== undefined && past(e.client, e.to))
  const clients = new Set(sent.filter((e) => e.from > 0).map((e) => e.client))
  const binding = entries.filter((e) => !e.evidence && e.from === 0 && clients.has(e.client))
  return [...binding.map((e) => `b:${e.key}`), ...sent.map((e) => e.key)]
}

describe('SignedLog.beyond', () => {
  const writers = [
    { client: 11, member: 'alice', updates: updatesOf(11, 'alice', 6) },
    { client: 22, member: 'carol', updates: updatesOf(22, 'carol', 5) },
  ]
  const all = writers.flatMap((w) =>
    w.updates.map((update) => ({ signer: w.member, signature: keys(w.member).sign(DOC, update), update })),
  )

  it('gives what a pass over the whole log gives, in arrival order, for any arrival order and state vector', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: all.length }),
        fc.array(fc.nat(7), { minLength: 2, maxLength: 2 }),
        (order, [a, c]) => {
          const log = new SignedLog(DOC, keys('bob'), [], () => {})
          for (let pass = 0; pass < 2; pass++)
            for (const s of order) {
              const r = log.check(s)
              if (r.kind === 'new') log.commit(r.entry)
            }
          const sv = new Map([
            [11, a!],
            [22, c!],
          ])
          const got = log.beyond(sv)
          const gotKeys = [...got.binding.map((e) => `b:${e.key}`), ...got.sent.map((e) => e.key)]
          expect(gotKeys).toEqual(byPass(log.entries(), sv))
        },
      ),
      { numRuns: 100, seed: 7 },
    )
  })
})
