'use strict';
// The multi-agency audit programme on the web: the analyst plans an
// audit through its form (a missing quarter said at its field, a name as
// the reference refused and not said back); the police lead grades a
// case for the police and is refused grading for another agency (403,
// even posting the form with its token) and reading an audit the police
// take no part in (403, and not listed); the analyst grades for any
// agency taking part, records the audit done and makes a recommendation
// that appears among the actions; axe finds nothing at 320 and 1280 px
// on the register and the record for the analyst and the lead.
// The day is 23 November 2026 (run.sh).
const {
	test, run, assert, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const OURS = 'MAA-WEB-01';	// the police take part
const NOT_POLICE = 'MAA-WEB-02';	// the police do not

async function rows(page) {
	return page.locator('#audits tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

function same(actual, expected, what) {
	assert.equal(JSON.stringify(actual), JSON.stringify(expected), what);
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

test('the analyst plans audits through the form, its errors at their fields', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	let response = await page.goto('/audits');
	assert.equal(response.status(), 200, 'GET /audits');
	// The demo's illustrative audits, in their states on 23 November 2026.
	const demo = (await rows(page)).filter((r) => r[0].startsWith('MAA-2026-'));
	same(demo.map((r) => [r[0], r[2], r[5]]), [
		['MAA-2026-01', '2025-26 Q4', 'Done'],
		['MAA-2026-02', '2026-27 Q1', 'Late'],
		['MAA-2026-03', '2026-27 Q3', 'Planned'],
	], 'each audit with its quarter in words and its state');
	assert.equal(demo[0][6], '19 March 2026', 'the done date in words');
	assert.match(await page.locator('#programme-sentence').innerText(),
		/^0 of the 2 audits planned in 2026-27 are done; 1 is late and 1 is to come\.$/);
	// The grades table counts the library's tallies: the police's four
	// grades of MAA-2026-01, done in 2025-26 Q4.
	const police = await page.locator('#grades-table tbody tr', { hasText: 'Surrey Police' }).first()
		.evaluate((tr) => [...tr.children].map((c) => c.innerText.trim()));
	same(police.slice(0, 2), ['Surrey Police', '2025-26 Q4']);
	assert.equal(police[police.length - 1], '3', 'three police grades in that quarter');
	await checkWidths(page, 'the register for the analyst');

	// No quarter: said at its field, what was typed kept.
	await page.fill('#ref', OURS);
	await page.selectOption('#theme', 'audit-neglect');
	await page.selectOption('#lead', 'scc-csc');
	await page.check('#agency-police');
	await page.fill('#sample', '3');
	response = await submit(page, 'Plan audit');
	assert.equal(response.status(), 422, 'an audit with no quarter');
	await errorAt(page, 'planned', /quarter/, 'no quarter');
	assert.equal(await page.locator('#ref').inputValue(), OURS, 'the reference kept');
	assert.ok(await page.locator('#agency-police').isChecked(), 'the agency kept');
	await checkWidths(page, 'the plan form with an error');

	// A name as the reference is refused, and not said back.
	await page.fill('#ref', 'Jane Smith');
	await page.fill('#planned', '2026-27 Q3');
	response = await submit(page, 'Plan audit');
	assert.equal(response.status(), 422, 'a name as the reference');
	await errorAt(page, 'ref', /looks like a person's name/, 'a name');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');

	await page.fill('#ref', OURS);
	response = await submit(page, 'Plan audit');
	assert.equal(response.status(), 200, 'the audit planned');
	assert.equal(new URL(page.url()).pathname, `/audits/${OURS}`, 'on the record');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Audit planned/);
	assert.equal(await page.locator('#audit-planned').innerText(), '2026-27 Q3');
	assert.equal(await page.locator('#audit-state').innerText(), 'Planned');
	assert.match(await page.locator('.govuk-summary-list').innerText(), /Surrey Police/);
	assert.match(await page.locator('#no-grades').innerText(), /No case has been graded/);

	// One the police take no part in.
	await page.goto('/audits');
	await page.fill('#ref', NOT_POLICE);
	await page.selectOption('#theme', 'audit-exploitation');
	await page.fill('#planned', '2026Q4');
	await page.selectOption('#lead', 'education');
	await page.check('#agency-scc-csc');
	await page.fill('#sample', '2');
	response = await submit(page, 'Plan audit');
	assert.equal(response.status(), 200, 'the second audit planned');
	assert.equal(await page.locator('#audit-planned').innerText(), '2026-27 Q3', '2026Q4 in words');
});

test('the police lead grades for the police only, and reads only the police\'s audits', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	let response = await page.goto('/audits');
	assert.equal(response.status(), 200);
	const listed = (await rows(page)).map((r) => r[0]);
	assert.ok(listed.includes(OURS), 'the police\'s audit listed');
	assert.ok(!listed.includes(NOT_POLICE), 'the other not listed');
	// Only the police's own grades are counted for the lead.
	const agencies = await page.locator('#grades-table tbody th').allInnerTexts();
	assert.ok(agencies.length > 0 && agencies.every((a) => a === 'Surrey Police'), 'the police\'s grades only');
	await checkWidths(page, 'the register for the police lead');

	response = await page.goto(`/audits/${NOT_POLICE}`);
	assert.equal(response.status(), 403, 'an audit the police take no part in');

	response = await page.goto(`/audits/${OURS}`);
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('#agency-fixed').innerText(), 'Surrey Police', 'the agency fixed');
	assert.equal(await page.locator('#complete').count(), 0, 'no form to record it done');
	assert.equal(await page.locator('#rec-text').count(), 0, 'no form to recommend');
	await checkWidths(page, 'the record for the police lead');

	// No grade: at its field.
	await page.fill('#case', 'C-2001');
	response = await submit(page, 'Grade case');
	assert.equal(response.status(), 422, 'no grade');
	await errorAt(page, 'grade', /grade/, 'no grade');
	assert.equal(await page.locator('#case').inputValue(), 'C-2001', 'the case kept');

	await page.check('input[name="grade"][value="good"]');
	await page.fill('#findings', 'Illustrative: the referral was shared the same day.');
	response = await submit(page, 'Grade case');
	assert.equal(response.status(), 200, 'graded');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Grade recorded/);
	const grades = await page.locator('#grades-table tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
	same(grades, [['C-2001', 'Surrey Police', 'Good',
		'Illustrative: the referral was shared the same day.']]);

	// Another agency's grade, by posting the form with its token: 403,
	// and nothing recorded.
	const csrf = await csrfOf(page);
	response = await page.request.post(`/audits/${OURS}/grade`, { maxRedirects: 0, form: {
		csrf, case: 'C-2001', agency: 'scc-csc', grade: 'inadequate' } });
	assert.equal(response.status(), 403, 'a grade for children\'s social care');
	response = await page.request.post(`/audits/${NOT_POLICE}/grade`, { maxRedirects: 0, form: {
		csrf, case: 'C-2001', agency: 'police', grade: 'good' } });
	assert.equal(response.status(), 403, 'a grade in an audit the police take no part in');
	response = await page.request.post(`/audits/${OURS}/complete`, { maxRedirects: 0, form: {
		csrf, completed: '2026-11-20' } });
	assert.equal(response.status(), 403, 'recording it done');
	await page.reload();
	assert.equal(await page.locator('#grades-table tbody tr').count(), 1, 'nothing more recorded');
});

test('the analyst grades, records the audit done and makes a recommendation', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	let response = await page.goto(`/audits/${OURS}`);
	assert.equal(response.status(), 200);
	await page.fill('#case', 'C-2001');
	await page.selectOption('#agency', 'scc-csc');
	await page.check('input[name="grade"][value="requires-improvement"]');
	response = await submit(page, 'Grade case');
	assert.equal(response.status(), 200, 'graded for children\'s social care');
	assert.equal(await page.locator('#audit-sample').innerText(), '3 cases planned, 1 graded');

	// Done before its quarter began: at the date.
	await page.fill('#completed', '2026-09-01');
	response = await submit(page, 'Record as done');
	assert.equal(response.status(), 422, 'done before the quarter');
	await errorAt(page, 'completed', /comes before/, 'too early');
	await page.fill('#completed', '2026-11-20');
	await page.fill('#summary', 'Illustrative: referrals were shared promptly.');
	response = await submit(page, 'Record as done');
	assert.equal(response.status(), 200, 'recorded done');
	assert.equal(await page.locator('#audit-state').innerText(), 'Done');
	assert.equal(await page.locator('#audit-done').innerText(), '20 November 2026');
	assert.equal(await page.locator('#complete').count(), 0, 'the form gone once done');

	// A recommendation with no due date: at its field.
	await page.fill('#rec-text', 'Share police referrals with schools within a day');
	await page.selectOption('#rec-agency', 'police');
	response = await submit(page, 'Make recommendation');
	assert.equal(response.status(), 422, 'no due date');
	await errorAt(page, 'rec-due', /due/, 'no due date');
	await page.fill('#rec-due', '2027-03-31');
	response = await submit(page, 'Make recommendation');
	assert.equal(response.status(), 200, 'recommended');
	const rec = await page.locator('#recommendations-table tbody tr').first().innerText();
	assert.match(rec, /Share police referrals/);
	assert.match(rec, /Not yet rated/);
	const href = await page.locator('#recommendations-table tbody a').first().getAttribute('href');
	assert.match(href, new RegExp(`^/actions/${OURS}-R1$`));
	await checkWidths(page, 'the record for the analyst');

	response = await page.goto(href);
	assert.equal(response.status(), 200, 'the action is in the tracker');
	response = await page.goto(`/actions?q=${OURS}`);
	assert.equal(await page.locator(`#actions a[href="/actions/${OURS}-R1"]`).count(), 1,
		'listed among the actions');

	await page.goto('/audits?state=done');
	assert.ok((await rows(page)).some((r) => r[0] === OURS && r[5] === 'Done'), 'done in the register');
	response = await page.goto('/audits?state=finished');
	assert.equal(response.status(), 400, 'a state that is none');
	await errorAt(page, 'state', /Show planned, done or late/, 'a bad filter');
});

test('a viewer may not open the programme', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	const response = await page.goto('/audits');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await page.locator('nav a[href="/audits"]').count(), 0, 'no link in the navigation');
});

run();
