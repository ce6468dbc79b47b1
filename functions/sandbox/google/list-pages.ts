import type { GoogleSandboxState } from './sandbox-state';
import { googleErrors } from './google-errors';

/**
 * Paging over a result computed once, on the first page. The sync position (change sequence
 * number) is taken at that moment too, so a change made while a client pages through a full sync
 * is delivered by the next incremental sync instead of being lost between pages.
 */

const MAX_SNAPSHOTS = 1000;

export interface PagedResult {
  items: unknown[];
  /** Change sequence number for the nextSyncToken of the last page; undefined = no sync token. */
  syncSeq?: number;
}

interface Snapshot extends PagedResult {
  scope: string;
  offset: number;
  pageSize: number;
}

export interface Page {
  items: unknown[];
  nextPageToken?: string;
  /** Set on the last page when the result carries a sync position. */
  syncSeq?: number;
}

export class ListPages {
  private snapshots = new Map<string, Snapshot>();

  constructor(private readonly state: GoogleSandboxState) {}

  first(scope: string, result: PagedResult, pageSize: number): Page {
    return this.slice({ ...result, scope, offset: 0, pageSize });
  }

  /** `scope` ties a page token to the calendar and method it came from. */
  next(scope: string, pageToken: string): Page {
    const snapshot = this.snapshots.get(pageToken);
    if (!snapshot || snapshot.scope !== scope) throw googleErrors.badRequest('Invalid Value', 'invalid', 'pageToken');
    return this.slice(snapshot);
  }

  clear(): void {
    this.snapshots.clear();
  }

  private slice(snapshot: Snapshot): Page {
    const end = snapshot.offset + snapshot.pageSize;
    const items = snapshot.items.slice(snapshot.offset, end);
    if (end < snapshot.items.length) {
      const token = this.state.token('E', 40);
      this.snapshots.set(token, { ...snapshot, offset: end });
      // A long-running demo must not grow without bound; the oldest page tokens go first.
      if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
      return { items, nextPageToken: token };
    }
    return { items, syncSeq: snapshot.syncSeq };
  }
}
