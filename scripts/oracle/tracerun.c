// SPDX-License-Identifier: GPL-2.0
/*
 * tracerun: replay a zsreview trace through /sys/kernel/debug/zstrace/ctl.
 *
 *   tracerun TRACE        replay (inside the oracle VM; built with gcc -O2 -static)
 *   tracerun -n TRACE     only check the trace (run on the host before booting a VM)
 *
 * Pools are created in trace order (zstrace numbers them 0, 1, ...). alloc/free/
 * compact lines become zstrace commands, written in batches of up to 64 KiB. A batch
 * holds the ops of one CPU only: before writing it, tracerun pins itself to that CPU
 * with sched_setaffinity(), so zs_malloc/zs_free run on the CPU the trace names
 * (SLUB's per-CPU slabs make that matter once cpus > 1). At `snapshot LABEL` it
 * flushes and runs `/bin/dump-snapshot LABEL` (env ZSTRACE_DUMP overrides), waiting
 * for it. Any problem: `tracerun: LINE: message` (LINE of the trace; `tracerun: FILE:
 * message` for the file as a whole) on stderr and exit 1 (2: usage).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CTL "/sys/kernel/debug/zstrace/ctl"
#define BATCH (64 * 1024)
#define MAX_CMDS 8192		/* commands per batch (the shortest is 9 bytes) */
#define MAX_POOLS 1024		/* as zstrace */
#define MAX_HANDLE (1u << 24)
#define MAX_CPUS 1024
#define PAGE_SIZE_X86 4096	/* zs_malloc() takes 1 .. PAGE_SIZE bytes */

static const char *trace_path;
static int check_only, ctl_fd = -1;
static long lineno;

static struct pool {
	char name[64];
	uint8_t *live;		/* bitmap of live trace handles */
	uint32_t live_bits;	/* capacity of live, in bits */
} pools[MAX_POOLS];
static int npools;
static int ncpus = 1;

/* the batch being built: text, one CPU, and the trace line of each command */
static char batch[BATCH];
static size_t batch_len;
static int batch_cpu = -1, pinned_cpu = -1;
static struct { size_t off; long line; } cmds[MAX_CMDS];
static int ncmds;
static long n_alloc, n_free, n_compact, n_snap;

static void fail(long line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (line > 0)
		fprintf(stderr, "tracerun: %ld: ", line);
	else
		fprintf(stderr, "tracerun: %s: ", trace_path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void pin(int cpu)
{
	cpu_set_t set;

	if (cpu == pinned_cpu)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		fail(lineno, "cannot run on cpu %d: %s (booted with fewer CPUs?)", cpu, strerror(errno));
	pinned_cpu = cpu;
}

static void flush(void)
{
	size_t off = 0;
	int i;

	if (check_only || batch_len == 0)
		goto out;
	pin(batch_cpu);
	while (off < batch_len) {
		ssize_t n = write(ctl_fd, batch + off, batch_len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			/* zstrace consumed everything before the failing command: it starts at off */
			for (i = ncmds - 1; i > 0 && cmds[i].off > off; i--)
				;
			char *end = strchr(batch + off, '\n');
			fail(cmds[i].line, "zstrace rejected \"%.*s\": %s (the kernel's \"zstrace:\" message says why)",
			     (int)(end ? end - (batch + off) : 80), batch + off, strerror(e));
		}
		off += (size_t)n;
	}
out:
	batch_len = 0;
	ncmds = 0;
}

/* queue one command for cpu; a batch never mixes CPUs */
static void queue(int cpu, const char *fmt, ...)
{
	char cmd[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (cpu != batch_cpu || batch_len + (size_t)n > BATCH || ncmds == MAX_CMDS)
		flush();
	batch_cpu = cpu;
	cmds[ncmds].off = batch_len;
	cmds[ncmds].line = lineno;
	ncmds++;
	memcpy(batch + batch_len, cmd, (size_t)n);
	batch_len += (size_t)n;
}

static int valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 63)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-+") == n;
}

/* decimal number in [0, max]; -1 if not */
static long number(const char *s, long max)
{
	char *end;
	long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	return v;
}

static int pool_index(const char *name)
{
	for (int i = 0; i < npools; i++)
		if (!strcmp(pools[i].name, name))
			return i;
	fail(lineno, "unknown pool \"%s\" (no \"pool %s\" line before this one)", name, name);
	return -1;
}

static int live_get(struct pool *p, uint32_t h)
{
	return h < p->live_bits && (p->live[h >> 3] >> (h & 7)) & 1;
}

static void live_set(struct pool *p, uint32_t h, int on)
{
	if (h >= p->live_bits) {
		uint32_t bits = p->live_bits ? p->live_bits : 65536;

		while (bits <= h)
			bits *= 2;
		p->live = realloc(p->live, bits / 8);
		if (!p->live)
			fail(lineno, "out of memory");
		memset(p->live + p->live_bits / 8, 0, (bits - p->live_bits) / 8);
		p->live_bits = bits;
	}
	if (on)
		p->live[h >> 3] |= (uint8_t)(1 << (h & 7));
	else
		p->live[h >> 3] &= (uint8_t)~(1 << (h & 7));
}

/* "cpu=N" as the optional last word; 0 when absent */
static int cpu_of(char **w, int nw, int fixed)
{
	int cpu = 0;

	if (nw == fixed + 1) {
		if (strncmp(w[fixed], "cpu=", 4) || (cpu = (int)number(w[fixed] + 4, MAX_CPUS - 1)) < 0)
			fail(lineno, "expected cpu=N, got \"%s\"", w[fixed]);
		if (cpu >= ncpus)
			fail(lineno, "cpu=%d but the machine line says cpus=%d", cpu, ncpus);
	} else if (nw != fixed) {
		fail(lineno, "%s takes %d arguments%s", w[0], fixed - 1, fixed > 1 ? " and an optional cpu=N" : "");
	}
	return cpu;
}

static void snapshot(const char *label)
{
	const char *dump = getenv("ZSTRACE_DUMP") ? getenv("ZSTRACE_DUMP") : "/bin/dump-snapshot";
	int status;
	pid_t pid;

	flush();
	n_snap++;
	if (check_only)
		return;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		fail(lineno, "fork: %s", strerror(errno));
	if (pid == 0) {
		execl(dump, "dump-snapshot", label, (char *)NULL);
		fprintf(stderr, "tracerun: %s: %s\n", dump, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail(lineno, "waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail(lineno, "%s %s failed (status %d)", dump, label, status);
}

static void directive(char **w, int nw, int *seen_header)
{
	if (!*seen_header) {
		if (strcmp(w[0], "zsreview-trace") || nw != 2 || strcmp(w[1], "1"))
			fail(lineno, "not a zsreview trace: the first line must be \"zsreview-trace 1\"");
		*seen_header = 1;
		return;
	}
	if (!strcmp(w[0], "machine")) {
		for (int i = 1; i < nw; i++) {
			if (!strncmp(w[i], "cpus=", 5)) {
				ncpus = (int)number(w[i] + 5, MAX_CPUS);
				if (ncpus < 1)
					fail(lineno, "bad %s", w[i]);
			} else if (!strncmp(w[i], "page_size=", 10) && strcmp(w[i] + 10, "4096")) {
				fail(lineno, "%s: the oracle VM is x86_64 with 4096-byte pages", w[i]);
			} else if (!strncmp(w[i], "word_bits=", 10) && strcmp(w[i] + 10, "64")) {
				fail(lineno, "%s: the oracle VM is x86_64 (64-bit)", w[i]);
			}
		}
	} else if (!strcmp(w[0], "kernel") || !strcmp(w[0], "slab")) {
		/* informational here: run-trace.sh picks the kernel and the boot options */
	} else if (!strcmp(w[0], "pool")) {
		if (nw < 2 || nw > 3 || (nw == 3 && strncmp(w[2], "caches=", 7)))
			fail(lineno, "expected \"pool NAME [caches=own|shared]\"");
		if (!valid_name(w[1]))
			fail(lineno, "bad pool name \"%s\" (1-63 of A-Z a-z 0-9 _ . - +)", w[1]);
		for (int i = 0; i < npools; i++)
			if (!strcmp(pools[i].name, w[1]))
				fail(lineno, "pool %s is created twice", w[1]);
		if (npools == MAX_POOLS)
			fail(lineno, "more than %d pools", MAX_POOLS);
		strcpy(pools[npools++].name, w[1]);
		queue(0, "pool %s\n", w[1]);
	} else if (!strcmp(w[0], "alloc")) {
		if (nw < 4)
			fail(lineno, "expected \"alloc POOL HANDLE SIZE [cpu=N]\"");
		int cpu = cpu_of(w, nw, 4), pi = pool_index(w[1]);
		long h = number(w[2], MAX_HANDLE - 1), size = number(w[3], PAGE_SIZE_X86);

		if (h < 0)
			fail(lineno, "bad handle \"%s\" (0 .. %u)", w[2], MAX_HANDLE - 1);
		if (size < 1)
			fail(lineno, "bad size \"%s\" (zs_malloc takes 1 .. %d bytes)", w[3], PAGE_SIZE_X86);
		if (live_get(&pools[pi], (uint32_t)h))
			fail(lineno, "handle %ld of pool %s is already allocated", h, w[1]);
		live_set(&pools[pi], (uint32_t)h, 1);
		queue(cpu, "alloc %d %ld %ld\n", pi, h, size);
		n_alloc++;
	} else if (!strcmp(w[0], "free")) {
		if (nw < 3)
			fail(lineno, "expected \"free POOL HANDLE [cpu=N]\"");
		int cpu = cpu_of(w, nw, 3), pi = pool_index(w[1]);
		long h = number(w[2], MAX_HANDLE - 1);

		if (h < 0 || !live_get(&pools[pi], (uint32_t)h))
			fail(lineno, "free of handle \"%s\", which pool %s does not hold", w[2], w[1]);
		live_set(&pools[pi], (uint32_t)h, 0);
		queue(cpu, "free %d %ld\n", pi, h);
		n_free++;
	} else if (!strcmp(w[0], "compact")) {
		if (nw < 2)
			fail(lineno, "expected \"compact POOL [cpu=N]\"");
		int cpu = cpu_of(w, nw, 2), pi = pool_index(w[1]);

		queue(cpu, "compact %d\n", pi);
		n_compact++;
	} else if (!strcmp(w[0], "snapshot")) {
		if (nw != 2 || !valid_name(w[1]))
			fail(lineno, "expected \"snapshot LABEL\" (LABEL: 1-63 of A-Z a-z 0-9 _ . - +)");
		snapshot(w[1]);
	} else {
		fail(lineno, "unknown directive \"%s\"", w[0]);
	}
}

static char *slurp(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0) {
		fprintf(stderr, "tracerun: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (buf && (r = read(fd, buf + n, cap - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "tracerun: %s: %s\n", path, strerror(errno));
			exit(1);
		}
		n += (size_t)r;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	if (!buf) {
		fprintf(stderr, "tracerun: out of memory\n");
		exit(1);
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	int seen_header = 0;
	size_t len;
	char *text, *line, *next;

	if (argc == 3 && !strcmp(argv[1], "-n"))
		check_only = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: tracerun [-n] TRACE\n");
		return 2;
	}
	trace_path = argv[argc - 1];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	text = slurp(trace_path, &len);
	if (memchr(text, '\0', len))
		fail(0, "contains a NUL byte: not a text trace");
	if (!check_only) {
		pin(0);		/* pools are created on CPU 0 */
		ctl_fd = open(CTL, O_WRONLY);
		if (ctl_fd < 0)
			fail(0, "%s: %s (zstrace not loaded or debugfs not mounted)", CTL, strerror(errno));
	}
	for (line = text; line && *line; line = next) {
		char *w[8];
		int nw = 0;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		for (char *tok = strtok(line, " \t\r"); tok; tok = strtok(NULL, " \t\r")) {
			if (nw == 8)
				fail(lineno, "too many words");
			w[nw++] = tok;
		}
		if (nw)
			directive(w, nw, &seen_header);
	}
	if (!seen_header)
		fail(0, "empty: no \"zsreview-trace 1\" line");
	lineno = 0;
	flush();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("tracerun: %s %d pools, %ld allocs, %ld frees, %ld compacts, %ld snapshots, cpus=%d in %.2f s\n",
	       check_only ? "checked" : "replayed", npools, n_alloc, n_free, n_compact, n_snap, ncpus,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
