/**
 * The simulator's building blocks, every export by name. The world (peers running engine
 * replicas on this network) builds on these; see each file for the why.
 */
export {
  Scheduler,
  type EventHandle,
  type RunLimit,
  type RunOptions,
  type RunOutcome,
  type ScheduledEvent,
} from './scheduler.ts'
export {
  DEFAULT_NETWORK,
  Delivery,
  Network,
  type DeliveryScheduler,
  type DropReason,
  type LinkState,
  type NetworkConfig,
  type NetworkOptions,
  type NetworkStats,
  type Outgoing,
} from './network.ts'
export {
  CORRUPTION_MODES,
  FRAME_KIND_PATTERN,
  FRAME_VERSION,
  bitflip,
  corruptBytes,
  decodeFrame,
  encodeFrame,
  garbage,
  truncate,
  type Corrupted,
  type CorruptionMode,
  type Frame,
} from './frames.ts'
export {
  Journal,
  RECORD_TYPES,
  type JournalOptions,
  type JournalRecord,
  type KnownRecordType,
  type RecordType,
  type TraceHeader,
} from './journal.ts'
export { canonicalJson, type JsonObject, type JsonValue } from './canonicalJson.ts'
export { loadScenario, parseScenario, parseScenarioText } from './scenario/load.ts'
export {
  refName,
  type AdvanceDaysStep,
  type EntityDecl,
  type Expectations,
  type FaultStep,
  type FinalQuery,
  type NetworkSettings,
  type OpStep,
  type RandomStep,
  type Scenario,
  type Step,
} from './scenario/model.ts'
export { DAY_MS, SCENARIO_DEFAULTS, sortSteps } from './scenario/normalize.ts'
export {
  CHECK_NAMES,
  CONFIG_SETTINGS,
  PROFILES,
  type CheckName,
  type EngineConfig,
  type Profile,
} from './scenario/schema.ts'
export {
  CREATING_OPS,
  OPS,
  OP_NAMES,
  ROLES,
  type OpArgs,
  type OpName,
  type RefKind,
  type Role,
} from './scenario/ops.ts'
export { FAULT_NAMES, STEP_KINDS, type FaultName } from './scenario/steps.ts'
export { OPERATORS, QUERIES, QUERY_NAMES, type Operator, type QueryName } from './scenario/queries.ts'
export { SWARM_FAULTS, swarmPlan, withSwarm, type SwarmFault, type SwarmPlan } from './scenario/swarm.ts'
export { SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from './scenario/jsonSchema.ts'
export type { Problem } from './scenario/problems.ts'
