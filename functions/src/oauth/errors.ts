import { AppError, type ErrorCode } from '../errors';

/**
 * Why a connect attempt failed. The reason travels to the browser (as a flag on the done URL),
 * so it is a fixed vocabulary and never carries provider text or tokens.
 */
export type ConnectFailureReason =
  | 'invalid_state'
  | 'expired_state'
  | 'consent_denied'
  | 'missing_scopes'
  | 'no_refresh_token'
  | 'exchange_failed'
  | 'calendar_unreachable'
  | 'account_changed'
  | 'internal';

const CODE_OF: Record<ConnectFailureReason, ErrorCode> = {
  invalid_state: 'invalid_argument',
  expired_state: 'invalid_argument',
  consent_denied: 'permission_denied',
  missing_scopes: 'permission_denied',
  no_refresh_token: 'provider_rejected',
  exchange_failed: 'provider_rejected',
  calendar_unreachable: 'provider_rejected',
  account_changed: 'conflict',
  internal: 'internal',
};

export class ConnectError extends AppError {
  readonly reason: ConnectFailureReason;
  constructor(reason: ConnectFailureReason, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(CODE_OF[reason], message, options);
    this.name = 'ConnectError';
    this.reason = reason;
  }
}
