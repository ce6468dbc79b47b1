import type { GoogleSandboxState, Account } from './sandbox-state';

/**
 * Google's OAuth 2.0 grants as the sandbox keeps them: registered clients, one-time authorization
 * codes (PKCE-bound), refresh tokens (grants) and short-lived access tokens. Google behaviours that
 * bite real integrations are kept: a refresh does not return a new refresh token; a second consent
 * without `prompt=consent` returns no refresh token; a revoked grant answers `invalid_grant`.
 */

export interface OAuthClientRegistration {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs (exact match); undefined = any http(s) URI is accepted. */
  redirectUris?: string[];
}

export interface ConsentChoice {
  /** Account that signs in and consents. */
  email: string;
  /** Scopes the user leaves ticked; default: everything requested (granular consent). */
  grantedScopes?: string[];
  /** The user clicks "Cancel": redirect with error=access_denied. */
  deny?: boolean;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  email: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  issueRefreshToken: boolean;
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  refreshToken: string;
  clientId: string;
  email: string;
  scopes: string[];
  revoked: boolean;
  createdAt: number;
}

export interface AccessToken {
  token: string;
  clientId: string;
  email: string;
  scopes: string[];
  expiresAt: number;
  grant?: Grant;
  revoked: boolean;
}

export interface OAuthPolicy {
  accessTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
}

export class OAuthState {
  readonly clients = new Map<string, OAuthClientRegistration>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly grants = new Map<string, Grant>();
  readonly accessTokens = new Map<string, AccessToken>();
  private consentQueue: ConsentChoice[] = [];
  private defaultConsent: ConsentChoice | undefined;

  constructor(
    private readonly state: GoogleSandboxState,
    readonly policy: OAuthPolicy,
  ) {}

  registerClient(client: OAuthClientRegistration): void {
    this.clients.set(client.clientId, { ...client });
  }

  /** The next authorization request is answered with this choice (queued, one per request). */
  queueConsent(choice: ConsentChoice): void {
    this.consentQueue.push(choice);
  }

  setDefaultConsent(choice: ConsentChoice | undefined): void {
    this.defaultConsent = choice;
  }

  /** Who consents: a queued choice, else the login_hint account, else the default, else the first account. */
  takeConsent(loginHint: string | undefined): ConsentChoice | undefined {
    const queued = this.consentQueue.shift();
    if (queued) return queued;
    if (loginHint && this.state.accounts.has(loginHint.toLowerCase())) return { email: loginHint.toLowerCase() };
    if (this.defaultConsent) return this.defaultConsent;
    const first = this.state.accounts.values().next();
    return first.done ? undefined : { email: first.value.email };
  }

  hasLiveGrant(email: string, clientId: string): boolean {
    for (const grant of this.grants.values()) if (!grant.revoked && grant.email === email && grant.clientId === clientId) return true;
    return false;
  }

  issueCode(code: Omit<AuthorizationCode, 'expiresAt' | 'used'>): string {
    const value = this.state.token('4/0A', 60);
    this.codes.set(value, { ...code, expiresAt: this.state.clock.now() + this.policy.codeLifetimeSeconds * 1000, used: false });
    return value;
  }

  issueGrant(clientId: string, email: string, scopes: string[]): Grant {
    const grant: Grant = {
      refreshToken: this.state.token('1//0', 96),
      clientId,
      email,
      scopes,
      revoked: false,
      createdAt: this.state.clock.now(),
    };
    this.grants.set(grant.refreshToken, grant);
    return grant;
  }

  issueAccessToken(clientId: string, email: string, scopes: string[], grant?: Grant): AccessToken {
    const token: AccessToken = {
      token: this.state.token('ya29.', 120),
      clientId,
      email,
      scopes,
      expiresAt: this.state.clock.now() + this.policy.accessTokenLifetimeSeconds * 1000,
      grant,
      revoked: false,
    };
    this.accessTokens.set(token.token, token);
    return token;
  }

  /** The account behind a live access token, or undefined (expired, revoked, unknown). */
  authenticate(token: string): { account: Account; access: AccessToken } | undefined {
    const access = this.accessTokens.get(token);
    if (!access || access.revoked || access.grant?.revoked || access.expiresAt <= this.state.clock.now()) return undefined;
    const account = this.state.accounts.get(access.email);
    return account ? { account, access } : undefined;
  }

  /** Revokes a refresh or access token and everything issued from the same grant. */
  revoke(token: string): boolean {
    const grant = this.grants.get(token) ?? this.accessTokens.get(token)?.grant;
    const access = this.accessTokens.get(token);
    if (!grant && !access) return false;
    if (access) access.revoked = true;
    if (grant) {
      grant.revoked = true;
      for (const other of this.accessTokens.values()) if (other.grant === grant) other.revoked = true;
    }
    return true;
  }

  /** Revokes every grant of an account (optionally for one client): "remove access" in the account settings. */
  revokeAccount(email: string, clientId?: string): number {
    let count = 0;
    for (const grant of this.grants.values()) {
      if (grant.email === email.toLowerCase() && (!clientId || grant.clientId === clientId) && !grant.revoked) {
        this.revoke(grant.refreshToken);
        count++;
      }
    }
    for (const access of this.accessTokens.values()) {
      if (access.email === email.toLowerCase() && (!clientId || access.clientId === clientId)) access.revoked = true;
    }
    return count;
  }

  clear(): void {
    this.codes.clear();
    this.grants.clear();
    this.accessTokens.clear();
    this.consentQueue = [];
    this.defaultConsent = undefined;
  }
}
