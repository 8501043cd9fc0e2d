/* The partnership's key for children's hashes: made once, kept in a file of mode 0600 or the environment. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "vitals/extractkey.h"

/* The line before the key, so that whoever finds the file knows it. */
static const char key_header[] =
	"# vitals extract key: the partnership's key for the hashes of "
	"children's identifiers in record-level extracts.  Keep it secret, "
	"outside the database, and keep a safe copy: extracts read with "
	"another key do not link to the earlier ones.\n";

/* A key file is one line of comment and one of hex: never large. */
#define KEY_FILE_MAX 4096

enum vt_err vt_extract_key_path(const char *db, const char *given, char *out,
				size_t size)
{
	const char *env = getenv(VT_EXTRACT_KEY_FILE_ENV);
	int n;

	if (given && *given)
		n = snprintf(out, size, "%s", given);
	else if (env && *env)
		n = snprintf(out, size, "%s", env);
	else if (vt_store_is_postgres(db))
		return VT_ENOTFOUND;
	else
		n = snprintf(out, size, "%s.key", db);
	return n < 0 || (size_t)n >= size ? VT_ETOOBIG : VT_OK;
}

enum vt_err vt_extract_key_create(const char *path)
{
	struct vt_pseudo_key key;
	char hex[VT_PSEUDO_KEY_BYTES * 2 + 2];
	enum vt_err result = VT_OK;
	int fd, saved;

	if (sodium_init() < 0)
		return VT_EINVAL;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return errno == EEXIST ? VT_ECONFLICT : VT_EIO;
	randombytes_buf(key.bytes, sizeof(key.bytes));
	sodium_bin2hex(hex, sizeof(hex), key.bytes, sizeof(key.bytes));
	hex[VT_PSEUDO_KEY_BYTES * 2] = '\n';
	hex[VT_PSEUDO_KEY_BYTES * 2 + 1] = '\0';
	/* The umask may only take rights away; make sure of 0600. */
	if (fchmod(fd, 0600) ||
	    write(fd, key_header, sizeof(key_header) - 1) !=
		    (ssize_t)(sizeof(key_header) - 1) ||
	    write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) || fsync(fd))
		result = VT_EIO;
	saved = errno;
	if (close(fd) && !result)
		result = VT_EIO;
	if (result) {
		unlink(path);
		errno = saved;
	}
	sodium_memzero(&key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	return result;
}

/* 64 hex digits, alone on the text's first line that is not a comment. */
static enum vt_err parse_key(const char *text, struct vt_pseudo_key *key)
{
	const char *line = text, *end;
	size_t bin = 0;

	while (*line == '#' || *line == '\n' || *line == '\r') {
		end = strchr(line, '\n');
		if (!end)
			return VT_EINVAL;
		line = end + 1;
	}
	end = line;
	while (*end && *end != '\n' && *end != '\r')
		end++;
	if (end - line != VT_PSEUDO_KEY_BYTES * 2 ||
	    sodium_hex2bin(key->bytes, sizeof(key->bytes), line,
			   (size_t)(end - line), NULL, &bin, NULL) ||
	    bin != sizeof(key->bytes))
		return VT_EINVAL;
	return VT_OK;
}

static enum vt_err read_file(const char *path, struct vt_pseudo_key *key,
			     char *why, size_t whysize)
{
	char text[KEY_FILE_MAX + 1];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	enum vt_err result;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0) {
		snprintf(why, whysize, "cannot read the key file '%s': %s%s",
			 path, strerror(errno),
			 errno == ENOENT ? " (make one with 'vitals extract "
					   "key')" : "");
		return errno == ENOENT ? VT_ENOTFOUND : VT_EIO;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(why, whysize, "the key file '%s' is not a file",
			 path);
		close(fd);
		return VT_EIO;
	}
	if (st.st_mode & 077) {
		snprintf(why, whysize, "the key file '%s' may be read by "
			 "others (mode %04o): it must be readable by its "
			 "owner alone (chmod 600 '%s')", path,
			 (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return VT_EDENIED;
	}
	while (len < KEY_FILE_MAX &&
	       (n = read(fd, text + len, KEY_FILE_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	text[len] = '\0';
	result = parse_key(text, key);
	if (result)
		snprintf(why, whysize, "the key file '%s' holds no key (64 "
			 "hex digits on a line of their own)", path);
	sodium_memzero(text, sizeof(text));
	return result;
}

enum vt_err vt_extract_key_read(const char *path, struct vt_pseudo_key *key,
				char *why, size_t whysize)
{
	const char *env = getenv(VT_EXTRACT_KEY_ENV);

	why[0] = '\0';
	if (env && *env) {
		if (!parse_key(env, key))
			return VT_OK;
		snprintf(why, whysize, "%s is not a key: 64 hex digits are "
			 "needed", VT_EXTRACT_KEY_ENV);
		return VT_EINVAL;
	}
	if (!path) {
		snprintf(why, whysize, "no key: give its file, or set %s or "
			 "%s", VT_EXTRACT_KEY_FILE_ENV, VT_EXTRACT_KEY_ENV);
		return VT_ENOTFOUND;
	}
	return read_file(path, key, why, whysize);
}

void vt_extract_key_fingerprint(const struct vt_pseudo_key *key,
				char out[VT_KEY_FINGERPRINT_HEX + 1])
{
	static const char prefix[] = "vitals extract key fingerprint\n";
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	char hex[crypto_hash_sha256_BYTES * 2 + 1];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)prefix,
				  sizeof(prefix) - 1);
	crypto_hash_sha256_update(&st, key->bytes, sizeof(key->bytes));
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	memcpy(out, hex, VT_KEY_FINGERPRINT_HEX);
	out[VT_KEY_FINGERPRINT_HEX] = '\0';
}
