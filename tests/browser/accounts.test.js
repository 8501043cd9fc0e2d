'use strict';
// Accounts on the web: a new user's role starts at the least privilege;
// a user changes their own password; an administrator disables a user
// (signed out at once) and enables them again, and changes a user's
// role (signed out at once, the new role's pages at the next sign-in);
// the last administrator cannot give up the role.
const { test, run, assert, checkAxe, signIn, signOut, submitSignIn, navigating } = require('./lib');

// Whether the page fits a 320 px wide screen without scrolling sideways.
async function checkNarrow(page, label) {
	await page.setViewportSize({ width: 320, height: 800 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `${label} at 320 px: ${width} px wide`);
	await page.setViewportSize({ width: 1024, height: 800 });
}

// Press the button called NAME (its accessible name) and wait for the page.
async function press(page, name) {
	await page.getByRole('button', { name, exact: true }).focus();
	return navigating(page, () => page.keyboard.press('Enter'));
}

test('the add user form starts at the viewer role', async (ctx) => {
	const page = await ctx.signedIn('admin');
	const response = await page.goto('/admin');
	assert.equal(response.status(), 200, 'GET /admin');
	assert.equal(await page.locator('#role').inputValue(), 'viewer', 'the role chosen at first');
	await checkAxe(page, 'the admin page');
	await checkNarrow(page, 'the admin page');
});

test('an analyst changes their own password', async (ctx) => {
	const { email, password } = ctx.user('analyst');
	const fresh = 'a new and longer passphrase';
	const page = await ctx.signedIn('analyst');
	await page.goto('/account');
	await checkAxe(page, 'the account page');
	await page.fill('#current-password', password);
	await page.fill('#new-password', fresh);
	await page.fill('#confirm-password', fresh);
	const response = await press(page, 'Change password');
	assert.equal(response.status(), 200, 'the password changed');
	assert.match(await page.locator('.govuk-notification-banner').innerText(),
		/Your password has been changed/, 'the confirmation');
	await checkAxe(page, 'the account page, password changed');
	await signOut(page);
	await submitSignIn(page, email, password);
	assert.equal(new URL(page.url()).pathname, '/login', 'the old password is refused');
	assert.match(await page.locator('.govuk-error-summary').innerText(), /\S/, 'why it was refused');
	await signIn(page, email, fresh);
});

test('a disabled user is signed out at once; enabled, they sign in again', async (ctx) => {
	const chair = ctx.user('chair');
	const theirs = await ctx.signedIn('chair');
	const admin = await ctx.signedIn('admin');
	await admin.goto('/admin');
	await press(admin, `Disable ${chair.email}`);
	assert.equal(new URL(admin.url()).pathname, '/admin', 'back on the admin page');
	const row = admin.locator('#users tr', { hasText: chair.email });
	assert.match(await row.innerText(), /Disabled/, 'the user shown disabled');
	await checkAxe(admin, 'the admin page, a user disabled');
	// The chair's open page: their next step is the sign-in page.
	await theirs.goto('/reports');
	assert.equal(new URL(theirs.url()).pathname, '/login', 'the disabled user\'s next page');
	await submitSignIn(theirs, chair.email, chair.password);
	assert.equal(new URL(theirs.url()).pathname, '/login', 'a disabled user cannot sign in');
	// Enabled: a one-time password, which opens the account page only.
	await press(admin, `Enable ${chair.email}`);
	const given = await admin.locator('#new-password').innerText();
	assert.match(given, /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/, 'the one-time password shown');
	await checkAxe(admin, 'the admin page, a one-time password shown');
	await submitSignIn(theirs, chair.email, given);
	assert.equal(new URL(theirs.url()).pathname, '/account', 'signed in again, choosing a password');
});

test('an administrator changes a viewer into an analyst', async (ctx) => {
	const viewer = ctx.user('viewer');
	const theirs = await ctx.signedIn('viewer');
	let links = await theirs.locator('nav[aria-label="Vitals"] a').evaluateAll(
		(as) => as.map((a) => a.getAttribute('href')));
	assert.ok(!links.includes('/measures'), 'a viewer has no measures page');
	const admin = await ctx.signedIn('admin');
	await admin.goto('/admin');
	let response = await press(admin, `Change role of ${viewer.email}`);
	assert.equal(response.status(), 200, 'the change page');
	assert.equal(await admin.locator('#role').inputValue(), 'viewer', 'the role as it is');
	await checkAxe(admin, 'the change page');
	await checkNarrow(admin, 'the change page');
	// An agency lead without an agency: refused, the error at the field.
	await admin.selectOption('#role', 'agency-lead');
	response = await press(admin, 'Save changes');
	assert.equal(response.status(), 422, 'an agency lead without an agency');
	assert.equal(await admin.locator('.govuk-error-summary a').getAttribute('href'), '#agency',
		'the error links to the agency');
	assert.match(await admin.locator('#agency-error').innerText(), /agency/, 'the message at the field');
	await checkAxe(admin, 'the change page with an error');
	await admin.selectOption('#role', 'analyst');
	await admin.selectOption('#agency', '');
	response = await press(admin, 'Save changes');
	assert.equal(response.status(), 200, 'saved');
	assert.match(admin.url(), /\/admin\?changed=/, 'redirected after saving: a reload sends nothing again');
	assert.match(await admin.locator('.govuk-notification-banner').innerText(),
		new RegExp(`${viewer.email.replace(/\./g, '\\.')} is now an analyst`), 'the confirmation');
	const row = admin.locator('#users tr', { hasText: viewer.email });
	assert.match(await row.innerText(), /analyst/, 'the new role in the table');
	await checkAxe(admin, 'the admin page, a role changed');
	await checkNarrow(admin, 'the admin page, a role changed');
	// Their open page: signed out at once; signed in, the analyst's pages.
	await theirs.goto('/reports');
	assert.equal(new URL(theirs.url()).pathname, '/login', 'the changed user\'s next page');
	await signIn(theirs, viewer.email, viewer.password);
	links = await theirs.locator('nav[aria-label="Vitals"] a').evaluateAll(
		(as) => as.map((a) => a.getAttribute('href')));
	assert.ok(links.includes('/measures'), `the analyst's navigation (${links.join(' ')})`);
	response = await theirs.goto('/measures');
	assert.equal(response.status(), 200, 'the measures open');
});

test('the only administrator cannot give up the role', async (ctx) => {
	const me = ctx.user('admin');
	const admin = await ctx.signedIn('admin');
	await admin.goto('/admin');
	await press(admin, `Change role of ${me.email}`);
	await admin.selectOption('#role', 'viewer');
	const response = await press(admin, 'Save changes');
	assert.equal(response.status(), 422, 'refused');
	assert.match(await admin.locator('#role-error').innerText(), /only administrator/,
		'the message at the role');
	await checkAxe(admin, 'the change page, refused');
	assert.equal((await admin.goto('/admin')).status(), 200, 'still an administrator');
});

run();
