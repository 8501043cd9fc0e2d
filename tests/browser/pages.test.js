'use strict';
// Every page a role's navigation leads to: it opens (no link to a 403)
// and axe finds no violation; the measure page's chart has its text
// alternative; a personal API token is made and revoked on the account
// page, and works for the API only while it lives.
const { test, run, assert, checkAxe } = require('./lib');

const ROLES = ['admin', 'analyst', 'agency-lead', 'chair', 'scrutineer', 'viewer'];

for (const role of ROLES) {
	test(`every page in the ${role}'s navigation opens and passes axe`, async (ctx) => {
		const page = await ctx.signedIn(role);
		const links = await page.locator('nav[aria-label="Vitals"] a').evaluateAll(
			(as) => as.map((a) => a.getAttribute('href')));
		assert.ok(links.length >= 3, `${role} has a navigation (${links.join(' ')})`);
		for (const href of links) {
			const response = await page.goto(href);
			assert.equal(response.status(), 200, `${role}: GET ${href}`);
			await checkAxe(page, `${href} for ${role}`);
		}
		// The viewer sees published outputs only: no working pages.
		assert.equal(links.includes('/measures'), role !== 'viewer', `${role}: a link to the measures`);
		assert.equal(links.includes('/admin'), role === 'admin', `${role}: a link to administration`);
	});
}

test('a measure page: chart with a text alternative, versions, reading', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	await page.goto('/measures');
	const first = page.locator('main a[href^="/measures/"]').first();
	const href = await first.getAttribute('href');
	const response = await page.goto(href);
	assert.equal(response.status(), 200, `GET ${href}`);
	const svg = page.locator('.vt-chart svg[role="img"]');
	assert.equal(await svg.count(), 1, 'one chart');
	assert.ok((await svg.locator('title').textContent()).length > 0, 'the chart has a title');
	assert.ok(await page.locator('#versions tbody tr').count() > 0, 'the figures and their versions');
	assert.ok((await page.locator('#reading').innerText()).length > 10, 'the reading in words');
	await checkAxe(page, 'a measure page');
});

test('a personal API token: made on the account page, works, revoked, refused', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	await page.goto('/account');
	await page.fill('#token-name', 'spreadsheet');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = await page.locator('#new-token').innerText();
	assert.match(token, /^[0-9a-f]{64}$/, 'the token shown once');
	await checkAxe(page, 'the account page with a new token');
	const api = `${ctx.server.url}/api/v1/actions/summary`;
	let answer = await fetch(api, { headers: { Authorization: `Bearer ${token}` } });
	assert.equal(answer.status, 200, 'the API with the token');
	await page.getByRole('button', { name: 'Revoke spreadsheet' }).click();
	assert.equal(await page.locator('#tokens tbody tr').count(), 0, 'no token left');
	answer = await fetch(api, { headers: { Authorization: `Bearer ${token}` } });
	assert.equal(answer.status, 401, 'the API with the revoked token');
});

run();
