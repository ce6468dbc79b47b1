import type { FirestoreEvent } from 'firebase-functions/v2/firestore';
import { runtime } from '../runtime';
import { handleAppointmentWritten } from './on-appointment-written';

let handler: ReturnType<typeof handleAppointmentWritten> | undefined;

/** The deployed trigger's body: the shared handler bound to this instance's runtime. */
export async function onAppointmentWrittenEvent(event: FirestoreEvent<unknown, { appointmentId: string }>): Promise<void> {
  handler ??= handleAppointmentWritten(() => runtime().sync, runtime().log);
  await handler(event);
}
