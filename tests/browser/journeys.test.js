'use strict';
// The journeys of the people who use Vitals: an agency lead's return
// (form, errors, upload), an analyst sending it back, a monthly action
// update, a challenge and its answer, a challenge on a case review; a
// running quarter's return opened early for one agency; role and CSRF
// refusals; the return journey again with JavaScript off.  axe checks
// every page on the way.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { test, run, assert, checkAxe, signIn, navigating } = require('./lib');

const RETURN = '/returns/police/2026Q3';

// Submit the form holding SELECTOR with the keyboard: focus its button,
// press Enter; the response of the page it leads to.
async function submitWith(page, buttonName) {
	await page.getByRole('button', { name: buttonName }).focus();
	return navigating(page, () => page.keyboard.press('Enter'));
}

// Type into a field with the keyboard, replacing what was there.
async function typeInto(page, selector, text) {
	await page.focus(selector);
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Delete');
	await page.keyboard.type(text);
}

async function signedInAs(ctx, email, options) {
	const u = ctx.users.find((x) => x.email === email);
	assert.ok(u, `a demo user ${email}`);
	const page = await ctx.newPage(options);
	await signIn(page, u.email, u.password);
	return page;
}

// A long-form return as a workbook, made by LibreOffice from CSV.
function workbook(name, csv) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-xlsx-'));
	fs.writeFileSync(path.join(dir, `${name}.csv`), csv);
	execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless',
		'--convert-to', 'xlsx', '--outdir', dir, path.join(dir, `${name}.csv`)],
	{ stdio: 'ignore', timeout: 120000 });
	const file = path.join(dir, `${name}.xlsx`);
	assert.ok(fs.existsSync(file), `LibreOffice made ${file}`);
	return file;
}

// axe needs scripts: with JavaScript off the same pages were checked with it on.
async function returnJourney(page, field, good, axe = true) {
	let response = await page.goto(RETURN);
	assert.equal(response.status(), 200, `GET ${RETURN}`);
	if (axe)
		await checkAxe(page, 'the return page');
	await typeInto(page, `#${field}`, 'abc');
	response = await submitWith(page, 'Continue');
	assert.equal(response.status(), 422, 'a return with a bad value');
	const link = page.locator(`.govuk-error-summary a[href="#${field}"]`);
	assert.match(await link.innerText(), /'abc' is not a number/, 'the error summary names the problem');
	assert.match(await page.locator(`#${field}-error`).innerText(), /'abc' is not a number/,
		'the error is shown against its field');
	assert.equal(await page.locator(`#${field}`).getAttribute('aria-describedby'), `${field}-error`,
		'the field is described by its error');
	assert.equal(await page.locator(`#${field}`).inputValue(), 'abc', 'what was typed is kept');
	if (axe)
		await checkAxe(page, 'the return page with an error');
	await typeInto(page, `#${field}`, good);
	// Checked before it is sent: the change, before and after.
	response = await submitWith(page, 'Continue');
	assert.equal(response.status(), 200, 'the return to check');
	assert.match(await page.locator('h1').innerText(), /^Check the return before you submit it$/, 'the check page');
	assert.match(await page.locator('main .govuk-summary-list').innerText(), new RegExp(`\u2192 ${good}`),
		'the figure as it will be');
	if (axe)
		await checkAxe(page, 'checking the return');
	// Changed once more, and checked again.
	await submitWith(page, 'Change the return');
	assert.equal(await page.locator(`#${field}`).inputValue(), good, 'back at the form, as typed');
	await submitWith(page, 'Continue');
	response = await submitWith(page, 'Submit return');
	assert.equal(response.status(), 200, 'the submitted return');
	assert.match(page.url(), /done=submitted$/, 'after submitting, the address');
	assert.equal(await page.locator('#return-status').innerText(), 'submitted', 'the status');
	assert.equal(await page.locator(`#${field}`).inputValue(), good, 'the value stored');
	if (axe)
		await checkAxe(page, 'the submitted return');
}

test('an agency lead submits a return: a bad value is shown at its field, mended, submitted', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	await returnJourney(page, 'value-0', '13');
});

test('an agency lead uploads a workbook: refused with its cell named, then accepted', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	await page.goto(RETURN);
	const bad = workbook('q3-bad', 'agency,measure,period,value\npolice,pol-m2,2026Q3,abc\n');
	await page.setInputFiles('#file', bad);
	let response = await submitWith(page, 'Upload');
	assert.equal(response.status(), 422, 'a workbook with a bad value');
	assert.match(await page.locator('.govuk-error-summary').innerText(),
		/q3-bad\.xlsx:[^!]+!D2: 'abc' is not a number/, 'the problem names the file and cell');
	await checkAxe(page, 'the refused upload');
	const good = workbook('q3', 'agency,measure,period,value\npolice,pol-m2,2026Q3,21\n');
	await page.setInputFiles('#file', good);
	response = await submitWith(page, 'Upload');
	assert.equal(response.status(), 200, 'the uploaded return');
	assert.match(page.url(), /done=uploaded$/, 'after uploading, the address');
	assert.equal(await page.locator('#value-1').inputValue(), '21', 'the uploaded figure');
});

test('an analyst returns it with a reason, and the agency lead sees the reason', async (ctx) => {
	const analyst = await signedInAs(ctx, 'analyst@demo.invalid');
	await analyst.goto(RETURN);
	await checkAxe(analyst, 'the return page for an analyst');
	await typeInto(analyst, '#reason', 'The August figure does not match the sub-group report');
	const response = await submitWith(analyst, 'Return to agency');
	assert.equal(response.status(), 200, 'after returning it');
	assert.equal(await analyst.locator('#return-status').innerText(), 'returned', 'the status');
	const lead = await signedInAs(ctx, 'police-lead@demo.invalid');
	await lead.goto(RETURN);
	assert.equal(await lead.locator('#return-reason').innerText(),
		'The August figure does not match the sub-group report', 'the reason the lead reads');
	await lead.goto('/returns?period=2026Q3');
	await checkAxe(lead, 'the returns status page');
});

test('an agency lead rates an action red: a note is needed, then the update is kept', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	await page.goto('/actions?agency=police');
	await checkAxe(page, 'the action tracker');
	let response = await page.goto('/actions/pol-a1');
	assert.equal(response.status(), 200, 'the action page');
	await checkAxe(page, 'the action page');
	await page.focus('#rag-red');
	await page.keyboard.press('Space');
	await typeInto(page, '#note', '');
	response = await submitWith(page, 'Save update');
	assert.equal(response.status(), 422, 'red without a note');
	assert.match(await page.locator('.govuk-error-summary').innerText(), /note/i, 'the reason');
	await checkAxe(page, 'the refused update');
	await typeInto(page, '#note', 'Training slipped: two trainers off sick');
	response = await submitWith(page, 'Save update');
	assert.equal(response.status(), 200, 'after the update');
	assert.equal(await page.locator('#rag-now').innerText(), 'red', 'the rating now');
	assert.match(await page.locator('#done').innerText(), /Monthly update saved/, 'it says the update was saved');
	assert.match(await page.locator('#history tbody tr').first().innerText(), /Training slipped/,
		'the newest update in the history');
});

test('a scrutineer raises a challenge and the agency lead answers it', async (ctx) => {
	const scrutineer = await ctx.signedIn('scrutineer');
	await scrutineer.goto('/challenges');
	await checkAxe(scrutineer, 'the challenge log');
	await typeInto(scrutineer, '#on', 'action:pol-a1');
	await typeInto(scrutineer, '#text', 'Why has the training slipped twice?');
	let response = await submitWith(scrutineer, 'Raise challenge');
	assert.equal(response.status(), 200, 'the new challenge');
	const address = new URL(scrutineer.url()).pathname;
	assert.match(address, /^\/challenges\/\d+$/, 'the challenge has an address');
	assert.match(await scrutineer.locator('#done').innerText(), /Challenge raised/, 'it says it was raised');
	assert.match(await scrutineer.locator('main').innerText(), /\d{1,2} [A-Z][a-z]+ \d{4} by/, 'raised on a day in words');
	assert.equal(await scrutineer.locator('#challenge-status').innerText(), 'open', 'its status');
	await checkAxe(scrutineer, 'a challenge');
	const lead = await signedInAs(ctx, 'police-lead@demo.invalid');
	await lead.goto(address);
	await typeInto(lead, '#text', 'Two trainers were off sick; new dates are set for January');
	response = await submitWith(lead, 'Send response');
	assert.equal(response.status(), 200, 'after answering');
	assert.equal(await lead.locator('#challenge-status').innerText(), 'answered', 'its status');
	assert.match(await lead.locator('#done').innerText(), /Response sent/, 'it says the response was sent');
	assert.match(await lead.locator('#responses').innerText(), /new dates are set for January/,
		'the answer is in its history');
});

test('a challenge on a case review links to the review, and no agency lead answers it', async (ctx) => {
	// The review added on the command line, beside the server.
	execFileSync(process.env.VITALS, ['--db', process.env.DB, 'reviews', 'add', 'CSPR-2026-04',
		'--aware', '2026-11-02', '--agency', 'police'], { stdio: 'ignore' });
	const scrutineer = await ctx.signedIn('scrutineer');
	await scrutineer.goto('/challenges');
	await typeInto(scrutineer, '#on', 'review:CSPR-2026-04');
	await typeInto(scrutineer, '#text', 'When will the learning reach front-line practice?');
	const response = await submitWith(scrutineer, 'Raise challenge');
	assert.equal(response.status(), 200, 'the new challenge');
	const address = new URL(scrutineer.url()).pathname;
	assert.match(address, /^\/challenges\/\d+$/, 'the challenge has an address');
	const link = scrutineer.getByRole('link', { name: 'review:CSPR-2026-04' });
	assert.equal(await link.getAttribute('href'), '/reviews/CSPR-2026-04', 'the subject leads to the review');
	await checkAxe(scrutineer, 'a challenge on a case review');
	const lead = await signedInAs(ctx, 'police-lead@demo.invalid');
	await lead.goto(address);
	assert.equal(await lead.getByRole('button', { name: 'Send response' }).count(), 0,
		"a review is the partnership's: no agency lead answers for it");
});

test("an agency lead gets 403 on another agency's draft, and a POST without the token gets 403", async (ctx) => {
	// The police return has been sent back: it is the police's own again.
	const csc = await signedInAs(ctx, 'csc-lead@demo.invalid');
	let response = await csc.goto(RETURN);
	assert.equal(response.status(), 403, "another agency's returned return");
	await checkAxe(csc, 'the 403 page');
	response = await csc.goto('/returns/scc-csc/2026Q3');
	assert.equal(response.status(), 200, 'its own return');
	response = await csc.request.post('/returns/scc-csc/2026Q3', { form: { 'value-0': '1' }, maxRedirects: 0 });
	assert.equal(response.status(), 403, 'a POST without the CSRF token');
	assert.match(await response.text(), /did not come from this site/, 'refused for the token');
});

test("an analyst opens a running quarter's return early for one agency, with a reason", async (ctx) => {
	// run.sh's day, 23 November 2026, is inside 2026-27 Q3.
	const EARLY = '/returns/police/2026Q4';
	const lead = await signedInAs(ctx, 'police-lead@demo.invalid');
	await lead.goto(EARLY);
	assert.match(await lead.locator('#not-open').innerText(), /2026-27 Q3 has not ended/, 'not open yet');
	assert.equal(await lead.locator('#open-early').count(), 0, 'a lead never sees the open-early form');
	const analyst = await signedInAs(ctx, 'analyst@demo.invalid');
	let response = await analyst.goto(EARLY);
	assert.equal(response.status(), 200, `GET ${EARLY}`);
	assert.equal(await analyst.getByRole('heading', { name: 'Open this return early' }).count(), 1,
		'the analyst is offered the form');
	await checkAxe(analyst, 'a running return with the open-early form');
	response = await submitWith(analyst, 'Open return early');
	assert.equal(response.status(), 422, 'no reason given');
	assert.match(await analyst.locator('.govuk-error-summary a[href="#reason"]').innerText(),
		/Enter why this return opens before the quarter ends/, 'the error summary links to the field');
	assert.match(await analyst.locator('#reason-error').innerText(),
		/Enter why this return opens before the quarter ends/, 'the error is shown against its field');
	assert.match(await analyst.locator('#reason').getAttribute('aria-describedby'), /\breason-error\b/,
		'the field is described by its error');
	assert.match(await analyst.locator('#not-open').innerText(), /has not ended/, 'still not open');
	await checkAxe(analyst, 'the open-early form with an error');
	await typeInto(analyst, '#reason', 'The quarter\'s figures are final');
	response = await submitWith(analyst, 'Open return early');
	assert.equal(response.status(), 200, 'after opening it');
	assert.match(analyst.url(), /done=opened-early$/, 'after opening, the address');
	assert.match(await analyst.locator('#done').innerText(), /Return opened early/, 'the confirmation');
	assert.equal(await analyst.locator('#opened-early').innerText(),
		"Opened early by analyst@demo.invalid on 23 November 2026: The quarter's figures are final",
		'who, when and why');
	assert.equal(await analyst.locator('#not-open').count(), 0, 'open now');
	await checkAxe(analyst, 'the return opened early');
	// The police lead may now make it, and is asked to on the home page.
	await lead.goto('/');
	assert.match(await lead.locator('#tasks').innerText(), /Your return for 2026-27 Q3 is due on/,
		'the early return is owed');
	await lead.goto(EARLY);
	assert.equal(await lead.getByRole('button', { name: 'Continue' }).count(), 1, 'the lead has the form');
	assert.match(await lead.locator('#opened-early').innerText(), /^Opened early by analyst@demo\.invalid/,
		'the lead reads why');
	assert.equal(await lead.locator('#open-early').count(), 0, 'and never the open-early form');
	await checkAxe(lead, "the lead's return opened early");
	// Another agency's return for the quarter is not open.
	const csc = await signedInAs(ctx, 'csc-lead@demo.invalid');
	response = await csc.goto('/returns/scc-csc/2026Q4');
	assert.equal(response.status(), 200, 'GET /returns/scc-csc/2026Q4');
	assert.match(await csc.locator('#not-open').innerText(), /2026-27 Q3 has not ended/, 'still not open for csc');
	assert.equal(await csc.getByRole('button', { name: 'Continue' }).count(), 0, 'no form for csc');
	assert.equal(await csc.locator('#open-early').count(), 0, 'nor the open-early form');
});

test('the whole return journey with JavaScript off', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid', { javaScriptEnabled: false });
	await page.goto('data:text/html,<title>before</title><script>document.title="ran"</script>');
	assert.equal(await page.title(), 'before', 'the title (a script ran: JavaScript is not off)');
	await returnJourney(page, 'value-2', '5', false);
});

run();
