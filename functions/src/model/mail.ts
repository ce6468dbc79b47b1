import { z } from 'zod';

/** `mail/{id}` in the format of the Trigger Email Firebase extension. */
export const mailSchema = z.object({
  to: z.array(z.string().email()).min(1),
  message: z.object({ subject: z.string().min(1), text: z.string(), html: z.string().optional() }),
  /** Our own fields (ignored by the extension): what the mail is about, for de-duplication. */
  kind: z.string(),
  businessId: z.string(),
  dedupeKey: z.string(),
});
export type Mail = z.infer<typeof mailSchema>;
