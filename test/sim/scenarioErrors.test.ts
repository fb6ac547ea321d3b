import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadScenario, parseScenario, parseScenarioText } from '../../src/sim/scenario/load.ts'
import { labErrorOf } from './labErrors.ts'
import { looseExample } from './designExample.ts'

const FILE = 'scenarios/x.json'
const G = 'group:ocean-forest-moon-star'

/** The lines of the BAD_SCENARIO error for the DESIGN example after `change`. */
function problems(change: (s: Record<string, any>) => void): string[] {
  const s = looseExample()
  change(s)
  const e = labErrorOf(() => parseScenario(s, FILE), 'BAD_SCENARIO')
  expect(e.path).toBe(FILE)
  return e.message.split('\n')
}

/** Expects exactly these problems (each line `file: path: what`). */
const only = (change: (s: Record<string, any>) => void, ...lines: string[]) =>
  expect(problems(change)).toEqual(lines.map((l) => `${FILE}: ${l}`))

const op = (at: number, peer: string, name: string, args: object, more: object = {}) => ({
  at,
  peer,
  op: name,
  entity: G,
  args,
  ...more,
})

describe('scenario schema errors name the file, the JSON path and what is wrong', () => {
  it('unknown op, fault, query, check', () => {
    const ops = problems((s) => (s.steps[1].op = 'chat.sned'))
    expect(ops).toHaveLength(1)
    expect(ops[0]).toMatch(
      new RegExp(
        String.raw`^scenarios\/x\.json: \$\.steps\[1\]\.op: unknown op "chat\.sned"; ` +
          String.raw`expected one of member\.add, .*chat\.send, .*disk\.delete$`,
      ),
    )
    only(
      (s) => (s.steps[2].fault = 'partiton'),
      '$.steps[2].fault: unknown fault "partiton"; expected one of partition, ' +
        'heal, offline, online, crash, restart, hold, release, clockSkew, impersonate, equivocate, honest',
    )
    only(
      (s) => (s.expect.final[0].query = 'member.lst'),
      '$.expect.final[0].query: unknown query "member.lst"; expected one of ' +
        'member.list, member.role, chat.list, kanban.board, issues.get, ' +
        'canvas.elements, disk.read',
    )
    expect(problems((s) => (s.expect.checks = ['convergance']))[0]).toMatch(
      new RegExp(
        String.raw`^scenarios\/x\.json: \$\.expect\.checks\[0\]: expected "convergence", .* or "access", ` +
          String.raw`got the string "convergance"$`,
      ),
    )
  })

  it('unknown keys, listing the keys allowed', () => {
    only(
      (s) => (s.network.latncyMs = [1, 2]),
      '$.network.latncyMs: unknown key "latncyMs"; expected one of latencyMs, ' +
        'drop, duplicate, corrupt, reorder, antiEntropyMs, delivery',
    )
    only(
      (s) => (s.steps[0].args.text = 'x'),
      '$.steps[0].args.text: unknown argument "text"; expected one of content, attachments, replyTo',
    )
    expect(problems((s) => (s.steps[12].random.mix['chat.snd'] = 1))).toEqual([
      expect.stringMatching(
        new RegExp(
          String.raw`^scenarios\/x\.json: \$\.steps\[12\]\.random\.mix\["chat\.snd"\]: unknown op "chat\.snd"; ` +
            String.raw`expected one of member\.add, `,
        ),
      ),
    ])
    only(
      (s) => (s.config.thresholds.wiki = 1),
      '$.config.thresholds.wiki: unknown SQL-fallback concern "wiki"; expected one of chat, kanban, issues',
    )
    expect(problems((s) => (s.color = 'red'))).toEqual([
      expect.stringMatching(/^scenarios\/x\.json: \$\.color: unknown key "color"; expected one of \$schema, name, /),
    ])
  })

  it('missing and mistyped values, bounds and enums', () => {
    only((s) => delete s.steps[0].args.content, '$.steps[0].args.content: is missing; expected a string')
    only((s) => delete s.peers, '$.peers: is missing; expected an array')
    only((s) => (s.seed = 1.5), '$.seed: expected an integer, got the number 1.5')
    only((s) => (s.profile = 'fast'), '$.profile: expected "spec" or "reference", got the string "fast"')
    only((s) => (s.network.drop = 2), '$.network.drop: must be <= 1, got the number 2')
    only((s) => (s.steps[3].at = -1), '$.steps[3].at: must be >= 0, got the number -1')
    only((s) => (s.network.latencyMs = [5]), '$.network.latencyMs: needs at least 2 items')
    only((s) => (s.peers = []), '$.peers: must not be empty')
    only(
      (s) => (s.entities[0].members.bob = 'boss'),
      '$.entities[0].members.bob: expected "owner", "admin" or "member", got the string "boss"',
    )
    expect(problems((s) => (s.steps[0].as = '1st'))).toEqual([
      expect.stringMatching(/^scenarios\/x\.json: \$\.steps\[0\]\.as: must be a name of up to 64 letters/),
    ])
  })

  it('steps that are no step at all', () => {
    only(
      (s) => (s.steps[3] = { at: 1 }),
      '$.steps[3]: a step needs one of "op", "fault", "advanceDays", "random", "deliver" or "sync" (found keys: at)',
    )
    only((s) => (s.steps[3] = 7), '$.steps[3]: expected a step object, got the number 7')
    only(
      (s) => (s.steps[3] = { at: 1, advanceDays: 1, random: {} }),
      '$.steps[3]: a step has exactly one of "op", "fault", "advanceDays", "random", ' +
        '"deliver" or "sync"; this one has "advanceDays" and "random"',
    )
  })

  it('reports every schema problem at once', () => {
    const lines = problems((s) => {
      s.seed = 'x'
      s.steps[1].op = 'nope'
      s.expect.final[1].count = -1
    })
    expect(lines.map((l) => l.split(': ')[1])).toEqual(['$.seed', '$.steps[1].op', '$.expect.final[1].count'])
  })
})

describe('scenario semantic errors', () => {
  it('peers: valid, unique ids', () => {
    only(
      (s) => (s.peers = ['alice', 'bob', 'carol', 'Bad_Name']),
      '$.peers[3]: member id "Bad_Name" must match /^[a-z0-9]+(-[a-z0-9]+)*$/ ' +
        '(lower-case words of a-z and 0-9 joined by single dashes)',
    )
    only((s) => s.peers.push('bob'), '$.peers[3]: "bob" is listed twice (first at $.peers[1])')
  })

  it('entities: valid, unique ids; owner and members are peers; the owner is not listed again', () => {
    expect(problems((s) => (s.entities[0].id = 'team:x'))).toContain(
      `${FILE}: $.entities[0].id: unknown entity type "team" in "team:x"; expected ` +
        `one of group, channel, project, organization`,
    )
    only((s) => s.entities.push({ id: G, owner: 'bob' }), `$.entities[1].id: entity ${G} is declared twice`)
    only((s) => (s.entities[0].owner = 'zed'), '$.entities[0].owner: "zed" is not a peer; peers are alice, bob, carol')
    only(
      (s) => (s.entities[0].members.zoe = 'member'),
      '$.entities[0].members.zoe: "zoe" is not a peer; peers are alice, bob, carol',
    )
    only(
      (s) => (s.entities[0].members.alice = 'admin'),
      '$.entities[0].members.alice: alice is the owner already; list only the other members',
    )
  })

  it('steps name declared peers and entities', () => {
    only((s) => (s.steps[1].peer = 'zed'), '$.steps[1].peer: "zed" is not a peer; peers are alice, bob, carol')
    only(
      (s) => (s.steps[1].entity = 'group:elsewhere'),
      `$.steps[1].entity: entity "group:elsewhere" is not declared in $.entities (declared: ${G})`,
      `$.steps[1].args.message: "$m1" names a message of ${G} (bound by $.steps[0]), not of group:elsewhere`,
    )
    only((s) => (s.steps[8].to = 'zed'), '$.steps[8].to: "zed" is not a peer; peers are alice, bob, carol')
    only(
      (s) => (s.steps[8].to = 'carol'),
      '$.steps[8].to: a link joins two different peers; from and to are both carol',
    )
    only(
      (s) =>
        (s.steps[2].groups = [
          ['alice', 'zed'],
          ['bob', 'alice'],
        ]),
      '$.steps[2].groups[0][1]: "zed" is not a peer; peers are alice, bob, carol',
      '$.steps[2].groups[1][1]: alice is in two groups (also at $.steps[2].groups[0][0])',
    )
    only(
      (s) => s.steps.push(op(5, 'alice', 'member.add', { member: 'dave', role: 'member' })),
      '$.steps[13].args.member: "dave" is not a peer; peers are alice, bob, carol',
    )
  })

  it('kanban and issues on a non-project entity', () => {
    only(
      (s) => s.steps.push(op(5, 'alice', 'kanban.addColumn', { title: 'x' })),
      `$.steps[13].op: kanban.addColumn needs a project; ${G} is a group (kanban and issues exist for projects only)`,
    )
    only(
      (s) => (s.steps[12].random.mix['issues.create'] = 1),
      `$.steps[12].random.mix["issues.create"]: issues.create needs a project; ` +
        `${G} is a group (kanban and issues exist for projects only)`,
    )
    only(
      (s) => s.expect.final.push({ peer: 'bob', query: 'kanban.board', entity: G, equals: {} }),
      `$.expect.final[2].query: kanban.board needs a project; ${G} is a group ` +
        `(kanban and issues exist for projects only)`,
    )
  })

  it('$name references: bound earlier, of the right kind and entity; names unique; as only on creating ops', () => {
    only(
      (s) => (s.steps[0].at = 20),
      '$.steps[1].args.message: "$m1" is used at 10 ms, before $.steps[0] binds it ' +
        'at 20 ms (steps run in order of "at", ties in file order)',
    )
    only(
      (s) => (s.steps[1].args.message = '$m2'),
      '$.steps[1].args.message: "$m2" is not bound: no step has "as": "m2"',
    )
    only(
      (s) => s.steps.push(op(0, 'bob', 'chat.send', { content: 'x' }, { as: 'm1' })),
      '$.steps[13].as: "m1" is already bound by $.steps[0]',
    )
    only(
      (s) => (s.steps[1].as = 'r'),
      '$.steps[1].as: chat.react creates nothing to name; "as" belongs on ' +
        'chat.send, kanban.addColumn, kanban.addCard, issues.create, issues.comment, ' +
        'canvas.add',
    )
    only(
      (s) => (s.steps[0].args.replyTo = '$m1'),
      '$.steps[0].args.replyTo: "$m1" is bound by this same step; a step cannot use what it creates',
    )
    only(
      (s) => s.steps.push(op(5, 'alice', 'canvas.delete', { element: '$m1' })),
      '$.steps[13].args.element: "$m1" names a message (bound by $.steps[0]), but element must name an element',
    )
    only(
      (s) => (s.steps[1].args.message = '$'),
      '$.steps[1].args.message: "$" is not a valid reference; write "$name" with a name some step gives in "as"',
    )
  })

  it('a tie at the same time resolves in file order', () => {
    only((s) => {
      s.steps[1].at = 0
      s.steps.unshift(s.steps.splice(1, 1)[0])
    }, '$.steps[0].args.message: "$m1" is used at 0 ms, before $.steps[1] binds it ' +
      'at 0 ms (steps run in order of "at", ties in file order)')
  })

  it('final queries: one operator, countable answers, peers or "*", bound references', () => {
    only(
      (s) => (s.expect.final[0].count = 2),
      '$.expect.final[0]: needs exactly one of equals, includes, excludes, count; found equals and count',
    )
    only(
      (s) => delete s.expect.final[0].equals,
      '$.expect.final[0]: needs exactly one of equals, includes, excludes, count; found none',
    )
    only(
      (s) => s.expect.final.push({ peer: '*', query: 'canvas.elements', entity: G, count: 1 }),
      '$.expect.final[2].count: canvas.elements answers a single value, which has no count; use equals',
    )
    only(
      (s) => (s.expect.final[1].peer = 'zed'),
      '$.expect.final[1].peer: "zed" is not a peer; peers are alice, bob, carol',
    )
    only(
      (s) =>
        s.expect.final.push({ peer: 'bob', query: 'member.role', entity: G, args: { member: 'zed' }, equals: 'admin' }),
      '$.expect.final[2].args.member: "zed" is not a peer; peers are alice, bob, carol',
    )
  })

  it('random steps and network bounds', () => {
    only(
      (s) => Object.assign(s.steps[12], { at: 10, random: { ...s.steps[12].random, until: 0 } }),
      "$.steps[12].random.until: until 0 is before the step's at 10",
    )
    only((s) => (s.steps[12].random.everyMs = [9, 3]), '$.steps[12].random.everyMs: min 9 is greater than max 3')
    only(
      (s) => (s.steps[12].random.mix = { 'chat.send': 0 }),
      '$.steps[12].random.mix: needs at least one op with a positive weight',
    )
    only(
      (s) => (s.steps[12].random.peers = ['alice', 'zed']),
      '$.steps[12].random.peers[1]: "zed" is not a peer; peers are alice, bob, carol',
    )
    only((s) => (s.network.latencyMs = [50, 5]), '$.network.latencyMs: min 50 is greater than max 5')
    only((s) => (s.expect.checks = ['lww', 'lww']), '$.expect.checks[1]: "lww" is listed twice')
  })

  it('reports every semantic problem of a file at once', () => {
    const file = new URL('./fixtures/broken.json', import.meta.url).pathname
    const e = labErrorOf(() => loadScenario(file), 'BAD_SCENARIO')
    expect(e.message.split('\n')).toEqual(
      [
        '$.entities[0].members.zoe: "zoe" is not a peer; peers are alice, bob',
        '$.steps[2].op: kanban.addColumn needs a project; group:tea-room is a group ' +
          '(kanban and issues exist for projects only)',
        '$.steps[3].to: "carol" is not a peer; peers are alice, bob',
        '$.steps[0].args.message: "$first" is used at 10 ms, before $.steps[1] binds ' +
          'it at 20 ms (steps run in order of "at", ties in file order)',
      ].map((l) => `${file}: ${l}`),
    )
    expect(e.details?.problems).toHaveLength(4)
  })
})

describe('scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-'))
  const write = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('a missing file is FILE_NOT_FOUND; a directory is BAD_SCENARIO', () => {
    expect(labErrorOf(() => loadScenario(join(dir, 'nope.json')), 'FILE_NOT_FOUND').message).toContain(
      'nope.json: no such scenario file',
    )
    expect(labErrorOf(() => loadScenario(dir), 'BAD_SCENARIO').message).toContain(
      'is a folder, not a regular scenario file',
    )
  })

  it('malformed JSON is BAD_SCENARIO with line and column', () => {
    const cases: Array<[string, string]> = [
      ['{\n  "peers": ["a"],\n  // a comment\n}', 'line 3, column 3: malformed JSON: comments are not allowed in JSON'],
      ['{\n  "peers": ["a"],\n}', 'line 3, column 1: malformed JSON: trailing comma before "}"'],
      [
        '{\n  "peers": [\'a\']\n}',
        'line 2, column 13: malformed JSON: strings and keys need double quotes; expected a value',
      ],
      [
        '{ "a": 1 "b": 2 }',
        'line 1, column 10: malformed JSON: unexpected "\\""; expected "," or "}" after a property value',
      ],
      [
        '{ "a": [1, 2 }',
        'line 1, column 14: malformed JSON: unexpected "}"; expected "," or "]" after an array element',
      ],
      ['{ "a": "x', 'line 1, column 10: malformed JSON: unterminated string'],
      ['', 'line 1, column 1: malformed JSON: unexpected end of input; expected a value'],
      ['{} {}', 'line 1, column 4: malformed JSON: unexpected text after the JSON value'],
    ]
    for (const [text, message] of cases) {
      const path = write('bad.json', text)
      expect(labErrorOf(() => loadScenario(path), 'BAD_SCENARIO').message).toContain(`${path}: ${message}`)
    }
    expect(labErrorOf(() => parseScenarioText('[1,]', 'inline'), 'BAD_SCENARIO').message).toBe(
      'inline: line 1, column 4: malformed JSON: trailing comma before "]"',
    )
  })

  it('a BOM is ignored', () => {
    const text = `\ufeff${JSON.stringify(looseExample())}`
    expect(loadScenario(write('bom.json', text)).name).toBe('prune-race')
  })
})
