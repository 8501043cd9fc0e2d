'use strict';
// The independent scrutiny plan on the web: the scrutineer adds an item
// (a planned quarter outside the year said at its field), reports it,
// records a finding as a challenge (which the challenge log lists, its
// page linking back to the item) and one as an action of the tracker;
// the police lead and the analyst read the plan but change nothing (403,
// even posting the form with their own token); a challenge on an audit or
// a section 11 return links to it; axe finds nothing at 320
// and 1280 px on the plan and the item for the scrutineer, the analyst
// and a lead.  The day is 23 November 2026 (run.sh): the year 2026-27.
const { execFileSync } = require('child_process');
const {
	test, run, assert, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const REF = 'SCR-WEB-01';

async function rows(page, id) {
	return page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th, td')].map((td) => td.innerText.trim())));
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

test('the scrutineer plans, reports and records findings', async (ctx) => {
	const page = await signedInAs(ctx, 'scrutineer@demo.invalid');
	let response = await page.goto('/scrutiny');
	assert.equal(response.status(), 200, 'GET /scrutiny');
	assert.equal(await page.locator('nav a[href="/scrutiny"]').count(), 1, 'linked in the navigation');
	assert.equal(await page.locator('#year').inputValue(), '2026-27', 'this year by default');
	assert.equal(await page.locator('#item-year').inputValue(), '2026-27', 'the form\'s year too');
	await checkWidths(page, 'the empty plan for the scrutineer');

	// Planned outside its year: at its field, what was typed kept.
	await page.fill('#ref', REF);
	await page.selectOption('#theme', 'neglect');
	await page.selectOption('#method', 'data-review');
	await page.fill('#planned', '2025Q3');
	response = await submit(page, 'Add item');
	assert.equal(response.status(), 422, 'planned outside the year');
	await errorAt(page, 'planned', /not in the plan's year/, 'a quarter outside the year');
	assert.equal(await page.locator('#ref').inputValue(), REF, 'the reference kept');

	await page.fill('#planned', '2026Q4');
	response = await submit(page, 'Add item');
	assert.equal(response.status(), 200, 'the item added');
	assert.equal(new URL(page.url()).pathname, `/scrutiny/${REF}`, 'on the item');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Item added/);
	assert.equal(await page.locator('#item-status').innerText(), 'Planned');
	assert.equal(await page.locator('#item-theme').innerText(), 'Neglect');
	assert.equal(await page.locator('#item-method').innerText(), 'Data review');

	// Reported with no date: at its field; then reported.
	await page.fill('#summary', 'Illustrative: twelve neglect cases looked at.');
	response = await submit(page, 'Report item');
	assert.equal(response.status(), 422, 'no date');
	await errorAt(page, 'reported', /when it was reported/, 'no date');
	await page.fill('#reported', '2026-11-20');
	response = await submit(page, 'Report item');
	assert.equal(response.status(), 200, 'reported');
	assert.equal(await page.locator('#item-status').innerText(), 'Reported');
	assert.equal(await page.locator('#item-reported').innerText(), '20 November 2026');
	assert.equal(await page.locator('#report').count(), 0, 'the report form gone');

	// A finding as a challenge.
	await page.fill('#text', 'Illustrative: chronologies were missing in half the cases.');
	await page.check('input[name="becomes"][value="challenge"]');
	response = await submit(page, 'Record finding');
	assert.equal(response.status(), 200, 'the finding recorded');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /now a challenge/);
	const challenge = await page.locator('#findings-table a[href^="/challenges/"]').getAttribute('href');
	assert.match(challenge, /^\/challenges\/\d+$/, 'linked to its challenge');

	// A finding as an action with no due date: at its field; then made.
	await page.fill('#text', 'Illustrative: refresh chronology training.');
	await page.check('input[name="becomes"][value="action"]');
	await page.selectOption('#agency', 'scc-csc');
	response = await submit(page, 'Record finding');
	assert.equal(response.status(), 422, 'an action with no due date');
	await errorAt(page, 'due', /due/, 'no due date');
	await page.fill('#due', '2027-03-31');
	response = await submit(page, 'Record finding');
	assert.equal(response.status(), 200, 'the action made');
	assert.equal(await page.locator(`#findings-table a[href="/actions/${REF}-F1"]`).count(), 1,
		'linked to its action');
	await checkWidths(page, 'the item for the scrutineer');

	// The challenge is in the log, its page linking back to the item.
	response = await page.goto('/challenges');
	assert.equal(response.status(), 200);
	assert.ok((await page.content()).includes(`scrutiny:${REF}`), 'listed in the challenge log');
	await page.goto(challenge);
	assert.equal(await page.locator(`a[href="/scrutiny/${REF}"]`).count(), 1,
		'the challenge links back to the item');
	response = await page.goto(`/actions/${REF}-F1`);
	assert.equal(response.status(), 200, 'the action is in the tracker');

	await page.goto('/scrutiny');
	const plan = (await rows(page, 'scrutiny-plan')).find((r) => r[0] === REF);
	assert.ok(plan, 'the item in the plan');
	assert.equal(plan[4], 'Reported', 'its status');
	assert.equal(plan[5], '20 November 2026', 'its reported date');
	await checkWidths(page, 'the plan for the scrutineer');
	response = await page.goto('/scrutiny?year=2026');
	assert.equal(response.status(), 400, 'a year that is none');
	await errorAt(page, 'year', /Choose a year/, 'a bad year');
});

test('the police lead and the analyst read the plan but change nothing', async (ctx) => {
	for (const email of ['police-lead@demo.invalid', 'analyst@demo.invalid']) {
		const page = await signedInAs(ctx, email);
		let response = await page.goto('/scrutiny');
		assert.equal(response.status(), 200, `${email}: the plan`);
		assert.ok((await rows(page, 'scrutiny-plan')).some((r) => r[0] === REF), `${email}: listed`);
		assert.equal(await page.locator('#add').count(), 0, `${email}: no form to add one`);
		await checkWidths(page, `the plan for ${email}`);
		response = await page.goto(`/scrutiny/${REF}`);
		assert.equal(response.status(), 200, `${email}: the item`);
		assert.equal(await page.locator('#record-finding').count(), 0, `${email}: no finding form`);
		await checkWidths(page, `the item for ${email}`);

		const csrf = await csrfOf(page);
		response = await page.request.post(`/scrutiny/${REF}/finding`, { maxRedirects: 0, form: {
			csrf, text: 'Illustrative: by another role', becomes: 'challenge' } });
		assert.equal(response.status(), 403, `${email}: a finding`);
		response = await page.request.post('/scrutiny', { maxRedirects: 0, form: {
			csrf, ref: 'SCR-WEB-02', year: '2026-27', theme: 'neglect',
			method: 'survey', planned: '2026Q4' } });
		assert.equal(response.status(), 403, `${email}: an item`);
		await page.reload();
		assert.equal(await page.locator('#findings-table tbody tr').count(), 2,
			`${email}: no finding recorded`);
		response = await page.goto('/scrutiny/SCR-WEB-02');
		assert.equal(response.status(), 404, `${email}: nothing added`);
		await page.close();
	}
});

test('a challenge links to the audit or the section 11 return it is on', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	for (const [on, href] of [['audit:MAA-2026-01', '/audits/MAA-2026-01'],
		['s11:police/2024-25', '/s11/police/2024-25']]) {
		const made = execFileSync(process.env.VITALS, ['--db', process.env.DB, 'challenge', 'add',
			'--on', on, '--by', 'independent scrutineer', '--text', 'Illustrative: how was this tested?'],
		{ encoding: 'utf8' });
		const n = /challenge (\d+) raised/.exec(made);
		assert.ok(n, `a challenge raised on ${on}: ${made}`);
		await page.goto(`/challenges/${n[1]}`);
		assert.equal(await page.locator(`a[href="${href}"]`).count(), 1, `${on} linked to ${href}`);
	}
});

test('a viewer may not open the plan', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	const response = await page.goto('/scrutiny');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await page.locator('nav a[href="/scrutiny"]').count(), 0, 'no link in the navigation');
});

run();
