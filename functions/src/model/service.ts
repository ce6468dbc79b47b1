import { z } from 'zod';
import { documentId } from './fields';

/** `services/{serviceId}` */
export const serviceSchema = z.object({
  businessId: documentId,
  name: z.string().min(1).max(200),
  durationMinutes: z.number().int().min(1).max(1440),
  bufferBeforeMinutes: z.number().int().min(0).max(1440).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(1440).default(0),
  priceCents: z.number().int().min(0).optional(),
  active: z.boolean().default(true),
});
export type Service = z.infer<typeof serviceSchema>;
