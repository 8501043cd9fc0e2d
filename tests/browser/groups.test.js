'use strict';
// Groups that meet and decide on the web: the groups with their reporting
// line; a group's terms and desired outcomes (Markdown), members, forward
// plan, meetings held with quorate, decisions and reports received linked
// to their records, and attendance by agency; one meeting.  The analyst
// adds a meeting, records attendance for every member in one form, adds a
// decision (an owner named as a person refused at its field), marks it
// done and records a report received; the chair may keep meetings too; an
// agency lead reads but changes nothing (403).  axe finds nothing at 320
// and 1280 px for the chair, the analyst and a lead.  The day is
// 23 November 2026 (run.sh): the demo's meetings up to it are held.
const {
	test, run, assert, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const REF = 'executive-2026-11-extra';

async function rows(page, id) {
	return page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th, td')].map((td) => td.innerText.trim())));
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

test('the groups and a group read for the chair', async (ctx) => {
	const page = await signedInAs(ctx, 'chair@demo.invalid');
	let response = await page.goto('/groups');
	assert.equal(response.status(), 200, 'GET /groups');
	assert.equal(await page.locator('nav a[href="/groups"]').count(), 1, 'linked in the navigation');
	const groups = await rows(page, 'groups');
	const neglect = groups.find((r) => r[0] === 'Neglect Sub-Group (time-limited)');
	assert.ok(neglect, 'the neglect sub-group listed');
	assert.equal(neglect[2], 'Quarterly', 'its cadence');
	assert.equal(neglect[3], "Children's Safeguarding Partnership Business Group", 'who it reports to');
	await checkWidths(page, 'the groups for the chair');

	response = await page.goto('/groups/neglect');
	assert.equal(response.status(), 200, 'GET /groups/neglect');
	// The reporting line up to the top, nearest first.
	const line = await page.locator('#group-line li').allInnerTexts();
	assert.equal(JSON.stringify(line), JSON.stringify(["Children's Safeguarding Partnership Business Group",
		'Safeguarding Children Executive Group', 'Safeguarding Children Partnership']), 'the line');
	// Terms rendered from Markdown: a list, not the asterisks.
	assert.ok(await page.locator('#terms ul li').count() >= 2, 'the terms as a list');
	assert.ok(await page.locator('#outcomes ol li').count() >= 2, 'the outcomes as a numbered list');
	assert.equal((await rows(page, 'members')).length, 4, 'four members');
	const held = await rows(page, 'meetings-held');
	assert.ok(held.length > 0, 'meetings held');
	assert.ok(held.every((r) => ['Yes', 'No'].includes(r[2])), 'each quorate yes or no');
	const decisions = await rows(page, 'decisions');
	assert.ok(decisions.some((r) => /Overdue/.test(r[3])), 'an overdue decision');
	assert.equal(await page.locator('#received a[href="/audits/MAA-2026-01"]').count(), 1,
		'the audit received linked to it');
	assert.ok((await rows(page, 'attendance')).length === 4, 'attendance by member agency');
	assert.equal(await page.locator('#add').count(), 1, 'the chair may add a meeting');
	await checkWidths(page, 'a group for the chair');
});

test('the analyst keeps a meeting', async (ctx) => {
	const page = await signedInAs(ctx, 'analyst@demo.invalid');
	let response = await page.goto('/groups/executive');
	assert.equal(response.status(), 200);
	await page.fill('#ref', REF);
	await page.fill('#date', '2026-11-16');
	await page.fill('#items', 'Illustrative: the winter pressures\nIllustrative: decisions due');
	response = await submit(page, 'Add meeting');
	assert.equal(response.status(), 200, 'the meeting added');
	assert.equal(new URL(page.url()).pathname, `/groups/executive/meetings/${REF}`, 'on the meeting');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Meeting added/);
	assert.equal(await page.locator('#agenda li').count(), 2, 'two agenda items');

	// Every member in one form.
	await page.check('input[name="att-scc-csc"][value="present"]');
	await page.check('input[name="att-police"][value="present"]');
	await page.check('input[name="att-health-heartlands"][value="apologies"]');
	await page.check('input[name="att-education"][value="absent"]');
	response = await submit(page, 'Record attendance');
	assert.equal(response.status(), 200, 'attendance recorded');
	assert.equal(await page.locator('#meeting-status').innerText(), 'Held');
	assert.equal(await page.locator('#meeting-present').innerText(), '2');
	assert.equal(await page.locator('#meeting-quorate').innerText(), 'No', 'two of a quorum of three');

	// An owner named as a person: at its field.
	await page.fill('#text', 'Illustrative: write to schools about attendance');
	await page.fill('#owner', 'Jane Smith');
	await page.selectOption('#agency', 'education');
	response = await submit(page, 'Add decision');
	assert.equal(response.status(), 422, 'a person as owner');
	await errorAt(page, 'owner', /looks like a person's name/, 'the owner');
	await checkWidths(page, 'a refused decision');
	await page.fill('#owner', 'Head of Education Safeguarding');
	await page.fill('#due', '2027-01-31');
	response = await submit(page, 'Add decision');
	assert.equal(response.status(), 200, 'the decision added');
	let decisions = await rows(page, 'decisions');
	assert.equal(decisions.length, 1);
	assert.match(decisions[0][3], /Open/, 'open');

	await page.selectOption('#number', '1');
	await page.fill('#done-on', '2026-11-20');
	response = await submit(page, 'Mark done');
	assert.equal(response.status(), 200, 'marked done');
	decisions = await rows(page, 'decisions');
	assert.match(decisions[0][3], /Done/, 'done');

	await page.selectOption('#kind', 'audit');
	await page.fill('#reference', 'MAA-1999-01');
	response = await submit(page, 'Record report');
	assert.equal(response.status(), 422, 'an audit that does not exist');
	await errorAt(page, 'reference', /does not exist/, 'the report');
	await page.selectOption('#kind', 'pack');
	await page.fill('#reference', '2026Q2');
	response = await submit(page, 'Record report');
	assert.equal(response.status(), 200, 'the pack received');
	assert.equal(await page.locator('#received a[href="/reports/2026Q2/vital-signs.html"]').count(), 1,
		'linked to the pack');
	await checkWidths(page, 'a meeting for the analyst');

	await page.goto('/groups/executive');
	const held = await rows(page, 'meetings-held');
	assert.equal(held[0][0], '16 November 2026', 'the newest first');
	assert.equal(held[0][2], 'No', 'not quorate');
	await checkWidths(page, 'a group for the analyst');
});

test('an agency lead reads but changes nothing', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	let response = await page.goto('/groups');
	assert.equal(response.status(), 200);
	await checkWidths(page, 'the groups for a lead');
	response = await page.goto('/groups/partnership');
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('#add').count(), 0, 'no form to add a meeting');
	await checkWidths(page, 'a group for a lead');
	const link = await page.locator('#meetings-held a').first().getAttribute('href');
	response = await page.goto(link);
	assert.equal(response.status(), 200, 'a meeting');
	assert.equal(await page.locator('#record-attendance').count(), 0, 'no attendance form');
	await checkWidths(page, 'a meeting for a lead');
	const csrf = await csrfOf(page);
	response = await page.request.post('/groups/partnership/meetings', { maxRedirects: 0, form: {
		csrf, ref: 'partnership-2027-06-14', date: '2027-06-14' } });
	assert.equal(response.status(), 403, 'adding a meeting');
	response = await page.request.post(`${link}/decisions`, { maxRedirects: 0, form: {
		csrf, text: 'Illustrative', owner: 'Chair', agency: 'police' } });
	assert.equal(response.status(), 403, 'a decision');
	response = await page.goto('/groups/partnership/meetings/partnership-2027-06-14');
	assert.equal(response.status(), 404, 'nothing added');
});

run();
