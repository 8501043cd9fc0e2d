'use strict';
// Every page a role's navigation leads to: it opens (no link to a 403),
// does not scroll sideways at 320 px and axe finds no violation; the measure page's chart has its text
// alternative; a personal API token is made and revoked on the account
// page, and works for the API only while it lives.
const { test, run, assert, checkAxe, signIn, submitSignIn, navigating } = require('./lib');

// Every visible form control on the page (a radio group as one) takes
// the focus by Tab alone.
async function checkKeyboard(page, label) {
	const controls = await page.evaluate(() => {
		const all = [...document.querySelectorAll('input, select, textarea, button, a[href]')]
			// Inside a closed <details> a control is not visible
			// (offsetParent misses it: checkVisibility does not).
			.filter((el) => el.type !== 'hidden' && el.offsetParent !== null &&
				el.checkVisibility());
		// A radio group is one stop for Tab; arrows move inside it.
		all.forEach((el, i) => el.setAttribute('data-kb',
			el.type === 'radio' ? `radios-${el.name}` : String(i)));
		return [...new Set(all.filter((el) => el.tagName !== 'A')
			.map((el) => el.getAttribute('data-kb')))];
	});
	const reached = new Set();
	await page.evaluate(() => document.activeElement && document.activeElement.blur());
	for (let i = 0; i < 400 && reached.size < controls.length; i++) {
		await page.keyboard.press('Tab');
		const kb = await page.evaluate(() => document.activeElement &&
			document.activeElement.getAttribute('data-kb'));
		if (kb !== null && controls.includes(kb))
			reached.add(kb);
	}
	assert.equal(reached.size, controls.length, `${label}: form controls reached by Tab`);
}

// Every date the page shows is in GOV.UK's form, "5 December 2026": no
// ISO date or timestamp in what is read (a form's example of the format
// to type, in its label or hint, is not a date shown).
async function checkDates(page, label) {
	const iso = await page.evaluate(() => {
		const main = document.querySelector('main').cloneNode(true);
		main.querySelectorAll('form .govuk-hint, form label, input, select, textarea').forEach((el) => el.remove());
		return main.innerText.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g) || [];
	});
	assert.equal(iso.join(' '), '', `${label}: dates not in words`);
}

// The keyboard walk is a property of a page's markup: each address is
// walked once, by the first role that reaches it (the walk is the
// slowest check here).
const walked = new Set();

const ROLES = ['admin', 'analyst', 'agency-lead', 'chair', 'scrutineer', 'viewer'];

for (const role of ROLES) {
	test(`every page in the ${role}'s navigation opens and passes axe`, async (ctx) => {
		const page = await ctx.signedIn(role);
		const links = await page.locator('nav[aria-label="Vitals"] a').evaluateAll(
			(as) => as.map((a) => a.getAttribute('href')));
		assert.ok(links.length >= 3, `${role} has a navigation (${links.join(' ')})`);
		// On the narrowest phone: nothing scrolls sideways (WCAG 1.4.10).
		await page.setViewportSize({ width: 320, height: 800 });
		for (const href of links) {
			const response = await page.goto(href);
			assert.equal(response.status(), 200, `${role}: GET ${href}`);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			assert.ok(width <= 320, `${href} for ${role} is ${width} px wide at 320 px`);
			await checkDates(page, `${href} for ${role}`);
			await checkAxe(page, `${href} for ${role}`);
			if (!walked.has(href)) {
				walked.add(href);
				await checkKeyboard(page, `${href} for ${role}`);
			}
		}
		// The pages a list leads to, where the reader may open them.
		for (const href of ['/measures/csc-m1', '/actions/csc-a01', '/returns/police/2026Q3']) {
			const response = await page.goto(href);
			if (response.status() === 200)
				await checkDates(page, `${href} for ${role}`);
			else
				assert.equal(response.status(), 403, `${role}: GET ${href}`);
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
	await page.waitForLoadState();
	assert.match(await page.locator('#done').innerText(), /Token revoked/, 'it says the token was revoked');
	assert.equal(await page.locator('#tokens tbody tr').count(), 0, 'no token left');
	answer = await fetch(api, { headers: { Authorization: `Bearer ${token}` } });
	assert.equal(answer.status, 401, 'the API with the revoked token');
});

test('an administrator adds a user, who signs in with the password shown once', async (ctx) => {
	const admin = await ctx.signedIn('admin');
	await admin.goto('/admin');
	await admin.fill('#email', 'not an address');
	await admin.fill('#name', 'Board observer');
	await admin.selectOption('#role', 'viewer');
	await admin.getByRole('button', { name: 'Add user' }).click();
	assert.match(await admin.locator('.govuk-error-summary').innerText(), /not an e-mail address/, 'a bad address refused');
	await checkAxe(admin, 'the refused new user');
	await admin.fill('#email', 'observer@demo.invalid');
	await admin.getByRole('button', { name: 'Add user' }).click();
	const password = await admin.locator('#new-password').innerText();
	assert.match(password, /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/, 'the one-time password');
	assert.match(await admin.locator('#users').innerText(), /observer@demo\.invalid/, 'the user is listed');
	assert.match(await admin.locator('#users').innerText(), /one-time password not yet changed/, 'the password is one-time');
	// The one-time password opens only the page that replaces it.
	const page = await ctx.newPage();
	await submitSignIn(page, 'observer@demo.invalid', password);
	assert.equal(new URL(page.url()).pathname, '/account', 'a one-time password leads to the account page');
	assert.equal(await page.locator('h1').innerText(), 'Choose your password');
	await checkAxe(page, 'choosing a password');
	await page.goto('/measures');
	assert.equal(new URL(page.url()).pathname, '/account', 'other pages wait for the new password');
	await page.fill('#current-password', password);
	await page.fill('#new-password', 'board observer passphrase');
	await page.fill('#confirm-password', 'board observer passphrase!');
	await page.getByRole('button', { name: 'Change password' }).click();
	assert.match(await page.locator('.govuk-error-summary').innerText(), /not the same/, 'a mistyped confirmation');
	assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#confirm-password', 'the error leads to its field');
	assert.equal(await page.locator('#confirm-password').count(), 1);
	await checkAxe(page, 'a refused password change');
	await page.fill('#current-password', password);
	await page.fill('#new-password', 'board observer passphrase');
	await page.fill('#confirm-password', 'board observer passphrase');
	await page.getByRole('button', { name: 'Change password' }).click();
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password has been changed/);
	await page.goto('/');
	assert.match(await page.locator('h1').innerText(), /^Vital signs/, 'the dashboard once the password is chosen');
	const again = await ctx.newPage();
	await signIn(again, 'observer@demo.invalid', 'board observer passphrase');
});

test('a stale edit in the browser: the second tab gets both versions, and passes axe', async (ctx) => {
	const u = ctx.users.find((x) => x.email === 'csc-lead@demo.invalid');
	const first = await ctx.newPage();
	await signIn(first, u.email, u.password);
	const second = await ctx.newPage();
	await signIn(second, u.email, u.password);
	await first.goto('/returns/scc-csc/2026Q3');
	await second.goto('/returns/scc-csc/2026Q3');
	await first.fill('#value-1', '31');
	await navigating(first, () => first.getByRole('button', { name: 'Continue' }).click());
	await first.getByRole('button', { name: 'Submit return' }).click();
	assert.match(first.url(), /done=submitted$/, 'the first edit is stored');
	assert.equal(await first.locator('#value-1').inputValue(), '31', 'the first edit as stored');
	await second.fill('#value-1', '47');
	const [response] = await Promise.all([second.waitForNavigation(),
		second.getByRole('button', { name: 'Continue' }).click()]);
	assert.equal(response.status(), 409, 'the second edit, based on the old version');
	assert.match(await second.locator('#versions').innerText(), /31 \(version \d+/, 'the stored version');
	assert.match(await second.locator('#versions').innerText(), /47/, 'the refused edit');
	assert.equal(await second.locator('#value-1').inputValue(), '47', 'the edit kept in the form');
	await checkAxe(second, 'the stale-edit page');
	await checkKeyboard(second, 'the stale-edit page');
	await first.goto('/actions/csc-a01');
	await checkKeyboard(first, 'an action page');
	await first.goto('/challenges');
	await checkKeyboard(first, 'the challenge log');
});

run();
