/**
 * Proves that the conformance suite can fail: runs it against the unmodified
 * @firestore-emulator/server 0.3.15 (FIRESTORE_TEST_SERVER=unfixed) and checks that exactly
 * the semantics that package gets wrong fail. Exit code 0 means "the suite caught every known
 * defect and nothing else"; anything else names the surprise.
 *
 *   npm run test:conformance:unfixed            (from functions/)
 *   npm run test:conformance:unfixed -- --verbose   also prints jest's own output
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The tests the unfixed package fails, by file. Each is a semantic it gets wrong. */
const EXPECTED_FAILURES: Record<string, string[]> = {
  'transactions.test.ts': [
    '20 concurrent transactions incrementing one counter end at 20',
    '20 concurrent transactions that insert only when no overlapping booking exists insert exactly one',
    'of 20 concurrent transactions consuming one single-use token, exactly one succeeds',
    'a write from outside a transaction between its read and its commit is not lost',
    'runTransaction retries the loser of a deadlock and both transactions take effect',
    'a query read in a transaction conflicts with a concurrent insert into its results',
    'a transaction whose last write fails a precondition leaves no trace',
  ],
  'writes.test.ts': [
    'a batch whose last write fails a precondition leaves no trace',
    'a lastUpdateTime precondition passes with the current update time and fails with a stale one',
    'set() without merge replaces the whole document',
    'FieldValue.delete() removes fields in update, in set-merge and at nested paths',
    'one write applies serverTimestamp, increment and arrayUnion together',
    'arrayUnion on a missing field creates the array and arrayRemove removes every equal element',
    'transforms on nested field paths change only their leaves',
    'set() of a new document applies its transforms',
    'recursiveDelete (BulkWriter) removes a document together with its subcollections',
  ],
  'queries.test.ts': [
    'results come back ordered by document id when no order is given',
    'orderBy leaves out documents that lack the field',
    'startAt, startAfter, endAt and endBefore cut the ordered results',
    'startAfter a document snapshot pages through ties by document id',
    'offset skips the first results',
    'integers and doubles compare by value, so 1 equals 1.0',
    'ordering across types follows Firestore type order',
    '== null matches null fields only and != null the others that have the field',
    'documentId() in returns exactly the named documents',
    'filters and ordering work on nested fields',
    'collectionGroup finds the collection at every depth and no other collection',
    'Filter.or combines nested Filter.and groups',
    'select() returns only the chosen fields',
    'listCollections and listDocuments also name documents that only have subcollections',
  ],
  'listeners.test.ts': [],
};

interface JestReport {
  testResults: { name: string; message: string; assertionResults: { title: string; status: string }[] }[];
}

function runSuite(verbose: boolean): JestReport {
  const functionsDir = join(__dirname, '../../..');
  const outputDir = mkdtempSync(join(tmpdir(), 'conformance-unfixed-'));
  const outputFile = join(outputDir, 'report.json');
  const env: NodeJS.ProcessEnv = { ...process.env, FIRESTORE_TEST_SERVER: 'unfixed' };
  delete env.FIRESTORE_EMULATOR_HOST; // the comparison is against the unfixed package, never an external emulator
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), 'testing/firestore-server/conformance', '--json', `--outputFile=${outputFile}`, '--testTimeout=15000'],
    { cwd: functionsDir, env, encoding: 'utf8', stdio: verbose ? 'inherit' : 'pipe' },
  );
  try {
    return JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport;
  } catch {
    throw new Error(`jest produced no report (exit ${run.status}):\n${run.stderr ?? ''}`);
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

function main(): number {
  const report = runSuite(process.argv.includes('--verbose'));
  const surprises: string[] = [];
  const lines: string[] = [];
  const seenFiles = new Set<string>();

  for (const file of report.testResults) {
    const fileName = file.name.split(/[\\/]/).pop()!;
    seenFiles.add(fileName);
    const expected = new Set(EXPECTED_FAILURES[fileName] ?? []);
    if (file.assertionResults.length === 0) surprises.push(`${fileName} did not run: ${file.message.split('\n')[0]}`);
    lines.push(fileName);
    for (const { title, status } of file.assertionResults) {
      const failed = status === 'failed';
      const shouldFail = expected.delete(title);
      lines.push(`  ${failed ? 'FAILS ' : 'passes'}  ${title}`);
      if (failed !== shouldFail) surprises.push(`${fileName}: "${title}" ${failed ? 'failed, but the unfixed package should pass it' : 'passed, but should fail'}`);
    }
    for (const title of expected) surprises.push(`${fileName}: expected failure "${title}" is not in the suite any more`);
  }
  for (const fileName of Object.keys(EXPECTED_FAILURES)) if (!seenFiles.has(fileName)) surprises.push(`${fileName} is missing from the run`);

  console.log('Conformance suite against the UNFIXED @firestore-emulator/server 0.3.15 (FAILS = a semantic it gets wrong):\n');
  console.log(lines.join('\n'));
  const expectedCount = Object.values(EXPECTED_FAILURES).reduce((n, titles) => n + titles.length, 0);
  if (surprises.length > 0) {
    console.log(`\nUnexpected outcome:\n${surprises.map((s) => `  - ${s}`).join('\n')}`);
    return 1;
  }
  console.log(`\nOK: the suite fails on exactly the ${expectedCount} semantics the unfixed package gets wrong.`);
  return 0;
}

process.exitCode = main();
