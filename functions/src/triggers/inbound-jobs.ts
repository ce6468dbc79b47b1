import type { FirestoreEvent } from 'firebase-functions/v2/firestore';
import { handleConnectionChange, pollCalendars, renewChannels } from '../inbound';
import { runtime } from '../runtime';

/** Scheduled and trigger entry points of inbound sync, each one capability over this instance's runtime. */

export async function runChannelRenewal(): Promise<void> {
  await renewChannels(runtime().inbound);
}

export async function runCalendarPoll(): Promise<void> {
  await pollCalendars(runtime().inbound);
}

/** A calendar connection was written: converge channels, busy time and the first read. */
export async function onCalendarConnectionWrittenEvent(event: FirestoreEvent<unknown, { connectionId: string }>): Promise<void> {
  await handleConnectionChange(runtime().inbound, event.params.connectionId);
}
