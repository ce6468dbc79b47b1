/**
 * Counts requests per route name (e.g. `calendar.events.insert`), so tests and benchmarks can
 * assert that a sync costs O(changes) calls rather than O(events).
 */
export class RequestCounter {
  private counts = new Map<string, number>();

  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  total(filter: (name: string) => boolean = () => true): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (filter(name)) sum += n;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}
