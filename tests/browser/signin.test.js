// Signing in and out in a browser: every role by the keyboard alone, the
// same refusal for a wrong password and an unknown account, forms without
// their CSRF token refused, a browser without JavaScript, and a session
// that ends when its user signs out.  axe-core checks each page shown.
'use strict';

const { test, run, assert, signIn, signOut, submitSignIn, checkAxe } = require('./lib');

const ROLES = ['admin', 'analyst', 'agency-lead', 'chair', 'scrutineer', 'viewer'];

// The text of the error summary on a refused sign-in.
async function problem(page) {
	const alert = page.getByRole('alert');
	assert.equal(await alert.count(), 1, `the number of alerts on ${page.url()}`);
	return (await alert.innerText()).trim();
}

test('the sign-in page passes axe', async ({ newPage }) => {
	const page = await newPage();
	const response = await page.goto('/login');
	assert.equal(response.status(), 200, 'GET /login');
	assert.equal(await page.locator('h1').innerText(), 'Sign in', 'the heading of /login');
	await checkAxe(page, 'the sign-in page');
});

test('every demo role signs in with the keyboard and sees the dashboard', async ({ newPage, users }) => {
	for (const role of ROLES)
		assert.ok(users.some((u) => u.role === role), `no demo user has the role ${role}`);
	for (const { email, role, password } of users) {
		const page = await newPage();
		await signIn(page, email, password);
		const who = (await page.locator('body').innerText()).match(/Signed in as [^\n]*/);
		assert.ok(who, `${email}: the dashboard does not say who is signed in`);
		assert.ok(who[0].endsWith(`(${role})`), `${email}: the dashboard says "${who[0]}", not the role ${role}`);
		await checkAxe(page, `the dashboard as ${role} ${email}`);
		await page.context().close();
	}
});

test('a wrong password and an unknown account get the same words', async ({ newPage, user }) => {
	const lead = user('agency-lead');
	const page = await newPage();

	const wrong = await submitSignIn(page, lead.email, `${lead.password}x`);
	assert.equal(wrong.status(), 401, 'a wrong password');
	assert.equal(new URL(page.url()).pathname, '/login', 'the address after a wrong password');
	const wrongWords = await problem(page);
	assert.match(wrongWords, /The email address or password is not right/, 'the message for a wrong password');
	await checkAxe(page, 'the refused sign-in page');

	const unknown = await submitSignIn(page, 'nobody@demo.invalid', lead.password);
	assert.equal(unknown.status(), 401, 'an unknown account');
	assert.equal(await problem(page), wrongWords, 'the message for an unknown account');
	assert.equal((await page.context().cookies()).filter((c) => c.name === 'vitals_session').length, 0,
		'a session cookie after two refusals');
});

test('a POST to /login or /logout without its CSRF token is refused', async ({ newPage, user }) => {
	const { email, password } = user('analyst');
	const page = await newPage();
	// The form's cookie is set: the refusal is for the missing field.
	await page.goto('/login');
	assert.ok((await page.context().cookies()).some((c) => c.name === 'vitals_csrf'), 'GET /login set no vitals_csrf cookie');
	const login = await page.request.post('/login', { form: { email, password }, maxRedirects: 0 });
	assert.equal(login.status(), 403, 'POST /login without csrf');
	assert.match(await login.text(), /The form has expired/, 'the refusal of POST /login without csrf');
	assert.equal((await page.context().cookies()).filter((c) => c.name === 'vitals_session').length, 0,
		'a session cookie after POST /login without csrf');

	await signIn(page, email, password);
	// page.request shares the page's cookies: it is signed in.
	const dash = await page.request.get('/', { maxRedirects: 0 });
	assert.equal(dash.status(), 200, 'GET / through page.request after signing in');
	const logout = await page.request.post('/logout', { form: {}, maxRedirects: 0 });
	assert.equal(logout.status(), 403, 'POST /logout without csrf');
	assert.match(await logout.text(), /The form has expired/, 'the refusal of POST /logout without csrf');
	const wrong = await page.request.post('/logout', { form: { csrf: '0'.repeat(64) }, maxRedirects: 0 });
	assert.equal(wrong.status(), 403, 'POST /logout with a made-up csrf');
	const still = await page.goto('/');
	assert.equal(still.status(), 200, 'GET / after the refused sign-outs (the session should live)');
	assert.equal(new URL(page.url()).pathname, '/', 'the address after the refused sign-outs');

	// The same request with the page's token is accepted.
	const csrf = await page.locator('form[action="/logout"] input[name="csrf"]').getAttribute('value');
	const good = await page.request.post('/logout', { form: { csrf }, maxRedirects: 0 });
	assert.equal(good.status(), 303, 'POST /logout with the page\'s csrf');
});

test('without JavaScript, signing in and out work', async ({ newPage, user }) => {
	const { email, password } = user('chair');
	const page = await newPage({ javaScriptEnabled: false });
	await page.goto('data:text/html,<title>before</title><script>document.title="ran"</script>');
	assert.equal(await page.title(), 'before', 'the title (a script ran: JavaScript is not off)');

	await signIn(page, email, password);
	const out = await signOut(page);
	assert.equal(new URL(page.url()).pathname, '/login', 'the address after signing out');
	assert.equal(out.status(), 200, 'the page after signing out');
	await page.goto('/');
	assert.equal(new URL(page.url()).pathname, '/login', 'GET / after signing out without JavaScript');
});

test('signing out ends the session', async ({ newPage, user, browser, server }) => {
	const { email, password } = user('scrutineer');
	const page = await newPage();
	await signIn(page, email, password);
	const session = (await page.context().cookies()).find((c) => c.name === 'vitals_session');
	assert.ok(session, 'no vitals_session cookie after signing in');
	// Someone else holding a copy of the cookie is signed in too ...
	const other = await browser.newContext({ baseURL: server.url });
	try {
		await other.addCookies([{ name: session.name, value: session.value, url: server.url }]);
		const before = await other.request.get('/', { maxRedirects: 0 });
		assert.equal(before.status(), 200, 'GET / with a copy of the session cookie');

		const out = await signOut(page);
		assert.equal(out.status(), 200, 'the page after signing out');
		assert.equal(new URL(page.url()).pathname, '/login', 'the address after signing out');
		const again = await page.goto('/');
		assert.equal(new URL(page.url()).pathname, '/login', 'the address of GET / after signing out');
		assert.equal(again.request().redirectedFrom()?.url(), `${server.url}/`, 'the redirect from /');

		// ... until its user signs out: the server ended the session.
		const after = await other.request.get('/', { maxRedirects: 0 });
		assert.equal(after.status(), 303, 'GET / with the copy after signing out');
		assert.equal(after.headers().location, '/login', 'where GET / with the old cookie leads');
	} finally {
		await other.close();
	}
});

run();
