'use strict';
// Forms that never lose work: a return typed while the session ends is
// kept through signing in again, shown to be checked, then submitted.
const { test, run, assert, checkAxe, navigating, signIn } = require('./lib');

const RETURN = '/returns/police/2026Q3';

test('a return typed, session ended, signed in again: nothing lost, checked and submitted', async (ctx) => {
	const lead = ctx.users.find((u) => u.email === 'police-lead@demo.invalid');
	const page = await ctx.signedIn('agency-lead');
	await page.goto(RETURN);
	assert.match(await page.locator('#timeout').innerText(), /signed out after 30 minutes .* what you typed is kept/,
		'the form says when the session ends, and that nothing is lost');
	await page.fill('#value-1', '23');
	const story = page.locator('textarea').first();
	await story.fill('Typed over a long afternoon: the neglect audit findings.');
	// The session ends while the form is open (its cookie expires).
	await page.context().clearCookies();
	const out = await navigating(page, () => page.getByRole('button', { name: 'Continue' }).click());
	assert.equal(out.status(), 401, 'the form sent after the session ended asks to sign in');
	assert.equal(new URL(page.url()).pathname, RETURN, 'still at the return\'s address');
	assert.match(await page.locator('#kept').innerText(), /what you typed is kept/, 'it says nothing is lost');
	await checkAxe(page, 'signing in again over a kept form');
	// A wrong password first: the work is still carried.
	await page.fill('#email', lead.email);
	await page.fill('#password', 'not the password');
	const wrong = await navigating(page, () => page.getByRole('button', { name: 'Sign in' }).click());
	assert.equal(wrong.status(), 401, 'a wrong password');
	assert.match(await page.locator('#kept').innerText(), /what you typed is kept/, 'still kept after a wrong password');
	await page.fill('#email', lead.email);
	await page.fill('#password', lead.password);
	const back = await navigating(page, () => page.getByRole('button', { name: 'Sign in' }).click());
	assert.equal(back.status(), 200, 'signed in again');
	assert.match(await page.locator('#kept').innerText(), /Nothing has been saved yet/, 'to be checked, not yet saved');
	assert.equal(await page.locator('#value-1').inputValue(), '23', 'the figure typed');
	assert.equal(await page.locator('textarea').first().inputValue(),
		'Typed over a long afternoon: the neglect audit findings.', 'the narrative typed');
	await checkAxe(page, 'the kept return, to be checked');
	await navigating(page, () => page.getByRole('button', { name: 'Continue' }).click());
	assert.match(await page.locator('main').innerText(), /Typed over a long afternoon/, 'the narrative to be checked');
	await navigating(page, () => page.getByRole('button', { name: 'Submit return' }).click());
	assert.match(page.url(), /done=submitted$/, 'submitted once checked');
	assert.equal(await page.locator('#value-1').inputValue(), '23', 'the figure stored');
	// Kept work goes only to a return's own address.
	const other = await ctx.newPage();
	await other.goto('/login');
	await other.locator('form[action="/login"]').evaluate((form) => {
		const input = document.createElement('input');
		input.type = 'hidden';
		input.name = 'continue';
		input.value = 'https://example.invalid/';
		form.appendChild(input);
	});
	await other.fill('#email', lead.email);
	await other.fill('#password', lead.password);
	await navigating(other, () => other.getByRole('button', { name: 'Sign in' }).click());
	assert.equal(new URL(other.url()).pathname, '/', 'an address that is no return goes home');
	assert.equal(new URL(other.url()).host, new URL(ctx.server.url).host, 'never away from the site');
});

test('a draft saved on the server is continued in another browser, and gone once the return is submitted', async (ctx) => {
	const lead = ctx.user('agency-lead');
	const page = await ctx.signedIn('agency-lead');
	await page.goto(RETURN);
	const was = await page.locator('#value-2').inputValue();
	await page.fill('#value-1', '31');
	// Half-typed and wrong: a draft keeps it as typed, unchecked.
	await page.fill('#value-2', 'tbc');
	await page.locator('textarea').first().fill('Drafted: the audit is still being written up.');
	const saved = await navigating(page, () => page.getByRole('button', { name: 'Save as draft' }).click());
	assert.equal(saved.status(), 200, 'saved, and back on the return');
	assert.equal(await page.locator('#done .govuk-notification-banner__heading').innerText(), 'Your draft was saved on 23 November 2026 at 10am',
		'the success banner says when, on London\'s clock');
	await checkAxe(page, 'the draft just saved');
	// Another browser, the same lead, as narrow as a phone.
	const other = await ctx.newPage();
	await other.setViewportSize({ width: 320, height: 800 });
	await signIn(other, lead.email, lead.password);
	await other.goto(RETURN);
	assert.equal(await other.locator('#draft-inset').innerText(),
		`You are continuing a draft saved by ${lead.email} on 23 November 2026 at 10am.`, 'the draft continued');
	assert.equal(await other.locator('#value-1').inputValue(), '31', 'a figure from the draft');
	assert.equal(await other.locator('#value-2').inputValue(), 'tbc', 'a figure as typed, wrong or not');
	assert.equal(await other.locator('textarea').first().inputValue(),
		'Drafted: the audit is still being written up.', 'the narrative from the draft');
	const width = await other.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `the continued draft is ${width} px wide at 320 px`);
	await checkAxe(other, 'the draft continued');
	// Corrected, checked and submitted: the draft has done its work.
	await other.fill('#value-2', was);
	await navigating(other, () => other.getByRole('button', { name: 'Continue' }).click());
	await navigating(other, () => other.getByRole('button', { name: 'Submit return' }).click());
	assert.match(other.url(), /done=submitted$/, 'submitted');
	await other.goto(RETURN);
	assert.equal(await other.locator('#draft-inset').count(), 0, 'no draft to continue once submitted');
	assert.equal(await other.locator('#value-1').inputValue(), '31', 'the figure stored');
	await page.goto(RETURN);
	assert.equal(await page.locator('#draft-inset').count(), 0, 'nor in the first browser');
});

test('a figure cleared is withdrawn: refused with a figure typed too, checked as cleared, shown cleared to the analyst', async (ctx) => {
	const page = await ctx.signedIn('agency-lead');
	await page.goto(RETURN);
	const was = await page.locator('#value-1').inputValue();
	assert.ok(was !== '', 'the figure has a value to clear');
	const boxes = await page.locator('input[name^="clear-"]').count();
	assert.ok(boxes > 0, 'figures with a value can be cleared');
	assert.equal(await page.getByRole('checkbox', { name: /^Clear this figure: \S/ }).count(), boxes,
		'each box is heard with its measure');
	// A new figure and its clearing at once: which was meant?
	await page.fill('#value-1', '40');
	await page.check('#clear-1');
	const both = await navigating(page, () => page.getByRole('button', { name: 'Continue' }).click());
	assert.equal(both.status(), 422, 'refused');
	assert.match(await page.locator('#value-1-error').innerText(), /enter a figure or clear it, not both/,
		'the error is on the figure');
	assert.ok(await page.locator('#clear-1').isChecked(), 'the box stays ticked');
	await checkAxe(page, 'a figure both given and cleared');
	await page.fill('#value-1', was);
	await navigating(page, () => page.getByRole('button', { name: 'Continue' }).click());
	assert.match(await page.locator('main').innerText(), new RegExp(`Cleared \\(was ${was}\\)`),
		'the check page says what is cleared, and what it was');
	await checkAxe(page, 'a cleared figure to check');
	await navigating(page, () => page.getByRole('button', { name: 'Submit return' }).click());
	assert.match(page.url(), /done=submitted$/, 'submitted');
	assert.equal(await page.locator('#value-1').inputValue(), '', 'no figure now');
	assert.equal(await page.locator('#clear-1').count(), 0, 'nothing left to clear');
	// The analyst reviewing it reads the figure withdrawn.
	const analyst = await ctx.signedIn('analyst');
	await analyst.goto(RETURN);
	const row = analyst.locator('#figures tbody tr').nth(1);
	assert.equal(await row.locator('td').first().innerText(), 'Cleared', 'shown as cleared');
	assert.equal(await row.locator('td').nth(2).innerText(), was, 'beside the figure it withdrew');
});

test('approve asks first, shows what was done; an approved return is reopened on the web with a reason', async (ctx) => {
	const analyst = await ctx.signedIn('analyst');
	await analyst.goto('/returns/scc-csc/2026Q3');
	await navigating(analyst, () => analyst.getByRole('button', { name: 'Approve return' }).click());
	assert.match(await analyst.locator('h1').innerText(), /^Approve the return of .* for 2026-27 Q2\?$/, 'asked first');
	await checkAxe(analyst, 'the approval to confirm');
	await navigating(analyst, () => analyst.getByRole('link', { name: 'Cancel' }).click());
	assert.equal(await analyst.locator('#return-status').innerText(), 'submitted', 'cancelled: nothing done');
	await navigating(analyst, () => analyst.getByRole('button', { name: 'Approve return' }).click());
	await navigating(analyst, () => analyst.getByRole('button', { name: 'Yes, approve the return' }).click());
	assert.equal(await analyst.locator('#done .govuk-panel__title').innerText(), 'Return approved', 'the confirmation panel');
	assert.equal(await analyst.locator('#return-status').innerText(), 'approved');
	assert.match(await analyst.locator('#return-approved').innerText(),
		/^23 November 2026 at 10am by analyst@demo\.invalid$/, 'who approved it and when, in words');
	// Each figure beside the version it replaced and the quarter before.
	const headers = await analyst.locator('#figures thead th').allInnerTexts();
	assert.ok(headers.includes('Previous version') && headers.includes('Previous quarter'),
		`the review's columns (${headers.join(', ')})`);
	assert.match(await analyst.locator('#figures .vt-change').first().innerText(), /^[+\u2212]\d/,
		'a change from the quarter before, marked');
	await checkAxe(analyst, 'the approved return');
	// Reopened with a reason: back to the agency, which reads why.
	await navigating(analyst, () => analyst.getByRole('button', { name: 'Reopen return' }).click());
	assert.match(await analyst.locator('.govuk-error-summary').innerText(), /say why/, 'a reason is needed');
	await analyst.fill('#reason', 'The Q2 referrals need the late health figures.');
	await navigating(analyst, () => analyst.getByRole('button', { name: 'Reopen return' }).click());
	assert.equal(await analyst.locator('#return-status').innerText(), 'returned', 'reopened');
	const lead = await ctx.newPage();
	const u = ctx.users.find((x) => x.email === 'csc-lead@demo.invalid');
	await lead.goto('/login');
	await lead.fill('#email', u.email);
	await lead.fill('#password', u.password);
	await navigating(lead, () => lead.getByRole('button', { name: 'Sign in' }).click());
	await lead.goto('/returns/scc-csc/2026Q3');
	assert.equal(await lead.locator('#return-reason').innerText(), 'The Q2 referrals need the late health figures.');
	assert.equal(await lead.getByRole('button', { name: 'Continue' }).count(), 1, 'the agency can correct it');
});

run();
