import { z } from 'zod';
import { AppError, firstIssue } from '../errors';
import { documentId, providerId } from '../model';
import { assertMayConnect, type CallerClaims } from './caller';
import type { OAuthDeps } from './deps';
import { createOAuthState } from './state-store';

export const startConnectInputSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  /** The provider's calendar id; `primary` is the account's main calendar. */
  calendarId: z.string().min(1).max(1024).default('primary'),
  provider: providerId.default('google'),
  /** Pre-fills the account chooser (the staff member's address). */
  loginHint: z.string().email().optional(),
});
export type StartConnectInput = z.input<typeof startConnectInputSchema>;

export interface StartConnectResult {
  /** Where to send the browser. */
  authorizationUrl: string;
  /** After this the callback is refused; the user starts over. */
  expiresAt: Date;
}

export function parseStartConnectInput(raw: unknown): z.infer<typeof startConnectInputSchema> {
  const result = startConnectInputSchema.safeParse(raw);
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new AppError('invalid_argument', `${path}: ${message}`);
  }
  return result.data;
}

/**
 * Begins connecting a staff member's calendar: authorises the caller, stores a single-use
 * state with its PKCE verifier, and returns the provider's consent URL.
 */
export async function startConnect(deps: OAuthDeps, caller: CallerClaims, raw: unknown): Promise<StartConnectResult> {
  const input = parseStartConnectInput(raw);
  const client = deps.clients[input.provider];
  if (!client) throw new AppError('invalid_argument', `provider: ${input.provider} does not connect through OAuth`);
  await assertMayConnect(deps.db, caller, input);
  const issued = await createOAuthState(deps, {
    businessId: input.businessId,
    staffId: input.staffId,
    provider: input.provider,
    calendarId: input.calendarId,
  });
  deps.log.info('oauth.connect_started', {
    businessId: input.businessId,
    staffId: input.staffId,
    provider: input.provider,
    uid: caller.uid,
  });
  return {
    authorizationUrl: client.authorizationUrl({ state: issued.state, codeChallenge: issued.codeChallenge, loginHint: input.loginHint }),
    expiresAt: issued.expiresAt,
  };
}
