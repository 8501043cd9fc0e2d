/* Sorting more records than memory holds: sorted runs on disk, merged. */
#include "util/extsort.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs merged at once; past this many the runs so far become one. */
#define MAX_RUNS 64
#define ALIGN 16
#define RUN_BUFFER (64 * 1024)

struct vt_extsort_source {
	FILE *f;
	char *rec;			/* the current record, aligned */
	size_t len, alloc;
};

/* A run file: made in $TMPDIR and unlinked, so it goes when closed. */
static FILE *run_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/vitals-sort-XXXXXX",
			     dir) >= sizeof(path))
		return NULL;
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+b");
	if (!f) {
		close(fd);
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, RUN_BUFFER);
	return f;
}

enum vt_err vt_extsort_init(struct vt_extsort *s, size_t memory,
			    vt_extsort_cmp cmp)
{
	memset(s, 0, sizeof(*s));
	if (memory < 64 * 1024)
		memory = 64 * 1024;
	s->size = memory / ALIGN * ALIGN;
	s->mem = malloc(s->size);
	s->cmp = cmp;
	s->entries = (struct vt_extsort_entry *)(void *)(s->mem + s->size);
	return s->mem ? VT_OK : VT_ENOMEM;
}

/*
 * Stable merge sort of the index.  'tmp' has room for n / 2 + 1 entries:
 * it is the free space between the records and the index, which
 * vt_extsort_add() keeps as large as the index itself.
 */
static void sort_entries(struct vt_extsort_entry *a,
			 struct vt_extsort_entry *tmp, size_t n,
			 vt_extsort_cmp cmp)
{
	size_t h, i, j, k;

	if (n <= 12) {
		for (i = 1; i < n; i++) {
			struct vt_extsort_entry e = a[i];

			for (j = i; j > 0 && cmp(a[j - 1].rec, e.rec) > 0; j--)
				a[j] = a[j - 1];
			a[j] = e;
		}
		return;
	}
	h = n / 2;
	sort_entries(a, tmp, h, cmp);
	sort_entries(a + h, tmp, n - h, cmp);
	if (cmp(a[h - 1].rec, a[h].rec) <= 0)
		return;		/* already in order, as input often is */
	memcpy(tmp, a, h * sizeof(*a));
	for (i = 0, j = h, k = 0; i < h && j < n; k++)
		a[k] = cmp(tmp[i].rec, a[j].rec) <= 0 ? tmp[i++] : a[j++];
	while (i < h)
		a[k++] = tmp[i++];
}

/*
 * The index grows downwards, so the first record added is at the top:
 * reverse it once before sorting, so that equal records keep their order.
 */
static void reverse_entries(struct vt_extsort *s)
{
	size_t i;

	for (i = 0; i < s->n / 2; i++) {
		struct vt_extsort_entry t = s->entries[i];

		s->entries[i] = s->entries[s->n - 1 - i];
		s->entries[s->n - 1 - i] = t;
	}
}

static void sort_buffer(struct vt_extsort *s)
{
	reverse_entries(s);
	sort_entries(s->entries, s->entries - s->n, s->n, s->cmp);
}

static enum vt_err write_record(FILE *f, const void *rec, size_t len)
{
	uint32_t n = (uint32_t)len;

	if (fwrite(&n, sizeof(n), 1, f) != 1 ||
	    (len && fwrite(rec, len, 1, f) != 1))
		return VT_EIO;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Merging runs: a heap of sources ordered by their current record */

static enum vt_err source_read(struct vt_extsort_source *src, bool *more)
{
	uint32_t n;

	*more = false;
	if (fread(&n, sizeof(n), 1, src->f) != 1)
		return ferror(src->f) ? VT_EIO : VT_OK;
	if (n > src->alloc) {
		char *p = realloc(src->rec, n);

		if (!p)
			return VT_ENOMEM;
		src->rec = p;
		src->alloc = n;
	}
	if (n && fread(src->rec, n, 1, src->f) != 1)
		return VT_EIO;	/* a run we wrote ends early */
	src->len = n;
	*more = true;
	return VT_OK;
}

/* Ties go to the older run: records equal in order keep their order. */
static bool heap_less(const struct vt_extsort *s, size_t a, size_t b)
{
	int c = s->cmp(s->src[a].rec, s->src[b].rec);

	return c < 0 || (c == 0 && a < b);
}

static void heap_down(struct vt_extsort *s, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i, t;

		if (l < s->nheap && heap_less(s, s->heap[l], s->heap[m]))
			m = l;
		if (r < s->nheap && heap_less(s, s->heap[r], s->heap[m]))
			m = r;
		if (m == i)
			return;
		t = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = t;
		i = m;
	}
}

static void merge_close(struct vt_extsort *s)
{
	size_t i;

	for (i = 0; s->src && i < s->nruns; i++)
		free(s->src[i].rec);
	free(s->src);
	free(s->heap);
	s->src = NULL;
	s->heap = NULL;
	s->nheap = 0;
}

/* Rewind every run and read its first record. */
static enum vt_err merge_open(struct vt_extsort *s)
{
	enum vt_err result = VT_OK;
	size_t i;

	s->src = calloc(s->nruns + 1, sizeof(*s->src));
	s->heap = calloc(s->nruns + 1, sizeof(*s->heap));
	if (!s->src || !s->heap)
		return VT_ENOMEM;
	for (i = 0; i < s->nruns && !result; i++) {
		bool more;

		s->src[i].f = s->runs[i];
		if (fflush(s->runs[i]) || fseek(s->runs[i], 0, SEEK_SET))
			return VT_EIO;
		result = source_read(&s->src[i], &more);
		if (!result && more)
			s->heap[s->nheap++] = i;
	}
	for (i = s->nheap / 2; i-- > 0;)
		heap_down(s, i);
	return result;
}

/* Move past the record on top of the heap. */
static enum vt_err merge_advance(struct vt_extsort *s)
{
	bool more;
	enum vt_err result = source_read(&s->src[s->heap[0]], &more);

	if (result)
		return result;
	if (!more)
		s->heap[0] = s->heap[--s->nheap];
	if (s->nheap)
		heap_down(s, 0);
	return VT_OK;
}

static void close_runs(struct vt_extsort *s)
{
	size_t i;

	for (i = 0; i < s->nruns; i++)
		fclose(s->runs[i]);
	s->nruns = 0;
}

/* Too many runs to merge at once: make them one. */
static enum vt_err merge_runs(struct vt_extsort *s)
{
	FILE *out = run_file();
	enum vt_err result;

	if (!out)
		return VT_EIO;
	result = merge_open(s);
	while (!result && s->nheap) {
		const struct vt_extsort_source *top = &s->src[s->heap[0]];

		result = write_record(out, top->rec, top->len);
		if (!result)
			result = merge_advance(s);
	}
	merge_close(s);
	close_runs(s);
	if (result) {
		fclose(out);
		return result;
	}
	s->runs[s->nruns++] = out;
	return VT_OK;
}

/* The buffer is full (or finished): sort it and write it as a run. */
static enum vt_err spill(struct vt_extsort *s)
{
	enum vt_err result = VT_OK;
	FILE *f;
	size_t i;

	if (!s->n)
		return VT_OK;
	if (!s->runs) {
		s->runs = calloc(MAX_RUNS, sizeof(*s->runs));
		if (!s->runs)
			return VT_ENOMEM;
	}
	if (s->nruns == MAX_RUNS) {
		result = merge_runs(s);
		if (result)
			return result;
	}
	f = run_file();
	if (!f)
		return VT_EIO;
	sort_buffer(s);
	for (i = 0; i < s->n && !result; i++)
		result = write_record(f, s->entries[i].rec, s->entries[i].len);
	if (result) {
		fclose(f);
		return result;
	}
	s->runs[s->nruns++] = f;
	s->n = 0;
	s->used = 0;
	s->entries = (struct vt_extsort_entry *)(void *)(s->mem + s->size);
	return VT_OK;
}

/* Room for a record of 'len' bytes, its index entry and sort space. */
static bool fits(const struct vt_extsort *s, size_t len)
{
	size_t rec = (len + ALIGN - 1) / ALIGN * ALIGN;
	size_t index = (s->n + 1) * sizeof(*s->entries);

	return s->used + rec + 2 * index <= s->size;
}

enum vt_err vt_extsort_add(struct vt_extsort *s, const void *rec,
			   size_t len)
{
	enum vt_err result;

	if (s->finished)
		return VT_EINVAL;
	if (len > UINT32_MAX || (len + ALIGN) * 2 + 4 * sizeof(*s->entries) >
				 s->size)
		return VT_ETOOBIG;
	if (!fits(s, len)) {
		result = spill(s);
		if (result)
			return result;
	}
	memcpy(s->mem + s->used, rec, len);
	s->entries--;
	s->entries[0].rec = s->mem + s->used;
	s->entries[0].len = len;
	s->used += (len + ALIGN - 1) / ALIGN * ALIGN;
	s->n++;
	s->total++;
	return VT_OK;
}

enum vt_err vt_extsort_finish(struct vt_extsort *s)
{
	if (s->finished)
		return VT_EINVAL;
	s->finished = 1;
	if (!s->nruns) {
		sort_buffer(s);
		return VT_OK;
	}
	{
		enum vt_err result = spill(s);

		if (result)
			return result;
	}
	return merge_open(s);
}

enum vt_err vt_extsort_next(struct vt_extsort *s, const void **rec,
			    size_t *len)
{
	enum vt_err result;

	if (!s->finished)
		return VT_EINVAL;
	if (!s->nruns) {
		if (s->next >= s->n)
			return VT_ENOTFOUND;
		*rec = s->entries[s->next].rec;
		*len = s->entries[s->next++].len;
		return VT_OK;
	}
	if (!s->nheap)
		return VT_ENOTFOUND;
	/* The record handed out last time stays valid until now. */
	if (s->next++) {
		result = merge_advance(s);
		if (result)
			return result;
	}
	if (!s->nheap)
		return VT_ENOTFOUND;
	*rec = s->src[s->heap[0]].rec;
	*len = s->src[s->heap[0]].len;
	return VT_OK;
}

size_t vt_extsort_runs(const struct vt_extsort *s)
{
	return s->nruns;
}

void vt_extsort_release(struct vt_extsort *s)
{
	merge_close(s);
	close_runs(s);
	free(s->runs);
	free(s->mem);
	memset(s, 0, sizeof(*s));
}
