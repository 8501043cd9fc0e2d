/* Which passwords Vitals refuses: too short or long, not UTF-8, one repeated character, or among the commonest. */
#include "vitals/auth.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/*
 * Passwords of twelve characters or more that appear at the top of the
 * published breach lists (and their obvious variants): the first ones an
 * attacker tries.  Compared without regard to case.
 */
static const char *const common[] = {
	"123456789012", "1234567890123", "12345678901234", "123123123123",
	"111111111111", "000000000000", "123456123456", "1234567890qwerty",
	"qwertyuiop12", "qwertyuiop123", "qwerty123456", "qwerty1234567",
	"1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsxedcrfv", "qwertyuiopasdf",
	"asdfghjkl123", "zxcvbnm12345", "abc123456789", "abcdefghijkl",
	"abcd1234abcd", "password1234", "password123!", "password2024",
	"password2025", "password2026", "passwordpassword", "password12345",
	"p@ssw0rd1234", "passw0rd1234", "letmein12345", "welcome12345",
	"welcome123456", "iloveyou1234", "changeme1234", "changeme123!",
	"administrator", "administrator1", "admin1234567", "admin123456789",
	"trustno112345", "football1234", "baseball1234", "sunshine1234",
	"princess1234", "monkey123456", "dragon123456", "master123456",
	"superman1234", "starwars1234", "liverpool123", "chelsea12345",
	"arsenal12345", "manchester12", "summer202526", "winter2024!!",
	"spring2025!!", "autumn2025!!", "safeguarding", "safeguarding1",
	"safeguarding123", "children1234", "partnership1", "vitals123456",
};

/* Whether 's' is well-formed UTF-8 (no overlong forms, no surrogates). */
static bool utf8_valid(const unsigned char *s)
{
	while (*s) {
		size_t n, i;
		unsigned long cp;

		if (*s < 0x80) {
			s++;
			continue;
		}
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 1, cp = *s & 0x1f;
		else if (*s >= 0xe0 && *s <= 0xef)
			n = 2, cp = *s & 0x0f;
		else if (*s >= 0xf0 && *s <= 0xf4)
			n = 3, cp = *s & 0x07;
		else
			return false;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		s += n + 1;
	}
	return true;
}

/* How many different bytes 's' has, letters without regard to case. */
static size_t distinct(const char *s)
{
	bool seen[256] = { false };
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*s);

		if (!seen[c]) {
			seen[c] = true;
			n++;
		}
	}
	return n;
}

const char *vt_password_problem(const char *password)
{
	size_t len = password ? strlen(password) : 0, i;

	if (len < VT_PASSWORD_MIN)
		return "the password is shorter than 12 characters";
	if (len > VT_PASSWORD_MAX)
		return "the password is longer than 256 characters";
	if (!utf8_valid((const unsigned char *)password))
		return "the password is not UTF-8 text";
	/* "aaaaaaaaaaaa", "abababababab": length without variety. */
	if (distinct(password) < 5)
		return "the password repeats too few characters (it needs at "
		       "least five different ones)";
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcasecmp(password, common[i]))
			return "the password is one of the commonest, the first "
			       "an attacker tries";
	return NULL;
}
