import type { RETRY_POLICY } from '../delivery/retry';

/**
 * The APIs this package calls: the names of the retry policy table's rows (delivery/retry.ts).
 * Each API also has its hosts (hosts.ts) and its error catalogue (errors/catalogue/), tables the
 * compiler makes complete for every name. `loginWithAmazon` is LWA's token endpoint, called
 * directly by the Authorization resource. Each resource says which API it talks to
 * (resources/<resource>/index.ts).
 */
export type AlexaApi = keyof typeof RETRY_POLICY;
