import type { Change, DocumentSnapshot, FirestoreEvent } from 'firebase-functions/v2/firestore';
import { handleConnectionWritten } from './on-connection-written';
import { runtime } from '../runtime';
import { handleAppointmentWritten } from './on-appointment-written';

let handler: ReturnType<typeof handleAppointmentWritten> | undefined;

/** The deployed trigger's body: the shared handler bound to this instance's runtime. */
export async function onAppointmentWrittenEvent(event: FirestoreEvent<unknown, { appointmentId: string }>): Promise<void> {
  handler ??= handleAppointmentWritten(() => runtime().sync, runtime().log);
  await handler(event);
}

let connectionHandler: ReturnType<typeof handleConnectionWritten> | undefined;

/** The deployed connection trigger's body. */
export async function onConnectionWrittenEvent(
  event: FirestoreEvent<Change<DocumentSnapshot> | undefined, { connectionId: string }>,
): Promise<void> {
  connectionHandler ??= handleConnectionWritten(() => runtime().sync, runtime().log);
  await connectionHandler({ connectionId: event.params.connectionId, before: event.data?.before.data(), after: event.data?.after.data() });
}
