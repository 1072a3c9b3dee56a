export {
  buildArtifacts,
  subgraphSdlFile,
  type Artifacts,
  type BuildOptions,
} from './build-artifacts.js';
export {
  newAcknowledgements,
  normalizeCoordinate,
  parseChangelog,
  type Acknowledgement,
  type ParsedChangelog,
} from './changelog.js';
export { breakingChangeFindings, type BreakingCheckInput } from './check-breaking.js';
export {
  checkEventCompatibility,
  checkEventSnapshotsUpToDate,
  eventCoordinate,
} from './check-events.js';
export {
  listOperations,
  loadOperationDocuments,
  validateOperations,
  type ClientOperation,
  type OperationDocument,
} from './check-operations.js';
export type {
  CheckReport,
  CheckResult,
  CheckStatus,
  Finding,
  Severity,
  SourceLocation,
} from './check-result.js';
export { composeSupergraph, type Composition, type SubgraphSdlFile } from './compose.js';
export {
  apiSchemaOf,
  deprecationIn,
  diffApiSchemas,
  judgeBreakingChanges,
  type BreakingVerdict,
  type ChangeLevel,
  type SchemaChange,
} from './diff-schema.js';
export { diffJsonSchemas, type EventChange, type JsonSchema } from './event-schema-diff.js';
export { loadEventSnapshots, renderEventSnapshot, type EventSnapshot } from './event-snapshot.js';
export {
  generateSubgraphSdl,
  importModule,
  type GeneratedSdl,
  type ModuleLoader,
} from './generate-sdl.js';
export { memoryBase, resolveGitBase, type BaseResolution, type BaseRevision } from './git-base.js';
export {
  DEFAULT_ENV,
  loadSchemaProject,
  SchemaConfigError,
  type SchemaProject,
  type SubgraphEntry,
} from './load-config.js';
export { operationUsage, usesPath } from './operation-usage.js';
export { renderAnnotations, renderJson, renderText } from './report.js';
export { runChecks, type RunChecksOptions } from './run-checks.js';
export {
  subgraphBreakingFindings,
  type SubgraphBreakingInput,
  type SubgraphBreakingResult,
} from './subgraph-breaking.js';
export { subgraphChanges, type SubgraphChange, type SubgraphPair } from './subgraph-changes.js';
export { writeArtifacts, writeIfChanged, type WrittenFile } from './write-artifacts.js';
