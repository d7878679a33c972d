export { IdnowSandboxModule } from './idnow-sandbox.module.js';
export { IdnowSandboxService, type SandboxListKind } from './idnow-sandbox.service.js';
export { IdnowSandboxScheduler } from './idnow-sandbox.scheduler.js';
export { SandboxRateLimit } from './api/sandbox-rate-limit.js';
export {
  SandboxCallbackSender,
  CALLBACK_TIMEOUT_MS as SANDBOX_CALLBACK_TIMEOUT_MS,
  type CallbackOutcome,
} from './callbacks/sandbox-callback.sender.js';
export {
  SCENARIO_CASES,
  SCENARIO_PLANS,
  CALL_MS,
  REVIEW_MS,
  LONG_REVIEW_MS,
  HOLD_CERTIFICATE_MS,
  scenarioFromNames,
  autoAttempt,
  afterCallSteps,
  type ScenarioCase,
  type ScenarioMode,
  type ScenarioPlan,
  type PlannedStep,
  type TimedStep,
  type ResultData,
  type ScenarioChoice,
} from './scenarios.js';
export { IDENT_CODE, MAX_CODE_ATTEMPTS } from './engine/attempts.js';
export { CHANGED_VALUES } from './engine/result-json.js';
export { LOGIN_TOKEN_TTL_MS } from './api/login-token.js';
