/**
 * A corrupt or unreadable archive is reported when the replica opens its store, naming the file,
 * never read as an empty archive; a sound one lives beside the `.yrs` files and survives restarts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Replica } from '../../../src/engine/replica/replica.ts'
import { FsStore } from '../../../src/engine/store/fsStore.ts'
import { ManualClock, seededProviders } from '../../../src/engine/base/providers.ts'
import { ARCHIVE_FILE, closeArchive } from '../../../src/engine/sql/storeArchive.ts'
import { fallbackStatus, materializeNow } from '../../../src/engine/fallback/api.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { DAY, G, HOUR } from './fixture.ts'

const stores: FsStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) {
    closeArchive(s)
    s.destroy()
  }
})

function fsReplica(boot: number, store?: FsStore): { r: Replica; store: FsStore; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1))
  const s = store ?? FsStore.temp(clock)
  if (!store) stores.push(s)
  return {
    r: new Replica({
      member: 'alice',
      profile: 'reference',
      store: s,
      providers: seededProviders(`b${boot}`, 'alice', clock),
      config: { archiveAfterDays: 1 },
    }),
    store: s,
    clock,
  }
}

/** A store whose archive holds `n` moved messages, closed as after a clean shutdown. */
function archivedStore(n = 40): FsStore {
  const { r, store, clock } = fsReplica(1)
  r.createEntity(G, {})
  for (let i = 0; i < n; i++) {
    clock.advance(HOUR)
    r.execute('chat.send', G, { content: `m${i} ${'x'.repeat(200)}` })
  }
  clock.advance(3 * DAY)
  expect(materializeNow(r, G)).toHaveLength(n)
  r.close()
  closeArchive(store)
  return store
}

describe('the archive file', () => {
  it('sits in the store root beside the entity folders and survives a restart with everything readable', () => {
    const store = archivedStore()
    expect(readdirSync(store.dir)).toContain(ARCHIVE_FILE)
    expect(readdirSync(join(store.dir, 'group', 'test')).some((f) => f.endsWith('.yrs'))).toBe(true)
    const { r } = fsReplica(2, store)
    expect(r.query('chat.list', G)).toHaveLength(40)
    expect(fallbackStatus(r, G)).toMatchObject({ mode: 'hybrid', archived: 40 })
  })

  it('garbage, a damaged page header and a truncated file are SQL_CORRUPT at open, naming the file', () => {
    const damages: [string, (b: Buffer) => Buffer][] = [
      ['garbage', (b) => Buffer.alloc(b.length, 7)],
      [
        'damaged page header',
        (b) => {
          const c = Buffer.from(b)
          for (let i = 4096; i < 4096 + 12; i++) c[i] = c[i]! ^ 0x5a
          return c
        },
      ],
      ['truncated', (b) => b.subarray(0, 5000)],
    ]
    for (const [what, damage] of damages) {
      const store = archivedStore()
      const file = join(store.dir, ARCHIVE_FILE)
      writeFileSync(file, damage(readFileSync(file)))
      const err = labErrorOf(() => fsReplica(2, store))
      expect(err.code, what).toBe('SQL_CORRUPT')
      expect(err.path, what).toBe(file)
      expect(err.message, what).toContain(file)
    }
  })

  it(
    'a flipped byte inside a row (which SQLite cannot see) is SQL_CORRUPT when ' + 'read, naming the file and the row',
    () => {
      const store = archivedStore()
      const file = join(store.dir, ARCHIVE_FILE)
      const bytes = Buffer.from(readFileSync(file))
      const at = bytes.indexOf('"content":"m7 xxxx')
      expect(at).toBeGreaterThan(0)
      bytes[at + 16] = 'y'.charCodeAt(0)
      writeFileSync(file, bytes)
      const { r } = fsReplica(2, store)
      const err = labErrorOf(() => r.query('chat.list', G))
      expect(err).toMatchObject({ code: 'SQL_CORRUPT', path: file })
      expect(err.message).toMatch(/row "m[0-9a-z]+" of archived_messages fails its CRC-32/)
    },
  )

  it('an archive path that cannot be opened is STORE_IO naming it', () => {
    const clock = new ManualClock()
    const store = FsStore.temp(clock)
    stores.push(store)
    mkdirSync(join(store.dir, ARCHIVE_FILE))
    const err = labErrorOf(
      () =>
        new Replica({ member: 'alice', profile: 'reference', store, providers: seededProviders(1, 'alice', clock) }),
    )
    expect(err).toMatchObject({ code: 'STORE_IO', path: join(store.dir, ARCHIVE_FILE) })
  })
})
