// Copies the static site to dist/ (what Firebase Hosting serves). The admin dashboard is a later
// issue; until then this is a plain page pointing at the local stack's JSON views.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
mkdirSync(new URL('./dist', import.meta.url));
cpSync(new URL('./public', import.meta.url), new URL('./dist', import.meta.url), { recursive: true });
