// SPDX-License-Identifier: GPL-2.0
/*
 * zstrace: replay a zsreview trace against the kernel's own zsmalloc.
 *
 * debugfs /sys/kernel/debug/zstrace/
 *   ctl    (write only) text commands, one per line, many per write(), run in
 *          order in the writer's context (so on the CPU the writer is pinned to):
 *            pool NAME                 zs_create_pool(NAME); pools are numbered
 *                                      0, 1, 2 ... in creation order
 *            alloc POOLIDX HANDLE SIZE zs_malloc(pool, SIZE, gfp); remember HANDLE
 *            free POOLIDX HANDLE       zs_free(pool, <what HANDLE maps to>)
 *            compact POOLIDX           zs_compact(pool)
 *          Every write() must hold whole lines. On a bad command the commands
 *          before it have run: write() returns the bytes consumed up to it (a
 *          short write), and a write() that starts with the bad command fails with
 *          -EINVAL after a pr_err naming the line. So a writer that retries the
 *          rest of a short write knows exactly which command failed.
 *   stats  (read only) one line per pool, in creation order:
 *            NAME total_pages pages_compacted max_pages objects stored_bytes
 *          total_pages = zs_get_total_pages(), pages_compacted from
 *          zs_pool_stats(), max_pages = the largest total_pages seen right after
 *          an alloc (as zram's mem_used_max), objects and stored_bytes = live
 *          handles and the sum of their requested sizes (as zram's compr_data_size).
 *
 * Builds as a module (6.1: against a zsmalloc.ko, 6.12: zsmalloc built in) and
 * as built-in code (mm/zstrace.c in the minimal 6.12 kernel). Unloading the
 * module frees every live object and destroys the pools.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/xarray.h>
#include <linux/zsmalloc.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "zstrace targets 6.1 .. 6.12 (zs_create_pool(name), zs_malloc(pool, size, gfp))"
#endif

#define ZSTRACE_MAX_POOLS 1024
#define ZSTRACE_MAX_WRITE (4 << 20)	/* a batch; tracerun writes 64 KiB */
#define ZSTRACE_MAX_HANDLE (1UL << 31)	/* trace handles are small integers */

/*
 * The gfp zram passes on its slow path (__zram_bvec_write() in 6.1,
 * zram_write_page() in 6.12): GFP_NOIO | __GFP_HIGHMEM | __GFP_MOVABLE.
 * zram's fast path (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN | __GFP_HIGHMEM |
 * __GFP_MOVABLE, no direct reclaim) exists only because zram holds a per-CPU
 * compression stream with preemption disabled; we run in plain process context
 * and may sleep, so we use the flags zram falls back to. Both carry
 * __GFP_MOVABLE (zspage pages come from the same movable pageblocks), and
 * zsmalloc strips __GFP_HIGHMEM|__GFP_MOVABLE for its zs_handle/zspage slab
 * allocations, so with enough free memory (the oracle VM has 1 GiB) neither
 * which zsmalloc class, zspage or slab an object lands in nor any counter
 * depends on the choice: it only picks which free pages the buddy allocator
 * hands out.
 */
#define ZSTRACE_GFP (GFP_NOIO | __GFP_HIGHMEM | __GFP_MOVABLE)

struct zstrace_pool {
	struct zs_pool *zs;
	char *name;
	struct xarray handles;	/* trace handle -> zsmalloc handle (a pointer) */
	struct xarray sizes;	/* trace handle -> xa_mk_value(requested size) */
	unsigned long max_pages;
	unsigned long objects;
	unsigned long stored_bytes;
};

static DEFINE_MUTEX(zstrace_lock);	/* serialises ctl writes and stats reads */
static struct zstrace_pool *pools[ZSTRACE_MAX_POOLS];
static unsigned int npools;
static struct dentry *zstrace_dir;

static struct zstrace_pool *pool_by_idx(const char *tok)
{
	unsigned int idx;

	if (!tok || kstrtouint(tok, 10, &idx) || idx >= npools)
		return NULL;
	return pools[idx];
}

static int do_pool(const char *name)
{
	struct zstrace_pool *p;
	unsigned int i;

	if (!name || !*name || npools >= ZSTRACE_MAX_POOLS)
		return -EINVAL;
	for (i = 0; i < npools; i++)
		if (!strcmp(pools[i]->name, name))
			return -EEXIST;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->name = kstrdup(name, GFP_KERNEL);
	p->zs = p->name ? zs_create_pool(p->name) : NULL;
	if (!p->zs) {
		kfree(p->name);
		kfree(p);
		return -ENOMEM;
	}
	xa_init(&p->handles);
	xa_init(&p->sizes);
	pools[npools++] = p;
	return 0;
}

static int do_alloc(struct zstrace_pool *p, unsigned long th, unsigned long size)
{
	unsigned long h, pages;
	int err;

	if (th >= ZSTRACE_MAX_HANDLE || !size)
		return -EINVAL;
	if (xa_load(&p->handles, th))
		return -EEXIST;
	h = zs_malloc(p->zs, size, ZSTRACE_GFP);
	/* >= 6.0 returns an ERR_PTR value on failure (older kernels returned 0) */
	if (!h || IS_ERR_VALUE(h))
		return -ENOMEM;
	/* a zsmalloc handle is a pointer to a zs_handle slab object, 8-byte aligned: a valid xarray entry */
	err = xa_err(xa_store(&p->handles, th, (void *)h, GFP_KERNEL));
	if (!err)
		err = xa_err(xa_store(&p->sizes, th, xa_mk_value(size), GFP_KERNEL));
	if (err) {
		xa_erase(&p->handles, th);
		zs_free(p->zs, h);
		return err;
	}
	p->objects++;
	p->stored_bytes += size;
	/* zram updates mem_used_max right after each zs_malloc the same way */
	pages = zs_get_total_pages(p->zs);
	if (pages > p->max_pages)
		p->max_pages = pages;
	return 0;
}

static int do_free(struct zstrace_pool *p, unsigned long th)
{
	void *h = xa_erase(&p->handles, th);
	void *sz = xa_erase(&p->sizes, th);

	if (!h)
		return -ENOENT;
	zs_free(p->zs, (unsigned long)h);
	p->objects--;
	p->stored_bytes -= xa_to_value(sz);
	return 0;
}

/* one command line (NUL-terminated, no newline); 0 or -errno */
static int run_line(char *line)
{
	char *argv[5];
	int argc = 0;
	unsigned long a, b;
	struct zstrace_pool *p;
	char *tok;

	while (argc < 5 && (tok = strsep(&line, " \t")) != NULL)
		if (*tok)
			argv[argc++] = tok;
	if (argc == 0)
		return 0;	/* blank line */
	if (line && *skip_spaces(line))
		return -EINVAL;	/* more than 4 words */
	if (!strcmp(argv[0], "pool") && argc == 2)
		return do_pool(argv[1]);
	p = argc >= 2 ? pool_by_idx(argv[1]) : NULL;
	if (!p)
		return -EINVAL;
	if (!strcmp(argv[0], "alloc") && argc == 4 &&
	    !kstrtoul(argv[2], 10, &a) && !kstrtoul(argv[3], 10, &b))
		return do_alloc(p, a, b);
	if (!strcmp(argv[0], "free") && argc == 3 && !kstrtoul(argv[2], 10, &a))
		return do_free(p, a);
	if (!strcmp(argv[0], "compact") && argc == 2) {
		zs_compact(p->zs);
		return 0;
	}
	return -EINVAL;
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char *buf, *pos, *nl, copy[128];
	ssize_t done = 0;
	int err = 0;

	if (len == 0)
		return 0;
	if (len > ZSTRACE_MAX_WRITE)
		return -EFBIG;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&zstrace_lock);
	for (pos = buf; pos < buf + len; pos = nl + 1) {
		nl = strchrnul(pos, '\n');
		*nl = '\0';
		/* run_line() splits its argument: keep pos intact for the error message */
		err = strscpy(copy, pos, sizeof(copy)) < 0 ? -EINVAL : run_line(copy);
		if (err) {
			/* logged once: when it is the first command of a write (-EINVAL below) */
			if (pos == buf)
				pr_err("zstrace: %s (%d): %s\n",
				       err == -ENOENT ? "unknown handle" :
				       err == -EEXIST ? "handle or pool already exists" :
				       err == -ENOMEM ? "zs_malloc failed" : "bad command",
				       err, pos);
			break;
		}
		done = min_t(ssize_t, nl + 1 - buf, len);
	}
	mutex_unlock(&zstrace_lock);
	kfree(buf);
	/* commands before the bad one ran: report them as written (short write) */
	if (err && done == 0)
		return -EINVAL;
	return done;
}

static int stats_show(struct seq_file *m, void *v)
{
	struct zs_pool_stats st;
	unsigned int i;

	mutex_lock(&zstrace_lock);
	for (i = 0; i < npools; i++) {
		struct zstrace_pool *p = pools[i];

		memset(&st, 0, sizeof(st));
		zs_pool_stats(p->zs, &st);
		seq_printf(m, "%s %lu %ld %lu %lu %lu\n", p->name,
			   zs_get_total_pages(p->zs),
			   atomic_long_read(&st.pages_compacted),
			   p->max_pages, p->objects, p->stored_bytes);
	}
	mutex_unlock(&zstrace_lock);
	return 0;
}

static int stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, stats_show, NULL);
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.write = ctl_write,
	.llseek = noop_llseek,
};

static const struct file_operations stats_fops = {
	.owner = THIS_MODULE,
	.open = stats_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int __init zstrace_init(void)
{
	zstrace_dir = debugfs_create_dir("zstrace", NULL);
	if (IS_ERR(zstrace_dir))
		return PTR_ERR(zstrace_dir);
	debugfs_create_file("ctl", 0200, zstrace_dir, NULL, &ctl_fops);
	debugfs_create_file("stats", 0444, zstrace_dir, NULL, &stats_fops);
	return 0;
}

static void __exit zstrace_exit(void)
{
	unsigned long th;
	unsigned int i;
	void *h;

	debugfs_remove_recursive(zstrace_dir);
	for (i = 0; i < npools; i++) {
		struct zstrace_pool *p = pools[i];

		xa_for_each(&p->handles, th, h)
			zs_free(p->zs, (unsigned long)h);
		xa_destroy(&p->handles);
		xa_destroy(&p->sizes);
		zs_destroy_pool(p->zs);
		kfree(p->name);
		kfree(p);
	}
	npools = 0;
}

module_init(zstrace_init);
module_exit(zstrace_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("zsreview oracle: replay zs_malloc/zs_free/zs_compact traces from debugfs");
