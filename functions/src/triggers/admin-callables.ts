import { createAdminHandlers } from '../callables/admin-handlers';
import { runtime } from '../runtime';

/** The deployed admin callables over this instance's runtime. */
export const adminHandlers = createAdminHandlers(() => runtime().sync);
