/**
 * Loaded into a real n8n with `NODE_OPTIONS=--import=<this file>`: the Amazon host names listed
 * in ALEXA_TEST_HOSTS (JSON, host → loopback address) resolve to the local stand-ins, as a
 * hosts-file entry would. The stand-ins' TLS root reaches n8n through NODE_EXTRA_CA_CERTS, so
 * n8n talks TLS to them under Amazon's names, as it would to Amazon.
 */
import { routeHosts } from './routeHosts.mts';

routeHosts(JSON.parse(process.env.ALEXA_TEST_HOSTS ?? '{}') as Record<string, string>);
