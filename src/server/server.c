/* vitals serve: libmicrohttpd set up with limits, one request's life, headers on every response. */
#define _GNU_SOURCE	/* fopencookie */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/socket.h>
#include <unistd.h>

#include "vitals/strparse.h"
#include "server/server.h"

/* On every response: nothing inline, nothing from elsewhere, no frames. */
static const char csp[] =
	"default-src 'none'; style-src 'self'; img-src 'self'; "
	"script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
	"base-uri 'none'";

/* ------------------------------------------------------------------ */
/* Forms and cookies */

/*
 * Over TLS: said by --secure-cookies, or by a proxy in front that ended
 * TLS (X-Forwarded-Proto: https).  Believing a client that says so only
 * keeps its own cookies off plain HTTP.
 */
static bool over_tls(const struct req *r)
{
	const char *proto = MHD_lookup_connection_value(r->conn,
		MHD_HEADER_KIND, "X-Forwarded-Proto");

	return r->cfg->secure_cookies || (proto && !strcmp(proto, "https"));
}

/*
 * Over TLS the cookies are named "__Host-...": a browser takes such a
 * cookie only from this very host, over TLS, for the whole site, so a
 * neighbouring subdomain cannot plant a session or a form token.  Plain
 * HTTP (the demo on 127.0.0.1) cannot have them: browsers refuse the
 * prefix without Secure.
 */
static void cookie_name(const struct req *r, const char *name, char out[64])
{
	snprintf(out, 64, "%s%s", over_tls(r) ? "__Host-" : "", name);
}

const char *req_cookie(const struct req *r, const char *name)
{
	char full[64];

	cookie_name(r, name, full);
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, full);
}

void req_set_cookie(struct req *r, const char *name, const char *value,
		    long max_age)
{
	char full[64];

	if (r->ncookies >= 2)
		return;
	cookie_name(r, name, full);
	snprintf(r->cookies[r->ncookies++], sizeof(r->cookies[0]),
		 "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s", full,
		 value, max_age, over_tls(r) ? "; Secure" : "");
}

unsigned req_redirect(struct req *r, const char *location)
{
	snprintf(r->location, sizeof(r->location), "%s", location);
	return 303;
}

/* ------------------------------------------------------------------ */
/* One connection to the store per worker thread */

/*
 * Opening the store prepares every statement and checks the schema: more
 * than most pages cost.  Each worker thread keeps the connection its last
 * request used, for the next; one that failed is closed instead, and the
 * next request opens a fresh one.  The key's destructor closes it when
 * the thread ends.
 */
static pthread_key_t store_key;
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void close_store(void *store)
{
	vt_store_close(store);
}

static void make_store_key(void)
{
	pthread_key_create(&store_key, close_store);
}

enum vt_err server_store(struct req *r)
{
	pthread_once(&store_once, make_store_key);
	if (r->store)
		return VT_OK;
	r->store = pthread_getspecific(store_key);
	if (r->store) {
		pthread_setspecific(store_key, NULL);
		return VT_OK;
	}
	return vt_store_open(r->cfg->db, VT_OPEN_EXISTING, &r->store);
}

/* After the request: kept for the thread's next, unless it failed. */
static void release_store(struct req *r)
{
	if (!r->store)
		return;
	if (r->status < 500 && !pthread_getspecific(store_key))
		pthread_setspecific(store_key, r->store);
	else
		vt_store_close(r->store);
	r->store = NULL;
}

/* ------------------------------------------------------------------ */
/* The header deadline */

/*
 * libmicrohttpd's timeout counts idle time only: a client that sends a
 * byte of headers every few seconds keeps its connection for ever, and
 * enough of them fill every slot.  Each connection is listed from its
 * accept; until its request's headers are in (and, before sign-in, its
 * whole request), a watchdog shuts it once HEADER_DEADLINE has passed.
 * The list's lock is held from the accept to the close notice, so the
 * watchdog never touches a socket libmicrohttpd has closed.
 */
#define HEADER_DEADLINE 10	/* seconds */
#define SERVER_CONNECTIONS ((unsigned)1000)
#define SERVER_PER_ADDRESS ((unsigned)100)

struct watched {
	struct watched *prev, *next;
	int fd;
	time_t since;		/* the accept, or the last request's end */
	bool waiting;		/* for a request, not yet given it all */
};

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct watched watch_list = { &watch_list, &watch_list, -1, 0,
				     false };

static void on_connection(void *cls, struct MHD_Connection *conn,
			  void **socket_cls,
			  enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	struct watched *w = *socket_cls;

	(void)cls;
	pthread_mutex_lock(&watch_lock);
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(conn,
					     MHD_CONNECTION_INFO_CONNECTION_FD);
		w = calloc(1, sizeof(*w));
		if (w && ci) {
			w->fd = ci->connect_fd;
			w->since = time(NULL);
			w->waiting = true;
			w->next = &watch_list;
			w->prev = watch_list.prev;
			w->prev->next = w;
			watch_list.prev = w;
		} else {
			free(w);
			w = NULL;
		}
		*socket_cls = w;
	} else if (w) {
		w->prev->next = w->next;
		w->next->prev = w->prev;
		free(w);
		*socket_cls = NULL;
	}
	pthread_mutex_unlock(&watch_lock);
}

/* The request has come (true), or is over and the next is awaited. */
static void watch_request(struct MHD_Connection *conn, bool arrived)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
		MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watched *w = ci ? ci->socket_context : NULL;

	if (!w)
		return;
	pthread_mutex_lock(&watch_lock);
	w->waiting = !arrived;
	w->since = time(NULL);
	pthread_mutex_unlock(&watch_lock);
}

static void *watchdog(void *arg)
{
	struct watched *w;
	time_t now, trimmed = 0;

	(void)arg;
	for (;;) {
		sleep(1);
		now = time(NULL);
#ifdef __GLIBC__
		/* Kept pages and answers, made after each change of data,
		   sit above the memory of the requests that made them, so
		   the allocator cannot give that memory back from the top of
		   its heaps; given back from anywhere every ten seconds, the
		   server's resident memory stays with its data. */
		if (now - trimmed >= 10) {
			malloc_trim(0);
			trimmed = now;
		}
#endif
		pthread_mutex_lock(&watch_lock);
		for (w = watch_list.next; w != &watch_list; w = w->next)
			if (w->waiting && now - w->since >= HEADER_DEADLINE) {
				/* libmicrohttpd sees the end and closes. */
				shutdown(w->fd, SHUT_RDWR);
				w->waiting = false;
			}
		pthread_mutex_unlock(&watch_lock);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* One request */

static void req_free(struct req *r)
{
	if (r->page)
		fclose(r->page);
	free(r->page_buf);
	if (r->body_mapped)
		munmap(r->body, r->body_mapped);
	else
		free(r->body);
	if (r->body_fd >= 0)
		close(r->body_fd);
	free(r->form.fields);
	release_store(r);
	free(r);
}

static void client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(r->address, sizeof(r->address), "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  r->address, sizeof(r->address));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)sa)->sin6_addr,
			  r->address, sizeof(r->address));
}

/*
 * A page showing an error summary is titled "Error: ...", as GOV.UK
 * asks, so that a screen reader hears first that something is wrong.
 * Done here, once, because the summary is written after the title.  The
 * buffer is a whole page (page_write ends it with a NUL).
 */
static void title_errors(struct req *r)
{
	static const char prefix[] = "Error: ";
	char *title, *page;
	size_t at;

	/* Flagged where a summary is written, not searched for: a page can
	   be hundreds of kilobytes. */
	if (r->content_type || !r->page_buf || !r->error_summary)
		return;
	title = strstr(r->page_buf, "<title>");
	if (!title)
		return;
	at = (size_t)(title - r->page_buf) + strlen("<title>");
	if (!strncmp(r->page_buf + at, prefix, strlen(prefix)))
		return;
	page = malloc(r->page_len + sizeof(prefix));
	if (!page)
		return;	/* the page without its prefix, not no page */
	memcpy(page, r->page_buf, at);
	memcpy(page + at, prefix, strlen(prefix));
	memcpy(page + at + strlen(prefix), r->page_buf + at,
	       r->page_len - at + 1);
	free(r->page_buf);
	r->page_buf = page;
	r->page_len += strlen(prefix);
}

/*
 * The page being made is written to a stream appending to r->page_buf,
 * as open_memstream's does, NUL-ended and current after each flush; but
 * grown with realloc, which moves a large block by remapping it.  glibc's
 * memstream copies and zeroes its whole buffer each time it doubles: for
 * a page of most of a megabyte (the dashboard at scale) that was a third
 * of the request's time.
 */
static ssize_t page_write(void *cookie, const char *data, size_t n)
{
	struct req *r = cookie;
	size_t cap = r->page_cap ? r->page_cap : 8192;
	char *more;

	if (n > SIZE_MAX / 4 - r->page_len) {
		errno = ENOMEM;
		return -1;
	}
	while (cap < r->page_len + n + 1)
		cap *= 2;
	if (cap != r->page_cap) {
		more = realloc(r->page_buf, cap);
		if (!more) {
			errno = ENOMEM;
			return -1;
		}
		r->page_buf = more;
		r->page_cap = cap;
	}
	memcpy(r->page_buf + r->page_len, data, n);
	r->page_len += n;
	r->page_buf[r->page_len] = '\0';
	return (ssize_t)n;
}

static FILE *page_open(struct req *r)
{
	static const cookie_io_functions_t io = { NULL, page_write, NULL,
						  NULL };

	r->page_buf = malloc(8192);
	if (!r->page_buf)
		return NULL;
	r->page_buf[0] = '\0';
	r->page_len = 0;
	r->page_cap = 8192;
	return fopencookie(r, "w", io);
}

static enum MHD_Result respond(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t i;

	if (r->page) {
		/* Flush through the writer, then close: the buffer is whole
		   only once the stream is closed. */
		bool failed = vt_html_finish(&r->html) != VT_OK;

		if (fclose(r->page) || failed)
			r->status = 500;
		r->page = NULL;
	}
	if (r->status == 500) {
		/* A failed render is a clean 500, never half a page. */
		free(r->page_buf);
		r->page_buf = strdup("500: the page could not be made\n");
		r->page_len = r->page_buf ? strlen(r->page_buf) : 0;
		r->content_type = "text/plain; charset=utf-8";
		r->cache_control = NULL;
	}
	title_errors(r);
	resp = MHD_create_response_from_buffer(r->page_len, r->page_buf,
					       MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return MHD_NO;
	r->page_buf = NULL;	/* the response owns it now */
	MHD_add_response_header(resp, "Content-Type", r->content_type ?
				r->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", r->cache_control ?
				r->cache_control : "no-store");
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition",
					r->disposition);
	if (r->etag[0] && (r->status == 200 || r->status == 304))
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->allow[0] && r->status == 405)
		MHD_add_response_header(resp, "Allow", r->allow);
	for (i = 0; i < r->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
	ret = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* A file only this process can reach: made in a private directory and
   unlinked at once, so that it goes when closed. */
static int private_file(void)
{
	char dir[] = "/tmp/vitals-body-XXXXXX", path[64];
	int fd;

	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/body-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	rmdir(dir);
	return fd;
}

/*
 * How much body the admitted request may send: a workbook for the upload
 * route (to a file, never to memory), a form once signed in, the sign-in
 * form before.  A length declared beyond it is refused unread.
 */
static unsigned body_allowance(struct req *r)
{
	const char *length = MHD_lookup_connection_value(r->conn,
		MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	bool upload = r->signed_in && r->route->handler == page_return_upload;
	unsigned long long declared;
	char *end;

	/* A long form sent after its session ended is read whole, so that
	   nothing typed is lost (F_KEEPS_WORK). */
	r->body_max = upload ? REQ_UPLOAD_MAX
		      : r->signed_in || (r->route->flags & F_KEEPS_WORK)
		      ? REQ_BODY_MAX : REQ_PUBLIC_BODY_MAX;
	if (length) {
		errno = 0;
		declared = strtoull(length, &end, 10);
		if (errno || end == length || declared > r->body_max)
			return page_error(r, 413, upload ?
				"The file is too large: it must be smaller "
				"than 16 MB." : "The form is too large.");
	}
	if (upload && (r->body_fd = private_file()) < 0)
		return page_error(r, 503, "The server cannot keep the file.");
	return 0;
}

/* A chunk of the body: to the upload's file or memory, within the
   allowance; beyond it the rest is read and dropped. */
static bool take_body(struct req *r, const char *data, size_t n)
{
	size_t done;
	ssize_t w;
	char *b;

	if (r->body_too_big || r->body_len + n > r->body_max) {
		r->body_too_big = true;
		return true;
	}
	if (r->body_fd >= 0) {
		for (done = 0; done < n;) {
			w = write(r->body_fd, data + done, n - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return false;
			done += (size_t)w;
		}
		r->body_len += n;
		return true;
	}
	b = realloc(r->body, r->body_len + n + 1);
	if (!b)
		return false;
	memcpy(b + r->body_len, data, n);
	r->body_len += n;
	b[r->body_len] = '\0';
	r->body = b;
	return true;
}

/* The upload's file mapped as the body, for the multipart parser: pages
   are read as it walks them, and its cuts stay in this copy. */
static bool map_body(struct req *r)
{
	void *m;

	if (r->body_fd < 0 || !r->body_len || r->body_too_big)
		return true;
	m = mmap(NULL, r->body_len, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		 r->body_fd, 0);
	if (m == MAP_FAILED)
		return false;
	r->body = m;
	r->body_mapped = r->body_len;
	return true;
}

/* The first call: the headers.  Refused here, no byte of the body is
   read. */
static enum MHD_Result begin_request(const struct server_config *cfg,
				     struct MHD_Connection *conn,
				     const char *url, const char *method,
				     void **req_cls)
{
	struct req *r = calloc(1, sizeof(*r));

	if (!r)
		return MHD_NO;
	r->cfg = cfg;
	r->conn = conn;
	r->method = method;
	r->path = url;
	r->body_fd = -1;
	*req_cls = r;	/* freed in on_completed from here on */
	r->form.fields = calloc(REQ_FIELDS_MAX, sizeof(*r->form.fields));
	r->form.max = REQ_FIELDS_MAX;
	r->page = page_open(r);
	if (!r->form.fields || !r->page)
		return MHD_NO;
	vt_html_init(&r->html, r->page);
	client_address(r);
	r->status = route_admit(r);
	if (!r->status)
		r->status = body_allowance(r);
	/* A slow body holds no connection to the store. */
	release_store(r);
	return r->status ? respond(r) : MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct req *r = *req_cls;
	enum MHD_Result ret;

	(void)version;
	/* First call: the headers.  Then the body, a chunk a call. */
	if (!r) {
		ret = begin_request(cls, conn, url, method, req_cls);
		/* Signed in, the rest may take its time; before, the whole
		   request is due by the deadline. */
		r = *req_cls;
		if (r && r->signed_in)
			watch_request(conn, true);
		return ret;
	}
	if (*upload_size) {
		if (!take_body(r, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	watch_request(conn, true);
	if (!map_body(r))
		return MHD_NO;
	req_parse_body(r);
	r->status = route_request(r);
	return respond(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **req_cls, enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)code;
	watch_request(conn, false);	/* the next request's deadline */
	if (*req_cls)
		req_free(*req_cls);
	*req_cls = NULL;
}

/* "127.0.0.1:8080" or ":8080" into an IPv4 address. */
static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || !colon[1] || port < 0 || port > 65535)
		return -1;
	sa->sin_port = htons((uint16_t)port);
	if (!host[0])
		snprintf(host, sizeof(host), "127.0.0.1");
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int server_run(const struct server_config *cfg)
{
	const union MHD_DaemonInfo *info;
	char host[INET_ADDRSTRLEN];
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	pthread_t dog;
	sigset_t stop;
	int sig;

	if (parse_listen(cfg->listen, &sa)) {
		fprintf(stderr, "vitals: error: '%s' is not an address to "
			"listen on (HOST:PORT, as 127.0.0.1:8080)\n",
			cfg->listen);
		return 2;
	}
	/* Threads inherit the mask: only this one waits for the signals. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifdef __GLIBC__
	/* glibc gives each worker thread an arena of its own, each holding
	   on to its largest request's memory: with the definition read per
	   request, resident memory crept up with every change of data (the
	   soak, bench/http/README.md).  Two arenas keep that down for little
	   waiting on the allocator. */
	mallopt(M_ARENA_MAX, 2);
	/* A page or a kept answer of hundreds of kilobytes is made and let
	   go with every change of data.  glibc raises its mmap threshold to
	   the largest block ever freed, after which such blocks come from
	   the heaps and leave them in pieces that cannot be given back (the
	   soak: 4-6 MB in use in 28 MB of heap).  A fixed threshold keeps
	   every large block in a mapping of its own, returned when freed. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	if (pthread_create(&dog, NULL, watchdog, NULL) ||
	    pthread_detach(dog)) {
		fprintf(stderr, "vitals: error: cannot start a thread\n");
		return 3;
	}
	/*
	 * Room for many: one address (or one office behind NAT) holds at
	 * most PER_ADDRESS of the CONNECTIONS, and none of them outlives
	 * the header deadline without a request.  Behind a reverse proxy
	 * every client is the proxy's address: see docs/deploy.md.
	 */
	d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD |
			     MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request,
			     (void *)cfg,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_LIMIT, SERVER_CONNECTIONS,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     SERVER_PER_ADDRESS,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			     (size_t)(128 * 1024),
			     MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "vitals: error: cannot listen on %s: %s\n",
			cfg->listen, strerror(errno));
		return 3;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
	printf("vitals serve: listening on http://%s:%u/\n", host,
	       info ? info->port : 0);
	fflush(stdout);
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	printf("vitals serve: stopped\n");
	return 0;
}
