import { z } from 'zod';

// zod compiles fast parsers with `new Function` after probing for eval support. In the VS Code
// extension host the probe touches `navigator` (which raises a migration error there), and in the
// webviews the strict CSP reports the probe as a violation. Interpreted parsing is fast enough for
// our inputs, so switch the compiler off before any schema is built: import this module first.
z.config({ jitless: true });
