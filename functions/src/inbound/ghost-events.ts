import type { ConnectionRef } from '../providers/types';
import { withInlineRetries } from '../sync/retry-policy';
import type { InboundDeps } from './inbound-deps';
import type { OwnEventVerdict } from './own-event-review';

type Ghost = Extract<OwnEventVerdict, { kind: 'ghost' }>;

/**
 * Removes a ghost: an event of ours that no appointment wants in this calendar (its appointment
 * was cancelled, deleted or given to another stylist, or it is a second copy). The salon owner
 * expects none of them in the stylists' phones, and nothing else would ever remove one: the
 * outbound sync only removes the event its record names. Removing is safe to repeat (an event
 * that is already gone counts as removed), so a stale listing costs at most one extra request.
 * A removal that keeps failing is logged and tried again the next time a read shows the event.
 */
export async function removeGhostEvent(deps: InboundDeps, ref: ConnectionRef, ghost: Ghost): Promise<boolean> {
  const provider = deps.sync.providers[ref.connection.provider]!;
  const fields = { connectionId: ref.connectionId, appointmentId: ghost.appointmentId, eventId: ghost.eventId, reason: ghost.reason };
  try {
    await withInlineRetries(deps.sync.retryPolicy, () => provider.removeEvent(ref, ghost.eventId));
    deps.log.info('inbound.ghost_removed', fields);
    return true;
  } catch (error) {
    deps.log.warn('inbound.ghost_remove_failed', { ...fields, message: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
