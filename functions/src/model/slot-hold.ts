import { z } from 'zod';
import { documentId, instant } from './fields';

/**
 * `slotHolds/{holdId}`: server-only. A slot reserved for a few minutes while a customer fills in
 * the booking form. It blocks everyone but its holder until `expiresAt`; readers ignore expired
 * holds, so expiry needs no job (a Firestore TTL policy on `expiresAt` only tidies up).
 */
export const slotHoldSchema = z
  .object({
    businessId: documentId,
    staffId: documentId,
    serviceId: documentId,
    /** The service's own time; its buffers come from the service, like an appointment's. */
    start: instant,
    end: instant,
    /** Firebase Auth uid of the caller who holds it. */
    holderUid: z.string().min(1),
    expiresAt: instant,
    createdAt: instant,
  })
  .refine((value) => value.end.getTime() > value.start.getTime(), { message: 'must be after start', path: ['end'] });
export type SlotHold = z.infer<typeof slotHoldSchema>;
