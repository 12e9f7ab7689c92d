/**
 * Skill Enablement as the skill's developer: enable, disable and status of a stage, on api.amazonalexa.com.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { NA, SKILL, useSkillEnablementTests } from './harness/skillEnablement.mts';

const tests = useSkillEnablementTests();
const { enablement, trail } = tests;

describe('Skill Enablement as the developer', () => {
	it('enables a stage, reports it enabled, and enabling the other stage disables the first', async () => {
		const enabled = await enablement('enableSkill', { stage: 'development' });
		assert.deepEqual(enabled.output[0].json, { success: true, statusCode: 204 });
		assert.deepEqual(
			(await enablement('getSkillEnablementStatus', { stage: 'development' })).output[0].json,
			{
				enabled: true,
				statusCode: 204,
				skillId: SKILL,
				stage: 'development',
			},
		);
		await enablement('enableSkill', { stage: 'live' });
		const development = await enablement('getSkillEnablementStatus', { stage: 'development' });
		const live = await enablement('getSkillEnablementStatus', { stage: 'live' });
		assert.equal(development.error, undefined, 'a 404 status is an answer, not an error');
		assert.equal(development.output[0].json.enabled, false);
		assert.equal(development.output[0].json.statusCode, 404);
		assert.equal(live.output[0].json.enabled, true);
		assert.deepEqual(trail().slice(0, 2), [
			`PUT ${NA} /v1/skills/${SKILL}/stages/development/enablement → 204`,
			`GET ${NA} /v1/skills/${SKILL}/stages/development/enablement → 204`,
		]);
	});

	it('disables a stage, after which its status is not enabled', async () => {
		await enablement('enableSkill', { stage: 'live' });
		const disabled = await enablement('disableSkill', { stage: 'live' });
		assert.deepEqual(disabled.output[0].json, { success: true, statusCode: 204 });
		assert.equal(
			(await enablement('getSkillEnablementStatus', { stage: 'live' })).output[0].json.enabled,
			false,
		);
		assert.ok(
			trail().every((line) => line.includes(` ${NA} `)),
			'developer operations always go to api.amazonalexa.com',
		);
	});

	it('fails a disable of a stage that is not enabled with what Alexa meant', async () => {
		const { error } = await enablement('disableSkill', { stage: 'development' });
		assert.equal(error?.httpCode, '404');
		assert.match(
			String(error?.message),
			/found no such skill, stage or enablement \(HTTP 404 notFound\)/,
		);
		assert.match(String(error?.description), /Check the skill ID/);
	});
});
