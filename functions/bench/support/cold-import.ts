import { spawnSync } from 'node:child_process';
import { median } from './stats';

/**
 * Median time to `require` a module in a fresh Node process (the cold start a new function
 * instance pays before its first request), measured inside the process around the require.
 */
export function coldImportMs(modulePaths: string | string[], cwd: string, runs = 5): number {
  const list = Array.isArray(modulePaths) ? modulePaths : [modulePaths];
  const requires = list.map((path) => `require(${JSON.stringify(path)});`).join('');
  const script = `const t=performance.now();${requires}process.stdout.write(String(performance.now()-t));`;
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
    });
    if (result.status !== 0) throw new Error(`require(${list.join(', ')}) failed: ${result.stderr}`);
    samples.push(Number(result.stdout));
  }
  return median(samples);
}
