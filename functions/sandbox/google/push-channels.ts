import { z } from 'zod';
import type { WebhookDispatcher } from '../common/webhook-dispatcher';
import { googleErrors } from './google-errors';
import type { Account, CalendarState, GoogleSandboxState } from './sandbox-state';

/**
 * Push notification channels on a calendar's events (developers.google.com/calendar/api/guides/push).
 * Notifications are POSTs without a body; everything is in the X-Goog-* headers. The first message
 * on a channel has state `sync` and number 1; later ones `exists` with increasing (not necessarily
 * consecutive) numbers. Expired or stopped channels send nothing.
 */

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  address: string;
  expiration: number;
  calendarId: string;
  ownerEmail: string;
  clientId: string;
  messageNumber: number;
  stopped: boolean;
}

export const watchRequestSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    address: z.string(),
    token: z.string().optional(),
    expiration: z.union([z.string(), z.number()]).optional(),
    params: z.record(z.string(), z.string()).optional(),
  })
  .loose();

export const stopRequestSchema = z.object({ id: z.string(), resourceId: z.string() }).loose();

const CHANNEL_ID_RE = /^[A-Za-z0-9\-_+/=]{1,64}$/;

export interface ChannelPolicy {
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
  /** Google accepts only https addresses; the sandbox also accepts http (loopback receivers) unless this is set. */
  requireHttps: boolean;
}

export class PushChannels {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly state: GoogleSandboxState,
    private readonly dispatcher: WebhookDispatcher,
    private readonly policy: ChannelPolicy,
    private readonly baseUrl: () => string,
  ) {}

  watch(calendar: CalendarState, account: Account, clientId: string, input: unknown, query: URLSearchParams): Record<string, unknown> {
    const parsed = watchRequestSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const path = parsed.error.issues[0].path.join('.');
      throw googleErrors.required(`Required parameter: ${path}`, path);
    }
    const request = parsed.data;
    if (request.type !== 'web_hook' && request.type !== 'webhook') throw googleErrors.badRequest(`Unknown channel type: ${request.type}`, 'invalid');
    if (!CHANNEL_ID_RE.test(request.id)) throw googleErrors.badRequest(`Invalid channel id: ${request.id}`, 'channelIdInvalid');
    let address: URL;
    try {
      address = new URL(request.address);
    } catch {
      throw googleErrors.badRequest(`Invalid webhook address: ${request.address}`, 'push.webhookUrlUnauthorized');
    }
    if (address.protocol !== 'https:' && (this.policy.requireHttps || address.protocol !== 'http:')) {
      throw googleErrors.badRequest(`WebHook callback must be HTTPS: ${request.address}`, 'push.webhookUrlNotHttps');
    }
    const existing = this.channels.get(request.id);
    if (existing && !existing.stopped && existing.expiration > this.state.clock.now()) throw googleErrors.channelIdNotUnique(request.id);

    const now = this.state.clock.now();
    const ttlSeconds = request.params?.ttl !== undefined ? Number(request.params.ttl) : this.policy.defaultTtlSeconds;
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw googleErrors.badRequest(`Invalid ttl: ${request.params?.ttl}`, 'invalid');
    let expiration = now + Math.min(ttlSeconds, this.policy.maxTtlSeconds) * 1000;
    if (request.expiration !== undefined && Number(request.expiration) > now) expiration = Math.min(expiration, Number(request.expiration));

    const resourceQuery = new URLSearchParams(query);
    resourceQuery.set('alt', 'json');
    const channel: Channel = {
      id: request.id,
      resourceId: calendar.resourceId,
      resourceUri: `${this.baseUrl()}/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?${resourceQuery.toString()}`,
      token: request.token,
      address: request.address,
      expiration,
      calendarId: calendar.id,
      ownerEmail: account.email,
      clientId,
      messageNumber: 1,
      stopped: false,
    };
    this.channels.set(channel.id, channel);
    // The sync message (always number 1) follows the watch response rather than racing it.
    setImmediate(() => this.send(channel, 'sync', 1));
    return {
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    };
  }

  stop(account: Account, input: unknown): void {
    const parsed = stopRequestSchema.safeParse(input ?? {});
    if (!parsed.success) throw googleErrors.required('Required parameter: id and resourceId');
    const channel = this.channels.get(parsed.data.id);
    if (!channel || channel.stopped || channel.resourceId !== parsed.data.resourceId || channel.ownerEmail !== account.email) {
      throw googleErrors.channelNotFound(parsed.data.id);
    }
    channel.stopped = true;
  }

  /** Called for every change to an event of the calendar. */
  calendarChanged(calendarId: string): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId === calendarId) this.send(channel, 'exists');
    }
  }

  list(): Channel[] {
    return [...this.channels.values()].map((c) => ({ ...c }));
  }

  active(): Channel[] {
    const now = this.state.clock.now();
    return this.list().filter((c) => !c.stopped && c.expiration > now);
  }

  clear(): void {
    for (const channel of this.channels.values()) channel.stopped = true;
    this.channels.clear();
  }

  private send(channel: Channel, resourceState: 'sync' | 'exists', messageNumber?: number): void {
    if (channel.stopped || channel.expiration <= this.state.clock.now()) return;
    // Message numbers grow but are not consecutive (Google: "not sequential").
    if (messageNumber === undefined) channel.messageNumber += 1 + Math.floor(this.state.random.next() * 3);
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': resourceState,
      'x-goog-message-number': String(messageNumber ?? channel.messageNumber),
      'user-agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    };
    if (channel.token !== undefined) headers['x-goog-channel-token'] = channel.token;
    this.dispatcher.dispatch(`channel:${channel.id}`, channel.address, headers, {
      channelId: channel.id,
      resourceState,
      messageNumber: String(messageNumber ?? channel.messageNumber),
      calendarId: channel.calendarId,
    });
  }
}
