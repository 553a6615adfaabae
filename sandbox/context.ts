import { AfricasTalkingState } from './apis/africastalking';
import { CallbackDispatcher } from './callbacks';
import type { SandboxConfig } from './config';
import type { ControlSecurity } from './control-guard';
import type { KeyMaterial } from './credentials';
import { FaultStore } from './faults';
import { ScenarioStore } from './scenarios';
import { Scheduler } from './scheduler';
import { TokenStore } from './tokens';
import { World } from './world/world';
import type { StkSession } from './stk/session';

export interface C2bRegistration {
  version: 'v1' | 'v2';
  responseType: 'Completed' | 'Cancelled';
  confirmationUrl: string;
  validationUrl: string;
}

export interface PullRegistration {
  nominatedNumber: string;
  callbackUrl: string;
  at: Date;
}

/** Everything the sandbox knows; one per process, shared by every handler. */
export interface Sandbox {
  config: SandboxConfig;
  readonly initialConfig: SandboxConfig;
  readonly keys: KeyMaterial;
  world: World;
  tokens: TokenStore;
  scenarios: ScenarioStore;
  faults: FaultStore;
  callbacks: CallbackDispatcher;
  scheduler: Scheduler;
  stkSessions: Map<string, StkSession>;
  /** B2C v3 and friends refuse a reused OriginatorConversationID (SPEC §5.1). */
  originatorIds: Set<string>;
  c2bRegistrations: Map<string, C2bRegistration>;
  pullRegistrations: Map<string, PullRegistration>;
  readonly security: ControlSecurity;
  /** The Africa's Talking SMS stand-in: accounts, messages sent, injected faults. */
  africasTalking: AfricasTalkingState;
}

export function createSandbox(config: SandboxConfig, keys: KeyMaterial, security: ControlSecurity = { allowNonLoopback: false }): Sandbox {
  const sandbox: Sandbox = {
    config: { ...config },
    initialConfig: { ...config },
    keys,
    world: new World(),
    tokens: new TokenStore(),
    scenarios: new ScenarioStore(),
    faults: new FaultStore(),
    callbacks: new CallbackDispatcher(() => sandbox.config.callbackTimeoutMs),
    scheduler: new Scheduler(),
    stkSessions: new Map(),
    originatorIds: new Set(),
    c2bRegistrations: new Map(),
    pullRegistrations: new Map(),
    security,
    africasTalking: new AfricasTalkingState(),
  };
  return sandbox;
}

/** Back to the first-start world; the key pair (and so every computed SecurityCredential) survives. */
export function resetSandbox(sandbox: Sandbox): void {
  sandbox.scheduler.clear();
  sandbox.callbacks.reset();
  sandbox.config = { ...sandbox.initialConfig };
  sandbox.world.reset();
  sandbox.tokens.clear();
  sandbox.scenarios.clear();
  sandbox.faults.clear();
  sandbox.stkSessions.clear();
  sandbox.originatorIds.clear();
  sandbox.c2bRegistrations.clear();
  sandbox.pullRegistrations.clear();
  sandbox.africasTalking.reset();
}
