import { AvailabilityInputError } from './availability-input-error';
import { computeAvailability } from './compute-availability';

/**
 * `npm run -s availability < input.json`: the result as JSON on stdout, exit 0. Invalid input
 * (including text that is not JSON): exit 2, nothing on stdout, one line on stderr naming the field.
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // A byte-order mark some editors write is not part of the JSON.
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

function fail(code: number, line: string): void {
  process.stderr.write(`${line.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = code;
}

async function main(): Promise<void> {
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    fail(2, `input: not valid JSON (${(error as Error).message})`);
    return;
  }
  try {
    process.stdout.write(`${JSON.stringify(computeAvailability(input))}\n`);
  } catch (error) {
    if (error instanceof AvailabilityInputError) fail(2, error.message);
    else fail(1, `availability: internal error: ${(error as Error).message}`);
  }
}

void main();
