import type { AccessTokenSource } from '../types';
import { bearer } from './calendar-client';
import { toGoogleError } from './errors';

export type BearerOptions = ReturnType<typeof bearer>;

/**
 * Runs a Calendar call with a fresh access token; a 401 gets one forced refresh and one more try.
 * Every failure comes out as a typed ProviderError (never the gaxios error, whose config holds
 * the Authorization header).
 */
export async function authorizedCall<T>(tokens: AccessTokenSource, connectionId: string, call: (auth: BearerOptions) => Promise<T>): Promise<T> {
  try {
    return await call(bearer(await tokens.getAccessToken(connectionId)));
  } catch (error) {
    const typed = toGoogleError(error);
    if (typed.code !== 'auth_expired') throw typed;
  }
  try {
    return await call(bearer(await tokens.getAccessToken(connectionId, { forceRefresh: true })));
  } catch (error) {
    throw toGoogleError(error);
  }
}
