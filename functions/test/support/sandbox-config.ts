import type { AppConfig } from '../../src/config';
import { stackConfig } from '../../stack/stack-config';
import type { GoogleSandbox } from '../../sandbox/google';

/** The production config shape pointed at a sandbox Google: the local stack's own config. */
export function sandboxConfig(sandbox: GoogleSandbox, functionsUrl = 'http://127.0.0.1:5001'): AppConfig {
  return stackConfig(sandbox, functionsUrl);
}
