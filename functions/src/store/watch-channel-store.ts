import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, watchChannelSchema, type WatchChannel } from '../model';
import { parseSnapshot } from './read-document';
import { withoutUndefined } from './without-undefined';

/** `watchChannels/{channelId}`: push channels on connected calendars. */

export interface StoredChannel {
  channelId: string;
  channel: WatchChannel;
}

const collection = (db: Firestore) => db.collection(COLLECTIONS.watchChannels);

export async function readChannel(db: Firestore, channelId: string): Promise<WatchChannel | null> {
  return parseSnapshot(await collection(db).doc(channelId).get(), watchChannelSchema);
}

/** `create`: a channel id is never reused. */
export async function createChannel(db: Firestore, channelId: string, channel: WatchChannel): Promise<void> {
  await collection(db).doc(channelId).create(withoutUndefined(watchChannelSchema.parse(channel)));
}

export async function activateChannel(db: Firestore, channelId: string, resourceId: string, expiration: Date, now: Date): Promise<void> {
  await collection(db).doc(channelId).update({ status: 'active', resourceId, expiration, updatedAt: now });
}

export async function markChannelStopped(db: Firestore, channelId: string, reason: string, now: Date): Promise<void> {
  await collection(db).doc(channelId).update({ status: 'stopped', stopReason: reason, stoppedAt: now, updatedAt: now });
}

export async function deleteChannel(db: Firestore, channelId: string): Promise<void> {
  await collection(db).doc(channelId).delete();
}

/** Channels not yet stopped (pending or active) of one connection. */
export async function liveChannelsOfConnection(db: Firestore, connectionId: string): Promise<StoredChannel[]> {
  const snapshot = await collection(db).where('connectionId', '==', connectionId).where('status', 'in', ['pending', 'active']).get();
  return snapshot.docs.map((doc) => ({ channelId: doc.id, channel: parseSnapshot(doc, watchChannelSchema)! }));
}

/** Every channel not yet stopped, a page at a time (ordered by id). */
export async function liveChannelsPage(db: Firestore, after: string | undefined, limit: number): Promise<StoredChannel[]> {
  let query = collection(db).where('status', 'in', ['pending', 'active']).orderBy(FieldPath.documentId()).limit(limit);
  if (after) query = query.startAfter(after);
  const snapshot = await query.get();
  return snapshot.docs.map((doc) => ({ channelId: doc.id, channel: parseSnapshot(doc, watchChannelSchema)! }));
}
