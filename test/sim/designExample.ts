/** The scenario example of DESIGN.md §4, without its comments: a valid file using every step kind. */
export const designExample = () => ({
  $schema: '../schema/scenario.schema.json',
  name: 'prune-race',
  description: 'free text',
  seed: 7,
  profile: 'reference',
  peers: ['alice', 'bob', 'carol'],
  entities: [{ id: 'group:ocean-forest-moon-star', owner: 'alice', members: { bob: 'member', carol: 'admin' } }],
  config: { thresholds: { chat: 65536 }, archiveAfterDays: 90 },
  network: { latencyMs: [5, 50], drop: 0, duplicate: 0, corrupt: 0, reorder: true, antiEntropyMs: 1000 },
  steps: [
    {
      at: 0,
      peer: 'alice',
      op: 'chat.send',
      entity: 'group:ocean-forest-moon-star',
      args: { content: 'hello' },
      as: 'm1',
    },
    {
      at: 10,
      peer: 'carol',
      op: 'chat.react',
      entity: 'group:ocean-forest-moon-star',
      args: { message: '$m1', emoji: '+1' },
    },
    { at: 100, fault: 'partition', groups: [['alice'], ['bob', 'carol']] },
    { at: 300, fault: 'heal' },
    { at: 120, fault: 'offline', peer: 'carol' },
    { at: 900, fault: 'online', peer: 'carol' },
    { at: 400, fault: 'crash', peer: 'bob', tornWrite: true },
    { at: 500, fault: 'restart', peer: 'bob' },
    { at: 50, fault: 'hold', from: 'carol', to: 'alice' },
    { at: 700, fault: 'release', from: 'carol', to: 'alice' },
    { at: 0, fault: 'clockSkew', peer: 'bob', ms: -5000 },
    { at: 1000, advanceDays: 91 },
    {
      at: 0,
      random: {
        until: 5000,
        everyMs: [5, 20],
        peers: ['alice', 'bob', 'carol'],
        entity: 'group:ocean-forest-moon-star',
        mix: { 'chat.send': 5, 'chat.edit': 2, 'chat.delete': 2, 'chat.react': 1 },
      },
    },
  ],
  expect: {
    checks: ['convergence', 'pruneSafety'],
    final: [
      { peer: '*', query: 'member.list', entity: 'group:ocean-forest-moon-star', equals: ['alice', 'carol'] },
      { peer: 'alice', query: 'chat.list', entity: 'group:ocean-forest-moon-star', count: 3 },
    ],
  },
})

/** The example as loose JSON, for tests that break it. */
export const looseExample = (): Record<string, any> => designExample()
