'use strict';
// The escalations and disputes register on the web: an escalation raised
// through its form (a missing date said at its field, a name-like role
// refused and not said back), escalated and resolved on its record; a
// stage past its timescale flagged on the record, in the register and on
// the chair's home (and the analyst's, as far as the library lets an
// analyst see escalations); who may see and change what (an agency lead
// changes only what its agency raised, even by posting the form, and
// sees only what its agency raised or is about); the causes by quarter;
// and axe finding nothing at 320 and 1280 px.
// The day is Monday 23 November 2026 (run.sh).  The references are the
// test's own, so that escalations the demo may hold change nothing.
const {
	test, run, assert, checkAxe, navigating, signIn, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const PAST = 'ESC-WEB-01';	// police about children's social care
const SOON = 'ESC-WEB-02';	// health about the police
const DONE = 'ESC-WEB-03';	// education about health

// The register's rows of the test's own escalations, cell by cell.
async function rows(page) {
	const all = await page.locator('#escalations tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
	return all.filter((r) => r[0].startsWith('ESC-WEB-'));
}

// The timeline's stages, each as its words on one line.
async function timeline(page) {
	return (await page.locator('#timeline > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

test('an agency lead raises an escalation for its own agency, its errors at their fields', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	let response = await page.goto('/escalations');
	assert.equal(response.status(), 200, 'GET /escalations');
	assert.match(await page.locator('#raised-by-fixed').innerText(), /Surrey Police/,
		'the lead raises for its own agency');
	assert.equal(await page.locator('select#raised_by').count(), 0, 'no choice of agency');
	await checkWidths(page, 'the register with its form');

	// No date: said at the date's field, what was typed kept.
	await page.fill('#ref', PAST);
	await page.fill('#raised_role', 'designated safeguarding lead');
	await page.selectOption('#about', 'scc-csc');
	await page.selectOption('#theme', 'thresholds');
	response = await submit(page, 'Raise escalation', { exact: true });
	assert.equal(response.status(), 422, 'an escalation without a date');
	await errorAt(page, 'raised', /say when it was raised/, 'no date');
	assert.equal(await page.locator('#ref').inputValue(), PAST, 'the reference kept');
	assert.equal(await page.locator('#about').inputValue(), 'scc-csc', 'the agency kept');
	await checkWidths(page, 'the raise form with an error');

	// A name as the role is refused, and not said back.
	await page.fill('#raised', '2026-11-02');
	await page.fill('#raised_role', 'Jane Smith');
	response = await submit(page, 'Raise escalation', { exact: true });
	assert.equal(response.status(), 422, 'a name as the role');
	await errorAt(page, 'raised_role', /looks like a person's name/, 'a name');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');

	// A date that is none, at its field.
	await page.fill('#raised_role', 'designated safeguarding lead');
	await page.fill('#raised', '2026-02-30');
	response = await submit(page, 'Raise escalation', { exact: true });
	assert.equal(response.status(), 422, 'a date that is none');
	await errorAt(page, 'raised', /is not a date/, 'a bad date');

	// Another agency posted as the raiser is the lead's own all the same.
	await page.fill('#raised', '2026-11-02');
	await page.fill('#summary', 'Threshold for a strategy discussion disputed');
	response = await submit(page, 'Raise escalation', { exact: true });
	assert.equal(response.status(), 200, 'the escalation raised');
	assert.equal(new URL(page.url()).pathname, `/escalations/${PAST}`, 'on the record');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Escalation raised/);
	const summary = await page.locator('.govuk-summary-list').first().innerText();
	assert.match(summary, /2 November 2026/, 'raised in words');
	assert.match(await page.locator('#esc-by').innerText(), /Surrey Police/);
	assert.match(await page.locator('#esc-stage').innerText(), /1 \(Practitioner to practitioner\)\s+Past timescale/);
	assert.equal(JSON.stringify(await timeline(page)), JSON.stringify([
		'Stage 1: Practitioner to practitioner Reached 2 November 2026 Note None Timescale 5 working days '
		+ 'Due 9 November 2026 Done Not yet State Past timescale 10 working days over']), 'stage 1 and its clock');
	await checkWidths(page, 'a new escalation\'s record');
});

test('escalated past its timescale: on the record, in the register and on the homes', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	await page.goto(`/escalations/${PAST}`);
	// No date: said at the date.
	await page.fill('#note', 'Team managers to meet');
	let response = await submit(page, 'Escalate', { exact: true });
	assert.equal(response.status(), 422, 'escalated without a date');
	await errorAt(page, 'date', /say when it was escalated/, 'no date');
	assert.equal(await page.locator('#note').inputValue(), 'Team managers to meet', 'the note kept');
	// Before stage 1: out of order, said at the date.
	await page.fill('#date', '2026-10-01');
	response = await submit(page, 'Escalate', { exact: true });
	assert.equal(response.status(), 422, 'escalated before it was raised');
	await errorAt(page, 'date', /comes before/, 'out of order');
	await checkWidths(page, 'the escalate form with an error');

	await page.fill('#date', '2026-11-10');
	response = await submit(page, 'Escalate', { exact: true });
	assert.equal(response.status(), 200, 'escalated');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Escalated to the next stage/);
	assert.equal(JSON.stringify(await timeline(page)), JSON.stringify([
		'Stage 1: Practitioner to practitioner Reached 2 November 2026 Note None Timescale 5 working days '
		+ 'Due 9 November 2026 Done 10 November 2026 State Escalated late',
		'Stage 2: Manager to manager Reached 10 November 2026 Note Team managers to meet '
		+ 'Timescale 5 working days Due 17 November 2026 Done Not yet State Past timescale 4 working days over',
	]), 'the stages');

	// The chair's home flags it; the analyst's as far as the analyst may
	// see it (the library's rule).
	const chair = await ctx.signedIn('chair');
	const flag = /Past timescale\s+ESC-WEB-01: stage 2 \(Manager to manager\) past its timescale \(due 17 November 2026\)/;
	assert.match(await chair.locator('#tasks').innerText(), flag, 'the chair\'s home');
	assert.equal(await chair.locator('#tasks a', { hasText: PAST }).getAttribute('href'), `/escalations/${PAST}`);
	await checkAxe(chair, 'the chair\'s home with an escalation past its timescale');
	const analyst = await ctx.signedIn('analyst');
	const seen = (await analyst.request.get(`/escalations/${PAST}`)).status();
	assert.ok(seen === 200 || seen === 403, 'the analyst sees it or is refused');
	await analyst.goto('/');
	const home = await analyst.locator('#tasks').innerText();
	if (seen === 200)
		assert.match(home, flag, 'the analyst\'s home');
	else
		assert.ok(!home.includes(PAST), 'not on the home of an analyst who may not see it');

	// In the register, for the chair.
	await chair.goto('/escalations?past=1');
	const got = await rows(chair);
	assert.equal(got.length, 1, 'past its timescale');
	assert.equal(got[0][0], PAST);
	assert.equal(got[0][1], '2 November 2026', 'raised in words');
	assert.match(got[0][2], /Surrey Police\s+designated safeguarding lead/, 'by, and the role');
	assert.match(got[0][3], /Children's Social Care|Surrey/, 'about');
	assert.equal(got[0][5], '2 (Manager to manager)', 'the stage');
	assert.equal(got[0][6], 'Due 17 November 2026 Past timescale', 'the clock');
	await checkWidths(chair, 'the register filtered');
});

test('the partnership raises, and resolves; the register filters and sorts', async (ctx) => {
	const analyst = await ctx.signedIn('analyst');
	await analyst.goto('/escalations');
	const csrf = await csrfOf(analyst);
	let response = await analyst.request.post('/escalations', { maxRedirects: 0, form: {
		csrf, ref: SOON, raised: '2026-11-18', raised_by: 'health-heartlands',
		raised_role: 'named nurse', about: 'police', theme: 'information-sharing' } });
	assert.equal(response.status(), 303, 'an escalation raised by the analyst');
	const admin = await ctx.signedIn('admin');
	await admin.goto('/escalations');
	assert.equal(await admin.locator('select#raised_by').count(), 1, 'the administrator chooses the agency');
	await admin.fill('#ref', DONE);
	await admin.fill('#raised', '2026-11-03');
	await admin.selectOption('#raised_by', 'education');
	await admin.fill('#raised_role', 'designated safeguarding lead');
	await admin.selectOption('#about', 'health-heartlands');
	await admin.selectOption('#theme', 'attendance');
	response = await submit(admin, 'Raise escalation', { exact: true });
	assert.equal(response.status(), 200, 'raised by the administrator');

	// Resolved: without an outcome, said at the outcome; then resolved.
	await admin.fill('#resolved', '2026-11-05');
	response = await submit(admin, 'Resolve', { exact: true });
	assert.equal(response.status(), 422, 'resolved without an outcome');
	await errorAt(admin, 'outcome', /outcome/i, 'no outcome');
	await checkWidths(admin, 'the resolve form with an error');
	await admin.selectOption('#outcome', 'agreed');
	await admin.fill('#resolution', 'Attendance plan agreed at the school');
	response = await submit(admin, 'Resolve', { exact: true });
	assert.equal(response.status(), 200, 'resolved');
	assert.match(await admin.locator('.govuk-notification-banner').innerText(), /Escalation resolved/);
	assert.match(await admin.locator('#esc-outcome').innerText(), /Agreed/);
	assert.match(await admin.locator('#esc-stage').innerText(), /Resolved: Agreed/);
	assert.match((await timeline(admin))[0], /Done 5 November 2026 State Resolved in time$/, 'resolved in time');
	assert.equal(await admin.locator('#escalate').count(), 0, 'no escalate form once resolved');
	assert.equal(await admin.locator('#resolve').count(), 0, 'no resolve form once resolved');

	const page = await ctx.signedIn('scrutineer');
	response = await page.goto('/escalations');
	assert.equal(response.status(), 200, 'the scrutineer reads the register');
	assert.equal(await page.locator('form[action="/escalations"][method="post"]').count(), 0, 'no raise form');
	const all = await rows(page);
	assert.equal(JSON.stringify(all.map((r) => r[0])), JSON.stringify([PAST, SOON, DONE]), 'the three, as raised');
	const soon = all.find((r) => r[0] === SOON);
	assert.equal(soon[6], 'Due 25 November 2026 Due soon', 'due within 2 working days');
	const done = all.find((r) => r[0] === DONE);
	assert.equal(done[6], 'On 5 November 2026 Resolved: Agreed', 'resolved');
	await checkWidths(page, 'the register');

	for (const [query, want] of [['state=open', [PAST, SOON]], ['state=resolved', [DONE]],
		['in-theme=attendance', [DONE]], ['by=police', [PAST]], ['about-agency=police', [SOON]],
		['stage=2', [PAST]], ['past=1', [PAST]], ['sort=ref&dir=desc', [DONE, SOON, PAST]],
		['sort=raised', [PAST, DONE, SOON]], ['sort=due', [PAST, SOON, DONE]]]) {
		response = await page.goto(`/escalations?${query}`);
		assert.equal(response.status(), 200, `GET /escalations?${query}`);
		const got = (await rows(page)).map((r) => r[0]);
		assert.equal(JSON.stringify(got), JSON.stringify(want), `/escalations?${query}`);
	}
	await page.goto('/escalations?sort=stage');
	assert.match(await page.locator('th[aria-sort="ascending"]').innerText(), /^Stage/);
	for (const [query, field] of [['state=shut', 'state'], ['in-theme=colour', 'in-theme'],
		['by=nobody', 'by'], ['stage=9', 'stage'], ['sort=colour', 'sort'], ['page=99', 'page']]) {
		response = await page.goto(`/escalations?${query}`);
		assert.equal(response.status(), 400, `GET /escalations?${query}`);
		assert.equal(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1,
			`${query}: the summary links to #${field}`);
		assert.equal(await page.locator('#escalations').count(), 0, `${query}: no table`);
	}
	response = await page.goto(`/escalations/${PAST}`);
	assert.equal(response.status(), 200, 'the scrutineer reads a record');
	assert.equal(await page.locator('#escalate').count(), 0, 'no escalate form for the scrutineer');
	const csrfS = await csrfOf(page);
	response = await page.request.post(`/escalations/${PAST}/resolve`, { maxRedirects: 0, form: {
		csrf: csrfS, resolved: '2026-11-20', outcome: 'withdrawn' } });
	assert.equal(response.status(), 403, 'the scrutineer reads only');
});

test('an agency lead changes only what its agency raised, and sees only its own', async (ctx) => {
	const police = await signedInAs(ctx, 'police-lead@demo.invalid');
	await police.goto('/escalations');
	assert.equal(JSON.stringify((await rows(police)).map((r) => r[0])), JSON.stringify([PAST, SOON]),
		'raised by the police, and about them');
	let response = await police.goto(`/escalations/${SOON}`);
	assert.equal(response.status(), 200, 'the police read the one about them');
	assert.equal(await police.locator('#escalate').count(), 0, 'no escalate form');
	assert.equal(await police.locator('#resolve').count(), 0, 'no resolve form');
	const csrf = await csrfOf(police);
	response = await police.request.post(`/escalations/${SOON}/escalate`, { maxRedirects: 0, form: {
		csrf, date: '2026-11-20' } });
	assert.equal(response.status(), 403, 'another agency\'s escalation escalated by posting');
	response = await police.request.post(`/escalations/${SOON}/resolve`, { maxRedirects: 0, form: {
		csrf, resolved: '2026-11-20', outcome: 'withdrawn' } });
	assert.equal(response.status(), 403, 'another agency\'s escalation resolved by posting');
	response = await police.goto(`/escalations/${DONE}`);
	assert.equal(response.status(), 403, 'one its agency neither raised nor is about');
	response = await police.request.post(`/escalations/${DONE}/escalate`, { maxRedirects: 0, form: {
		csrf, date: '2026-11-20' } });
	assert.equal(response.status(), 403, 'posting to one it may not see');

	// Raising for another agency: the lead's own is recorded.
	await police.goto('/escalations');
	response = await police.request.post('/escalations', { maxRedirects: 0, form: {
		csrf, ref: 'ESC-WEB-04', raised: '2026-11-20', raised_by: 'education',
		raised_role: 'inspector', about: 'education', theme: 'other' } });
	assert.equal(response.status(), 303, 'raised');
	await police.goto('/escalations/ESC-WEB-04');
	assert.match(await police.locator('#esc-by').innerText(), /Surrey Police/, 'raised by the lead\'s own agency');

	// The agency it is about reads, and may not change it.
	const csc = await signedInAs(ctx, 'csc-lead@demo.invalid');
	response = await csc.goto(`/escalations/${PAST}`);
	assert.equal(response.status(), 200, 'children\'s social care reads the one about it');
	response = await csc.request.post(`/escalations/${PAST}/resolve`, { maxRedirects: 0, form: {
		csrf: await csrfOf(csc), resolved: '2026-11-20', outcome: 'withdrawn' } });
	assert.equal(response.status(), 403, 'the agency it is about cannot resolve it');

	const viewer = await ctx.signedIn('viewer');
	response = await viewer.goto('/escalations');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await viewer.locator('nav[aria-label="Vitals"] a[href="/escalations"]').count(), 0,
		'no link for a viewer');

	// Nothing was changed by the refused posts.
	const chair = await ctx.signedIn('chair');
	await chair.goto(`/escalations/${SOON}`);
	assert.match(await chair.locator('#esc-stage').innerText(), /^1 \(/, 'still at stage 1');
	assert.match(await chair.locator('#esc-outcome').innerText(), /Not yet resolved/);
	await chair.goto(`/escalations/${PAST}`);
	assert.match(await chair.locator('#esc-outcome').innerText(), /Not yet resolved/);
});

test('the causes by quarter, for the chair and for an agency lead', async (ctx) => {
	const chair = await ctx.signedIn('chair');
	await chair.goto('/escalations');
	await navigating(chair, () => chair.getByRole('link', { name: 'Causes of escalations by quarter' }).click());
	assert.equal(new URL(chair.url()).pathname, '/escalations/causes');
	assert.match(await chair.locator('#trend').innerText(), /too few to judge a trend|quarters the escalations raised show/);
	const quarter = async (page, id) => page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th, td')].map((td) => td.innerText.trim())));
	const headers = async (page, id) => (await page.locator(`#${id} thead th`).allInnerTexts()).map((s) => s.trim());
	const themes = await headers(chair, 'by-theme');
	const q3 = (await quarter(chair, 'by-theme')).find((r) => r[0] === '2026-27 Q3');
	assert.ok(q3, 'the quarter of October to December 2026');
	// The demo partnership names its themes: the columns say the names.
	assert.ok(Number(q3[themes.indexOf('Thresholds')]) >= 1, 'thresholds counted');
	assert.ok(Number(q3[themes.indexOf('Attendance at meetings')]) >= 1, 'attendance counted');
	assert.ok(Number(q3[q3.length - 1]) >= 3, 'the total');
	const stages = await headers(chair, 'by-stage');
	const s3 = (await quarter(chair, 'by-stage')).find((r) => r[0] === '2026-27 Q3');
	assert.ok(Number(s3[stages.indexOf('2 (Manager to manager)')]) >= 1, 'stage 2 reached');
	assert.equal(await chair.locator('#by-about').count(), 1, 'by agency about');
	await checkWidths(chair, 'the causes');

	// Education's lead counts only what its agency raised or is about.
	const education = await signedInAs(ctx, 'education-lead@demo.invalid');
	const response = await education.goto('/escalations/causes');
	assert.equal(response.status(), 200, 'an agency lead\'s causes');
	const e3 = (await quarter(education, 'by-theme')).find((r) => r[0] === '2026-27 Q3');
	const eth = await headers(education, 'by-theme');
	// The police's escalation about another agency is not counted for
	// education (the demo's own, raised by education, may be).
	assert.ok(Number(e3[eth.indexOf('Thresholds')]) < Number(q3[themes.indexOf('Thresholds')]),
		'not the police\'s escalation');
	assert.equal(Number(e3[eth.indexOf('Attendance at meetings')]) >= 1, true, 'its own');
	const viewer = await ctx.signedIn('viewer');
	assert.equal((await viewer.goto('/escalations/causes')).status(), 403, 'not for a viewer');
});

test('the register pages 25 escalations at a time, the sort kept across pages', async (ctx) => {
	const analyst = await ctx.signedIn('analyst');
	await analyst.goto('/escalations');
	const csrf = await csrfOf(analyst);
	for (let i = 10; i < 34; i++) {
		const response = await analyst.request.post('/escalations', { maxRedirects: 0, form: {
			csrf, ref: `ESC-WEB-${i}`, raised: '2026-09-01', raised_by: 'police',
			raised_role: 'inspector', about: 'education', theme: 'other' } });
		assert.equal(response.status(), 303, `escalation ${i} raised`);
	}
	const page = await ctx.signedIn('chair');
	await page.goto('/escalations?sort=ref&dir=desc');
	const total = Number((await page.locator('#showing').innerText()).match(/of (\d+) escalations/)[1]);
	assert.ok(total >= 26, `${total} escalations, more than a page`);
	assert.match(await page.locator('#showing').innerText(), /^Showing 1 to 25 of/);
	const first = await page.locator('#escalations tbody tr td:first-child').allInnerTexts();
	assert.equal(first.length, 25, '25 on the first page');
	await navigating(page, () => page.locator('.govuk-pagination__next a').click());
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('page'), '2', 'page 2');
	assert.equal(url.searchParams.get('sort'), 'ref', 'Next keeps the sort');
	assert.equal(url.searchParams.get('dir'), 'desc', 'and its order');
	const second = await page.locator('#escalations tbody tr td:first-child').allInnerTexts();
	const all = first.concat(second).map((s) => s.trim());
	assert.equal(new Set(all).size, all.length, 'each escalation once');
	assert.equal(JSON.stringify(all), JSON.stringify([...all].sort().reverse()), 'references descending across the pages');
	await checkWidths(page, 'page 2 of the register');
});

run();
