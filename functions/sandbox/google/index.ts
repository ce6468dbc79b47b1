export {
  startGoogleSandbox,
  DEFAULT_GOOGLE_SANDBOX_CLIENT,
  type GoogleSandbox,
  type GoogleSandboxOptions,
  type GoogleSandboxAccount,
  type IssuedTokens,
} from './google-sandbox';
export type { OAuthClientRegistration, ConsentChoice } from './oauth-state';
export type { OwnerEditor, EventInput, InstanceStart, ListOptions } from './owner-editor';
export { SandboxControlError } from './owner-editor';
export type { Channel } from './push-channels';
export type { GoogleEventJson } from './event-render';
export { googleFaultNames, type GoogleFaultName } from './google-errors';
export type { FaultConfig, ScriptedFault, FaultInjector } from '../common/fault-injection';
export type { SandboxClock } from '../common/sandbox-clock';
export { createSandboxClock } from '../common/sandbox-clock';
export type { WebhookDelivery } from '../common/webhook-dispatcher';
export { sandboxOAuthClient, sandboxCalendarClient, connectedCalendar, type SandboxOAuth2Client } from './sandbox-clients';
