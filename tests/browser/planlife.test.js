'use strict';
// Plans have a life on the web: the action tracker leaves out the actions
// of plans over before today unless "Include closed and past plans" is
// ticked; an action's page shows its plan's status and dates and sets how
// often it is reviewed and the day it was discharged (a date that is none,
// or one before its first update, said at its field); a discharged action
// keeps its rating and the tracker says "Discharged on"; an agency lead
// may not change another agency's action; axe finds nothing at 320 and
// 1280 px.  The day is Monday 23 November 2026 (run.sh).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
	test, run, assert, navigating, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const demo = JSON.parse(fs.readFileSync(path.join(process.env.VT_SOURCE_DIR,
	'data/demo/partnership.json'), 'utf8'));
const today = '2026-11-23';
// A plan whose dates ended before today, and one of its actions.
const past = demo.plans.find((p) => p.ends && p.ends < today && (p.status || 'current') !== 'draft');
const pastAction = past && demo.actions.find((a) => a.plan === past.code);
// A police action in a plan in force, with updates, not yet discharged.
const live = demo.plans.find((p) => (p.status || 'current') === 'current' && (!p.ends || p.ends >= today)
	&& demo.actions.some((a) => a.plan === p.code && a.agency === 'police' && !a.discharged
		&& (a.updates || []).length));
const action = demo.actions.find((a) => a.plan === live.code && a.agency === 'police' && !a.discharged
	&& (a.updates || []).length);
const firstUpdate = action.updates.map((u) => u.date).sort()[0];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
	'September', 'October', 'November', 'December'];
// "2026-03-12" as the pages say it: "12 March 2026".
function words(day) {
	const [y, m, d] = day.split('-').map(Number);
	return `${d} ${MONTHS[m - 1]} ${y}`;
}

async function refs(page) {
	return page.locator('#actions tbody tr td:first-child').allInnerTexts();
}

test('the tracker leaves out past plans\' actions unless asked', async (ctx) => {
	assert.ok(pastAction, 'the demo has an action of a plan that has ended');
	const page = await signedInAs(ctx, ctx.user('analyst').email);
	// A plan named is shown whole: its history is what was asked for.
	let response = await page.goto(`/actions?plan=${past.code}`);
	assert.equal(response.status(), 200, 'GET /actions of a past plan');
	assert.ok((await refs(page)).includes(pastAction.code), `${past.code} named shows its actions`);
	response = await page.goto(`/actions?q=${pastAction.code}`);
	assert.equal(response.status(), 200, 'GET /actions searched');
	assert.equal(await page.locator('#no-actions').count(), 1,
		`${pastAction.code} is not in the default view`);
	await page.check('#closed');
	response = await submit(page, 'Filter', { exact: true });
	assert.equal(response.status(), 200, 'the filter with closed plans');
	assert.ok((await refs(page)).includes(pastAction.code), `${pastAction.code} is listed when asked`);
	assert.match(page.url(), /closed=1/, 'the address keeps the choice');
	await checkWidths(page, 'the tracker with closed plans');
});

test('an action\'s review cadence and discharge set on its page', async (ctx) => {
	const page = await signedInAs(ctx, ctx.user('analyst').email);
	let response = await page.goto(`/actions/${action.code}`);
	assert.equal(response.status(), 200, `GET /actions/${action.code}`);
	assert.match(await page.locator('#plan-now').innerText(), /current/, 'the plan\'s status shown');
	assert.equal(await page.locator('#discharged-now').innerText(), 'No', 'not discharged');
	await checkWidths(page, 'the action with its review form');

	// A date that is none, then one before the first update: at the field.
	await page.fill('#discharged', '2026-02-30');
	response = await submit(page, 'Save review and discharge');
	assert.equal(response.status(), 422, 'a date that is none');
	await errorAt(page, 'discharged', /is not a date/, 'a bad date');
	await checkWidths(page, 'the review form with an error');
	await page.fill('#discharged', '2020-01-01');
	response = await submit(page, 'Save review and discharge');
	assert.equal(response.status(), 422, 'a discharge before the first update');
	await errorAt(page, 'discharged', new RegExp(`before the action's first update, ${firstUpdate}`),
		'too early');

	// Quarterly, and discharged on the day of its latest update.
	const latest = action.updates.map((u) => u.date).sort().pop();
	await page.check('input[name="cadence"][value="quarterly"]');
	await page.fill('#discharged', latest);
	response = await submit(page, 'Save review and discharge');
	assert.equal(response.status(), 200, 'saved');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Review and discharge saved/);
	assert.equal(await page.locator('#cadence-now').innerText(), 'Quarterly');
	assert.ok((await page.locator('#discharged-now').innerText()) !== 'No', 'discharged');

	// The tracker: the same rating, said discharged, neither overdue nor stale.
	response = await page.goto(`/actions?plan=${live.code}&q=${encodeURIComponent(action.code)}`);
	const row = page.locator('#actions tbody tr', { hasText: action.code }).first();
	const cells = await row.locator('td').allInnerTexts();
	assert.equal(cells[3].trim(), action.rag, 'the rating kept');
	assert.match(cells[cells.length - 1], new RegExp(`Discharged on ${words(latest)}`), 'said discharged');
	assert.match(await page.locator('#counts').innerText(), /1 discharged/, 'counted apart');
	await checkWidths(page, 'the tracker with a discharged action');

	// Cleared again.
	await page.goto(`/actions/${action.code}`);
	await page.fill('#discharged', '');
	response = await submit(page, 'Save review and discharge');
	assert.equal(response.status(), 200, 'cleared');
	assert.equal(await page.locator('#discharged-now').innerText(), 'No', 'no longer discharged');
});

test('an agency lead may not change another agency\'s action', async (ctx) => {
	const page = await signedInAs(ctx, 'csc-lead@demo.invalid');
	await page.goto(`/actions/${action.code}`);
	assert.equal(await page.locator('#discharged').count(), 0, 'no review form for another agency');
	const csrf = await page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
	const response = await page.request.post(`/actions/${action.code}/life`,
		{ form: { csrf, cadence: 'quarterly', discharged: '' } });
	assert.equal(response.status(), 403, 'posting the form anyway');
});

test('the measures page gives plans\' status and dates, and lists closed plans apart', async (ctx) => {
	// The plan that ended, closed: kept as history, out of the quarter.
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planlife-')), 'closed.json');
	fs.writeFileSync(file, JSON.stringify({ vitals: 1, plans: [{ ...past, status: 'closed' }] }));
	execFileSync(process.env.VITALS, ['--db', process.env.DB, 'load', file], { stdio: 'ignore' });
	const page = await signedInAs(ctx, ctx.user('analyst').email);
	const response = await page.goto('/measures');
	assert.equal(response.status(), 200, 'GET /measures');
	assert.equal(await page.locator('#closed-plans').count(), 1, 'a Closed plans heading');
	// (the plan's heading between "Closed plans" and the next section)
	const closed = await page.evaluate((title) => {
		let n = 0;
		for (let e = document.getElementById('closed-plans').nextElementSibling;
			e && e.tagName !== 'H2'; e = e.nextElementSibling)
			n += e.tagName === 'H3' && e.textContent.includes(title);
		return n;
	}, past.title);
	assert.equal(closed, 1, `${past.title} under Closed plans`);
	const body = await page.locator('main').innerText();
	assert.ok(body.includes(`Closed, from ${words(past.starts)} to ${words(past.ends)}`), 'its status and dates');
	assert.match(body, /\bCurrent\b/, 'a current plan says so');
	await checkWidths(page, 'the measures with closed plans');
});

run();
