import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CHECKS } from '../../src/properties/checks/catalogue.ts'
import { crdtLab, fixture, inShell, STACK_FRAME, tempDir, type CliOutcome } from './crdtLab.ts'

const G = 'group:ocean-forest-moon-star'

describe('crdt-lab run on a passing scenario', () => {
  const dir = tempDir()
  const out = {
    json: join(dir, 'result.json'),
    html: join(dir, 'report.html'),
    trace: join(dir, 'run.jsonl'),
    dump: join(dir, 'dump'),
  }
  let cli: CliOutcome
  beforeAll(async () => {
    cli = await crdtLab(
      'run',
      fixture('chat-partition.json'),
      '--json',
      out.json,
      '--html',
      out.html,
      '--trace',
      out.trace,
      '--dump',
      out.dump,
    )
  })

  it('exits 0 and summarizes the verdict, checks, final queries, stats and trace hash', () => {
    expect(cli.code).toBe(0)
    expect(cli.stdout).toMatch(
      /^PASS chat-partition \(test\/cli\/fixtures\/chat-partition\.json\) seed 3, profile reference$/m,
    )
    expect(cli.stdout).toMatch(/^ {4}convergence +holds/m)
    expect(cli.stdout).toMatch(/^ {4}sizeThreshold +not evaluated/m)
    expect(cli.stdout).toContain(`* chat.list on ${G} equals ["hello!"]: holds`)
    expect(cli.stdout).toMatch(/^ {2}stats {3}\d+ sent · \d+ delivered/m)
    expect(cli.stdout).toMatch(/^ {2}trace {3}[0-9a-f]{64}$/m)
    expect(cli.stdout).not.toContain('rerun')
  })

  it('writes the result JSON in the shape of DESIGN §6', () => {
    const r = JSON.parse(readFileSync(out.json, 'utf8'))
    expect(Object.keys(r)).toEqual(['scenario', 'seed', 'profile', 'traceHash', 'verdict', 'checks', 'final', 'stats'])
    expect(r).toMatchObject({
      scenario: 'chat-partition',
      seed: 3,
      profile: 'reference',
      verdict: 'pass',
      traceHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(Object.keys(r.checks)).toEqual([...CHECKS.keys()])
    expect(r.checks.convergence).toEqual({ holds: true, detail: expect.any(String) })
    expect(r.checks.sizeThreshold).toMatchObject({ evaluated: false })
    expect(r.checks.sizeThreshold).not.toHaveProperty('holds')
    expect(r.final).toEqual([
      expect.objectContaining({ peer: '*', query: 'chat.list', holds: true, actual: ['hello!'] }),
    ])
    expect(Object.keys(r.stats)).toEqual([
      'sent',
      'delivered',
      'dropped',
      'duplicated',
      'corrupted',
      'rejected',
      'tombstones',
      'pruned',
      'forged',
      'equivocations',
      'refusedReads',
      'simulatedMs',
      'wallMs',
    ])
    expect(cli.stdout).toContain(r.traceHash)
  })

  it('writes a self-contained HTML report with the timeline', () => {
    const html = readFileSync(out.html, 'utf8')
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).toContain('Run: chat-partition')
    expect(html).not.toContain('This run recorded no timeline')
    expect(html).not.toMatch(/<script[^>]+src=/)
  })

  it('writes a trace whose header holds the run recipe and lab version', () => {
    const [header, ...records] = readFileSync(out.trace, 'utf8').trim().split('\n')
    const h = JSON.parse(header!)
    expect(h).toMatchObject({
      trace: 1,
      records: records.length,
      traceHash: JSON.parse(readFileSync(out.json, 'utf8')).traceHash,
    })
    expect(h.meta.recipe).toMatchObject({
      source: fixture('chat-partition.json'),
      seed: 3,
      profile: 'reference',
      store: 'memory',
      swarm: false,
    })
    expect(h.meta.recipe.scenario).toMatchObject({ name: 'chat-partition', peers: ['alice', 'bob', 'carol'] })
    expect(h.meta.lab).toMatchObject({ crdtLab: expect.any(String), yjs: expect.any(String) })
  })

  it("dumps every replica's documents as .yrs files with portable names that plain Yjs loads", () => {
    expect(readdirSync(out.dump).sort()).toEqual(['alice', 'bob', 'carol'])
    const file = (docId: string) => `${docId.replace(/:/g, '.')}.yrs`
    const texts = ['alice', 'bob', 'carol'].map((peer) => {
      const names = readdirSync(join(out.dump, peer))
      expect(names).toEqual(expect.arrayContaining([file(`${G}:core`), file(`${G}:chat`)]))
      // Nothing that Windows or an artifact upload refuses.
      for (const name of names) expect(name).toMatch(/^[a-z0-9.-]+$/)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, readFileSync(join(out.dump, peer, file(`${G}:chat`))))
      return JSON.stringify(doc.getMap('messages').toJSON())
    })
    expect(texts[0]).toContain('hello!')
    expect(new Set(texts).size).toBe(1)
  })

  it('replays its trace: same hash, exit 0', async () => {
    const replay = await crdtLab('replay', out.trace)
    expect(replay.stderr).toBe('')
    expect(replay.code).toBe(0)
    expect(replay.stdout).toContain("reproduced: the replay's trace hash equals the recording's")
  })
})

describe('crdt-lab run on several files, one failing', () => {
  it('exits 1, says which check fails, prints its rerun command, and writes one output per file', async () => {
    const dir = tempDir()
    const cli = await crdtLab(
      'run',
      fixture('chat-partition.json'),
      fixture('quick-prune.json'),
      '--seed',
      '1',
      '--json',
      join(dir, 'r.json'),
      '--trace',
      join(dir, 't.jsonl'),
    )
    expect(cli.code).toBe(1)
    expect(cli.stdout).toMatch(/^PASS chat-partition .* seed 1, profile reference$/m)
    expect(cli.stdout).toMatch(/^FAIL quick-prune .* seed 1, profile spec$/m)
    expect(cli.stdout).toMatch(/^ {4}pruneSafety +FAILS: t=\d+: \w+ pruned/m)
    expect(cli.stdout).toContain('rerun   npx crdt-lab run test/cli/fixtures/quick-prune.json --seed 1 --profile spec')
    const results = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))
    expect(results.map((r: { scenario: string; verdict: string }) => `${r.scenario} ${r.verdict}`)).toEqual([
      'chat-partition pass',
      'quick-prune fail',
    ])
    expect(readdirSync(dir).sort()).toEqual(['r.json', 't.chat-partition.jsonl', 't.quick-prune.jsonl'])
    // A replay reproduces the failure: same hash, the run's own exit code.
    const replay = await crdtLab('replay', join(dir, 't.quick-prune.jsonl'))
    expect(replay.code).toBe(1)
    expect(replay.stdout).toContain('reproduced')
  })

  it('prints rerun and replay commands that work as printed, in a shell', async () => {
    const dir = tempDir()
    const cli = await crdtLab('run', fixture('quick-prune.json'), '--seed', '1', '--trace', join(dir, 'q.jsonl'))
    const rerun = /^ {2}rerun {3}(.+)$/m.exec(cli.stdout)![1]!
    const replay = /\(replay: (npx crdt-lab replay .+)\)$/m.exec(cli.stdout)![1]!
    for (const command of [rerun, replay]) {
      const out = await inShell(command)
      expect(out.code, `${command}\n${out.stderr}`).toBe(1)
      expect(out.stdout).toMatch(/FAIL quick-prune/)
    }
  })
})

describe('crdt-lab run on a failing scenario, as a user reads it', () => {
  it("names items as the scenario does and shows each failing query's expectation, answer and difference", async () => {
    const dir = tempDir()
    const cli = await crdtLab('run', 'scenarios/card-moves.json', '--profile', 'spec', '--json', join(dir, 'r.json'))
    expect(cli.code).toBe(1)
    expect(cli.stdout).toMatch(/cardOneColumn +FAILS: \$notes \(card[a-z0-9]+\) on alice is listed in \$doing \(col/)
    expect(cli.stdout).toContain(
      '* kanban.board on project:sprint-board equals ' +
        '{"todo":[],"doing":["fix flaky test"],"done":["release notes v2"]}: FAILS',
    )
    expect(cli.stdout).toMatch(
      /^ {8}actual {4}every replica: \{"todo":\[\],"doing":\["fix flaky test","release notes v2"\]/m,
    )
    expect(cli.stdout).toMatch(/^ {8}diff {6}doing: unexpected "release notes v2"$/m)
    const r = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))
    expect(r.checks.cardOneColumn.detail).toContain('$notes (card')
    expect(r.final[0]).toMatchObject({
      holds: false,
      operator: 'equals',
      expected: { todo: [], doing: ['fix flaky test'], done: ['release notes v2'] },
      diff: ['doing: unexpected "release notes v2"'],
    })
  })
})

describe('crdt-lab run on bad input', () => {
  const bad = (cli: CliOutcome) => {
    expect(cli.code).toBe(2)
    expect(cli.stdout).toBe('')
    expect(cli.stderr).not.toMatch(STACK_FRAME)
  }
  it('malformed JSON: exit 2 naming the file, line and column', async () => {
    const cli = await crdtLab('run', fixture('malformed.json'))
    bad(cli)
    expect(cli.stderr).toContain(
      'test/cli/fixtures/malformed.json: line 4, column 1: malformed JSON: trailing comma before "}"',
    )
  })
  it('unknown op: exit 2 naming the file and the JSON path, before any file runs', async () => {
    const cli = await crdtLab('run', fixture('chat-partition.json'), fixture('unknown-op.json'))
    bad(cli)
    expect(cli.stderr).toContain(
      'test/cli/fixtures/unknown-op.json: $.steps[1].op: unknown op "chat.sned"; expected one of',
    )
  })
  it('missing file: exit 2 naming it', async () => {
    const cli = await crdtLab('run', fixture('no-such.json'))
    bad(cli)
    expect(cli.stderr.trim()).toBe('test/cli/fixtures/no-such.json: no such scenario file')
  })
  it('bad option values and unknown options: exit 2', async () => {
    for (const args of [['--profile', 'fast'], ['--frobnicate']])
      bad(await crdtLab('run', fixture('chat-partition.json'), ...args))
  })
})

describe('crdt-lab run: a final query answered with another type than expected', () => {
  it('fails that query with expected and actual (exit 1, never 3), and the files after it still run', async () => {
    const dir = tempDir()
    const P = 'project:launch'
    const file = join(dir, 'typed.json')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'typed',
        seed: 1,
        peers: ['alice', 'bob'],
        entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
        steps: [{ at: 0, peer: 'alice', op: 'chat.send', entity: P, args: { content: 'hi' } }],
        expect: {
          final: [
            { peer: '*', query: 'member.role', entity: P, args: { member: 'bob' }, includes: { role: 'member' } },
            { peer: '*', query: 'chat.list', entity: P, equals: { first: 'hi' } },
          ],
        },
      }),
    )
    const cli = await crdtLab('run', file, 'scenarios/edit-race.json', '--json', join(dir, 'out.json'))
    expect(cli.code).toBe(1)
    expect(cli.stderr).not.toMatch(STACK_FRAME)
    expect(cli.stdout).toContain('diff      expected an object, got a string "member"')
    expect(cli.stdout).toContain('diff      expected an object, got a list ["hi"]')
    expect(cli.stdout).toMatch(/^PASS edit-race/m)
    const [typed, race] = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))
    expect(typed.final[0]).toMatchObject({ holds: false, expected: { role: 'member' }, actual: 'member' })
    expect(race.verdict).toBe('pass')
  })
})
