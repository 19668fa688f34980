/**
 * Garbage-collection facts for explaining a latency tail: how many young-generation collections
 * (scavenges) a piece of work triggers and how long they pause, and how many bytes it allocates
 * (V8's sampling heap profiler, counting objects already collected).
 */
import type { HeapProfiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { median } from './stats.js';

export interface GcFacts {
  scavenges: number;
  /** Mark-compact and incremental marking steps. */
  others: number;
  medianScavengeMs: number;
}

/** GC pauses while `fn` runs (entries are delivered asynchronously, so this waits a moment after). */
export async function observeGc(fn: () => void | Promise<void>): Promise<GcFacts> {
  const scavenges: number[] = [];
  let others = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // entry.detail.kind (Node ≥ 16); @types/node 20 does not declare `detail` on PerformanceEntry.
      const detail: unknown = Reflect.get(entry, 'detail');
      const kind = typeof detail === 'object' && detail !== null ? Reflect.get(detail, 'kind') : undefined;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges.push(entry.duration);
      else others++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await fn();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { scavenges: scavenges.length, others, medianScavengeMs: median(scavenges) };
}

function sumSelf(node: HeapProfiler.SamplingHeapProfileNode): number {
  return node.selfSize + node.children.reduce((sum, child) => sum + sumSelf(child), 0);
}

/** Bytes `fn` allocates, estimated by sampling (every 4 KiB on average), garbage included. */
export async function allocatedBytes(fn: () => void): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    // The include… flags (V8 ≥ 11) keep objects the GC already freed in the profile: we want garbage too.
    const params: HeapProfiler.StartSamplingParameterType & Record<string, unknown> = {
      samplingInterval: 4096,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    };
    await session.post('HeapProfiler.startSampling', params);
    fn();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    return sumSelf(profile.head);
  } finally {
    session.disconnect();
  }
}
