/* A slow HTTP client for the server's load test: many connections from several loopback addresses, trickling. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/*
 * slowclient PORT MODE COUNT SECONDS
 *   headers: a request line, then a header byte each second, never ending;
 *   upload:  an unauthenticated POST of a 16 MB workbook to an upload
 *            address, its body 256 KB a second (a server that buffers
 *            it grows by that much a second for each).
 * Connections come from 127.0.0.2 to 127.0.0.11 in turn.  After SECONDS
 * it prints "opened N answered A dropped D open O": answered, the server
 * sent a response; dropped, it closed without one; open, still held.
 */

enum state { OPEN, ANSWERED, DROPPED, FAILED };

struct conn {
	int fd;
	enum state state;
	size_t sent;
};

static const char headers_start[] = "GET / HTTP/1.1\r\nHost: x\r\n";
static const char upload_start[] =
	"POST /returns/police/2026Q3/upload HTTP/1.1\r\nHost: x\r\n"
	"Content-Type: multipart/form-data; boundary=b\r\n"
	"Content-Length: 16000000\r\n\r\n";
#define UPLOAD_LENGTH 16000000
#define UPLOAD_STEP (256 * 1024)

static int open_one(unsigned port, unsigned n)
{
	struct sockaddr_in from = { 0 }, to = { 0 };
	struct timeval wait = { 2, 0 };	/* a full backlog: give up */
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof(wait));
	from.sin_family = to.sin_family = AF_INET;
	from.sin_addr.s_addr = htonl(0x7f000002u + n % 10);
	to.sin_addr.s_addr = htonl(0x7f000001u);
	to.sin_port = htons((unsigned short)port);
	if (bind(fd, (struct sockaddr *)&from, sizeof(from)) ||
	    connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

/* What the server said, if anything: an answer, or a close. */
static void look(struct conn *c)
{
	char buf[512];
	ssize_t n = recv(c->fd, buf, sizeof(buf), 0);

	if (n > 0)
		c->state = ANSWERED;
	else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
		c->state = DROPPED;
	if (c->state != OPEN) {
		close(c->fd);
		c->fd = -1;
	}
}

static void trickle(struct conn *c, int upload)
{
	static char step[UPLOAD_STEP];
	const char *data = upload ? step : "X";
	size_t len = upload ? sizeof(step) : 1;
	ssize_t n;

	if (upload && c->sent + len > UPLOAD_LENGTH)
		len = UPLOAD_LENGTH - c->sent;
	if (!len)
		return;
	n = send(c->fd, data, len, MSG_NOSIGNAL);
	if (n >= 0) {
		c->sent += (size_t)n;
		return;
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return;
	look(c);	/* an answer may be waiting; if not, dropped */
	if (c->state == OPEN) {
		c->state = DROPPED;
		close(c->fd);
		c->fd = -1;
	}
}

int main(int argc, char **argv)
{
	unsigned port, count, seconds, i, counts[4] = { 0 };
	struct conn *cs;
	int upload;
	time_t end;

	if (argc != 5) {
		fprintf(stderr, "usage: slowclient PORT headers|upload COUNT "
			"SECONDS\n");
		return 2;
	}
	port = (unsigned)atoi(argv[1]);
	upload = !strcmp(argv[2], "upload");
	count = (unsigned)atoi(argv[3]);
	seconds = (unsigned)atoi(argv[4]);
	cs = calloc(count, sizeof(*cs));
	if (!cs)
		return 1;
	for (i = 0; i < count; i++) {
		const char *start = upload ? upload_start : headers_start;

		cs[i].fd = open_one(port, i);
		if (cs[i].fd < 0) {
			cs[i].state = FAILED;
			continue;
		}
		if (send(cs[i].fd, start, strlen(start), MSG_NOSIGNAL) < 0)
			look(&cs[i]);
	}
	printf("started\n");
	fflush(stdout);
	for (end = time(NULL) + seconds; time(NULL) < end;) {
		sleep(1);
		for (i = 0; i < count; i++) {
			if (cs[i].state != OPEN)
				continue;
			look(&cs[i]);
			if (cs[i].state == OPEN)
				trickle(&cs[i], upload);
		}
	}
	for (i = 0; i < count; i++) {
		if (cs[i].state == OPEN)
			look(&cs[i]);
		counts[cs[i].state]++;
	}
	printf("opened %u answered %u dropped %u open %u\n",
	       count - counts[FAILED], counts[ANSWERED], counts[DROPPED],
	       counts[OPEN]);
	for (i = 0; i < count; i++)
		if (cs[i].fd >= 0)
			close(cs[i].fd);
	free(cs);
	return 0;
}
