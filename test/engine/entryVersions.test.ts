/**
 * The version digests acknowledgements carry (authorship/entryVersions.ts): equal logs give equal
 * digests; the other version of an equivocated range, a burned range (evidence held) or a log that
 * lacks part of what a watermark covers give another or none, so a reader does not count it.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { MemberKeys } from '../../src/engine/authorship/keys.ts'
import { SignedLog } from '../../src/engine/authorship/signedLog.ts'
import { LogVersions } from '../../src/engine/authorship/entryVersions.ts'
import { forgeUpdate } from '../../src/engine/mutants/forgeUpdate.ts'
import type { DocId } from '../../src/engine/base/ids.ts'

const DOC: DocId = 'group:g:chat'
const SEED = 'world-7'
const signed = (by: string, update: Uint8Array) => ({
  signer: by,
  signature: new MemberKeys(SEED, by).sign(DOC, update),
  update,
})

/** Mallory's client 33: its registration, then three messages, one update each. */
function mallory(): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 33
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  doc.getMap('_clients').set('x', ['mallory', {}])
  for (const m of ['m1', 'm2', 'm3']) doc.getMap('messages').set(m, { content: `hello ${m}` })
  return out
}

/** A log (bob's) holding `updates` as mallory signed them. */
function logOf(updates: readonly Uint8Array[]): { log: SignedLog; versions: LogVersions } {
  const log = new SignedLog(DOC, new MemberKeys(SEED, 'bob'), [], () => undefined)
  for (const u of updates) {
    const c = log.check(signed('mallory', u))
    if (c.kind === 'new') log.commit(c.entry)
  }
  return { log, versions: new LogVersions(log) }
}

const covers = (clock: number) => ({ [(33).toString(36)]: clock })

describe('entry versions', () => {
  const u = mallory()
  const clockAfter = (n: number) => Y.parseUpdateMeta(u[n - 1]!).to.get(33)!

  it('are equal where the same entries are held, and stand when later entries come', () => {
    const a = logOf(u.slice(0, 3)).versions
    const b = logOf(u).versions
    const wm = covers(clockAfter(3))
    const d = a.digest(wm)
    expect(d).toMatch(/^[A-Za-z0-9+/]{16}$/)
    expect(b.digest(wm)).toBe(d)
    expect(b.holds(wm, d!)).toBe(true)
  })

  it('differ for the other version of a range, and for a log that also holds it as evidence', () => {
    const wm = covers(clockAfter(3))
    const d = logOf(u.slice(0, 3)).versions.digest(wm)!
    const other = logOf([u[0]!, u[1]!, forgeUpdate(u[2]!)!]).versions
    expect(other.digest(wm)).toBeDefined()
    expect(other.holds(wm, d)).toBe(false)
    const both = logOf(u.slice(0, 3))
    expect(both.log.check(signed('mallory', forgeUpdate(u[2]!)!))).toMatchObject({ code: 'EQUIVOCATION' })
    expect(both.versions.holds(wm, d)).toBe(false)
  })

  it('cannot vouch for what the log does not hold: a clock past its entries', () => {
    const v = logOf(u.slice(0, 2)).versions
    expect(v.digest(covers(clockAfter(3)))).toBeUndefined()
    const d = logOf(u).versions.digest(covers(clockAfter(3)))!
    expect(v.holds(covers(clockAfter(3)), d)).toBe(false)
  })

  it('answers again once the log takes what it lacked (a cached "cannot tell" is not kept)', () => {
    const { log, versions } = logOf(u.slice(0, 2))
    const wm = covers(clockAfter(3))
    const d = logOf(u).versions.digest(wm)!
    expect(versions.holds(wm, d)).toBe(false)
    const c = log.check(signed('mallory', u[2]!))
    if (c.kind === 'new') log.commit(c.entry)
    expect(versions.holds(wm, d)).toBe(true)
  })
})
