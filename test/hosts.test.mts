/**
 * Region → host tables, as Amazon's pages give them (docs/alexa-facts.md lists which page says
 * what; Far East Skill Messaging is the odd one).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { hosts } from './harness/modules.mts';

describe('regional hosts', () => {
	it('sends Skill Messaging to the documented host of each region', () => {
		const host = (region: string) => hosts.apiBaseUrl({ region }, 'skillMessaging');
		assert.equal(host('northAmerica'), 'https://api.amazonalexa.com');
		assert.equal(host('europe'), 'https://api.eu.amazonalexa.com');
		assert.equal(host('farEast'), 'https://api.fe.amazon.com');
	});

	it('sends Event Gateway events to api.fe.amazonalexa.com in the Far East', () => {
		assert.equal(
			hosts.apiBaseUrl({ region: 'farEast' }, 'eventGateway'),
			'https://api.fe.amazonalexa.com',
		);
	});

	it("sends the developer's Skill Enablement to api.amazonalexa.com in every region, customers to their own", () => {
		for (const region of ['northAmerica', 'europe', 'farEast']) {
			assert.equal(
				hosts.apiBaseUrl({ region }, 'skillEnablement', hosts.GLOBAL_ALEXA_HOST),
				'https://api.amazonalexa.com',
			);
		}
		assert.equal(
			hosts.apiBaseUrl({ region: 'farEast' }, 'skillEnablement'),
			'https://api.fe.amazon.com',
		);
		assert.deepEqual(hosts.CUSTOMER_HOSTS, [
			'api.amazonalexa.com',
			'api.eu.amazonalexa.com',
			'api.fe.amazon.com',
		]);
	});

	it('sends notifications to the Proactive Events host of each region: api.fe.amazonalexa.com in the Far East', () => {
		const host = (region: string) => hosts.apiBaseUrl({ region }, 'proactiveEvents');
		assert.equal(host('northAmerica'), 'https://api.amazonalexa.com');
		assert.equal(host('europe'), 'https://api.eu.amazonalexa.com');
		assert.equal(host('farEast'), 'https://api.fe.amazonalexa.com');
	});

	it('puts the Alexa host name in a Custom base URL that asks for it with {host}', () => {
		const proxy = { region: 'custom', apiBaseUrl: 'http://proxy.local/{host}' };
		assert.equal(hosts.apiBaseUrl(proxy, 'eventGateway'), 'http://proxy.local/api.amazonalexa.com');
		assert.equal(
			hosts.apiBaseUrl(proxy, 'skillEnablement', 'api.eu.amazonalexa.com'),
			'http://proxy.local/api.eu.amazonalexa.com',
		);
	});

	it("uses the Custom base URL without a trailing slash, and LWA's one token URL otherwise", () => {
		const custom = {
			region: 'custom',
			apiBaseUrl: 'http://127.0.0.1:1234/',
			loginWithAmazonUrl: 'http://127.0.0.1:1234/token',
		};
		assert.equal(hosts.apiBaseUrl(custom, 'skillMessaging'), 'http://127.0.0.1:1234');
		assert.equal(hosts.lwaTokenUrl(custom), 'http://127.0.0.1:1234/token');
		assert.equal(hosts.lwaTokenUrl({ region: 'europe' }), 'https://api.amazon.com/auth/o2/token');
	});
});
