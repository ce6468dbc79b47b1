import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { request } from './test-support/request';

// Each spawn costs about half a second, so the cases are few and each checks the whole contract.
const functionsDir = path.resolve(__dirname, '../..');
const repoRoot = path.resolve(functionsDir, '..');

function runCli(stdin: string) {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/availability/cli.ts'], { cwd: functionsDir, input: stdin, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('`npm run -s availability` at the repository root prints the slots as JSON and exits 0', () => {
  const result = spawnSync('npm', ['run', '-s', 'availability'], { cwd: repoRoot, input: JSON.stringify(request()), encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    slots: [
      { start: '2026-01-12T09:00:00Z', end: '2026-01-12T10:00:00Z', staffIds: ['a'] },
      { start: '2026-01-12T10:00:00Z', end: '2026-01-12T11:00:00Z', staffIds: ['a'] },
      { start: '2026-01-12T11:00:00Z', end: '2026-01-12T12:00:00Z', staffIds: ['a'] },
    ],
  });
});

test('invalid input exits 2 with nothing on stdout and one line naming the field on stderr', () => {
  const result = runCli(JSON.stringify(request({ range: { from: '2026-01-12', to: '2026-01-11' } })));
  expect(result).toEqual({ status: 2, stdout: '', stderr: 'range.to: must not be before range.from\n' });
});

test('text that is not JSON exits 2 with one line on stderr', () => {
  const result = runCli('{"timeZone": "UTC",\n');
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^input: not valid JSON \(.*\)\n$/);
});
