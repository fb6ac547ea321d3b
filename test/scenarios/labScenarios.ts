/**
 * The lab's own scenario files: the stories it tells about the spec. These must tell their story
 * in full (schema link, a long description, a pinned trace; see scenarios.test.ts and
 * test/sim/scenarioPins.test.ts). Any other file in scenarios/ is a user's: it must only be
 * valid and pass under the reference profile. A new story of the lab is added here.
 */
export const LAB_SCENARIOS = [
  'add-remove-race',
  'canvas-swarm',
  'canvas-undo',
  'card-moves',
  'chat-archive',
  'clock-skew',
  'corrupt-messages',
  'crash-restart',
  'delete-vs-edit',
  'duplicate-reorder',
  'equivocation',
  'impersonation-admin',
  'impersonation-delete',
  'impersonation-post',
  'issues-archive',
  'kanban-archive',
  'late-joiner',
  'non-member-read',
  'offline-queue',
  'partition-heal',
  'project-workload',
  'prune-race',
  'removed-member-returns',
  'shared-files',
  'swarm',
  'three-peer-lww',
  'torn-write',
] as const
