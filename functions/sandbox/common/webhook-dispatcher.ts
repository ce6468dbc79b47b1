import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * Delivers provider notifications (webhook POSTs) asynchronously, never inside the API call that
 * caused them, and keeps track of them so tests can `await flush()` before asserting.
 * Deliveries on the same queue key (e.g. a channel) go out one after another, in order.
 */

export interface WebhookDelivery {
  url: string;
  headers: Record<string, string>;
  /** Provider-specific labels (channel id, message number, …) for test assertions. */
  meta: Record<string, string>;
  status?: number;
  error?: string;
}

export interface WebhookDispatcherOptions {
  /** Per-delivery timeout (default 5 s): a slow receiver must not stall the sandbox. */
  timeoutMs?: number;
}

export class WebhookDispatcher {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private log: WebhookDelivery[] = [];

  constructor(private readonly options: WebhookDispatcherOptions = {}) {}

  dispatch(queueKey: string, url: string, headers: Record<string, string>, meta: Record<string, string> = {}, body = ''): void {
    const delivery: WebhookDelivery = { url, headers, meta };
    this.log.push(delivery);
    const previous = this.queues.get(queueKey) ?? Promise.resolve();
    const next = previous.then(() => this.post(delivery, body));
    this.queues.set(queueKey, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.queues.get(queueKey) === next) this.queues.delete(queueKey);
    });
  }

  /** Resolves once every delivery started so far, and any started meanwhile, has finished. */
  async flush(): Promise<void> {
    // A macrotask turn first: changes schedule their notifications with setImmediate.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d, headers: { ...d.headers }, meta: { ...d.meta } }));
  }

  clearLog(): void {
    this.log = [];
  }

  private post(delivery: WebhookDelivery, body: string): Promise<void> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(delivery.url);
      } catch {
        delivery.error = 'invalid address';
        resolve();
        return;
      }
      const send = target.protocol === 'https:' ? httpsRequest : request;
      const req = send(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.options.timeoutMs ?? 5000,
          headers: { ...delivery.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
        },
        (res) => {
          delivery.status = res.statusCode;
          res.resume();
          res.on('end', resolve);
          res.on('error', () => resolve());
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        delivery.error = error.message;
        resolve();
      });
      req.end(body);
    });
  }
}
