// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec kvm-vfio harness: see harness.h.
 *
 * The runner is conformance/kernel-src/harness.c's (forked children, a
 * shared mapping for what survives a child, KTAP), without the shim and
 * with skips; the calls issue the KVM ioctls of <linux/kvm.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "harness.h"

#define H_LINE		128
#define H_LOG_MAX	64
#define H_HIST		16
#define H_DEFAULT_TIMEOUT 10
#define H_EXIT_SKIP	4

/* Group 1 of KVM_DEV_TYPE_VFIO: KVM_DEV_VFIO_GROUP (6.1) / _FILE (6.2+). */
#define KV_GROUP_FILE	1
#define KV_ATTR_FILE_ADD 1
#define KV_ATTR_FILE_DEL 2
#define KV_ATTR_SPAPR	3
#define KV_UNKNOWN	99
/* The 2014 proposal's group and attributes. */
#define KV_GROUP_DEVICE	2
#define KV_ATTR_FORWARD	1
#define KV_ATTR_UNFORWARD 2

struct h_shared {
	int log_n;
	char log[H_LOG_MAX][H_LINE];
	unsigned int hist_n;
	char hist[H_HIST][H_LINE];
	int failures;
	enum h_crash crash_armed;
	char crash_call[H_LINE];
	char step[H_LINE];
	char skip[H_LINE];
};

static struct h_shared h_local;
static struct h_shared *sh = &h_local;

/* The child's VMM: its fds. */
static int kvm_fd = -1;
static int vm_fd = -1;
static int dev_fd = -1;
static bool vm_closed;
static int kinds[KV_MAX_FILES];

void h_diag(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("# %s\n", buf);
	fflush(stdout);
}

static void __attribute__((format(printf, 1, 2))) hist_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->hist[sh->hist_n % H_HIST], H_LINE, fmt, ap);
	va_end(ap);
	sh->hist_n++;
}

static const char *step_prefix(void)
{
	return sh->step[0] ? sh->step : "(no step)";
}

void h_fail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_diag("%s: %s", step_prefix(), buf);
	sh->failures++;
}

void h_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->skip, H_LINE, fmt, ap);
	va_end(ap);
	fflush(stdout);
	_exit(H_EXIT_SKIP);
}

static void __attribute__((noreturn, format(printf, 1, 2))) h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_diag("%s: harness misuse: %s", step_prefix(), buf);
	abort();
}

/* The VM and the device */

static void need_vm(void)
{
	if (vm_fd >= 0 || vm_closed)
		return;
	kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm_fd < 0)
		h_skip("cannot open /dev/kvm: %s", strerror(errno));
	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	if (vm_fd < 0)
		h_skip("KVM_CREATE_VM: %s", strerror(errno));
	hist_add("VM created (fd %d)", vm_fd);
}

static int ret_of(int r)
{
	return r < 0 ? -errno : r;
}

static int slot(int f)
{
	if (f < 0 || f >= KV_MAX_FILES)
		h_misuse("no file slot %d", f);
	return f;
}

int kv_fd(int f)
{
	return KV_FD_BASE + slot(f);
}

static void after(const char *call, int ret)
{
	hist_add("%s = %d", call, ret);
}

int kv_open_file(int f, int kind)
{
	int fd, got;

	need_vm();
	slot(f);
	switch (kind) {
	case KV_OTHER_FILE:
		fd = eventfd(0, EFD_CLOEXEC);
		if (fd < 0)
			h_misuse("eventfd: %s", strerror(errno));
		break;
	case KV_VFIO_GROUP_FILE:
	case KV_VFIO_DEVICE_FILE:
		h_skip("slot %d: no VFIO group or device cdev on this host", f);
	default:
		h_misuse("file kind %d", kind);
	}
	got = dup3(fd, kv_fd(f), O_CLOEXEC);
	if (got != kv_fd(f))
		h_misuse("dup3 to %d: %s", kv_fd(f), strerror(errno));
	close(fd);
	kinds[f] = kind;
	after("open_file", 0);
	return 0;
}

int kv_close_file(int f)
{
	int r = close(kv_fd(f));

	if (r)
		h_fail("close(%d) of slot %d: %s", kv_fd(f), f, strerror(errno));
	after("close_file", 0);
	return 0;
}

int kv_create_device(void)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	int r;

	need_vm();
	if (vm_fd < 0)
		h_misuse("create_device after the VM fd was closed");
	r = ret_of(ioctl(vm_fd, KVM_CREATE_DEVICE, &cd));
	if (!r) {
		if (dev_fd >= 0)
			h_fail("KVM_CREATE_DEVICE succeeded twice");
		dev_fd = cd.fd;
	}
	after("create_device", r);
	return r;
}

static int dev_attr(unsigned long request, uint32_t group, uint64_t attr,
		    uint64_t addr, const char *what)
{
	struct kvm_device_attr a = { .group = group, .attr = attr, .addr = addr };
	int r;

	if (dev_fd < 0)
		h_misuse("%s without a device fd", what);
	r = ret_of(ioctl(dev_fd, request, &a));
	after(what, r);
	return r;
}

int kv_file_add(int f)
{
	int32_t fd = kv_fd(f);

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_ADD,
			(uintptr_t)&fd, "file_add");
}

int kv_file_del(int f)
{
	int32_t fd = kv_fd(f);

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_DEL,
			(uintptr_t)&fd, "file_del");
}

int kv_file_add_efault(void)
{
	/* Page 0 is never mapped: get_user() faults. */
	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_ADD,
			1, "file_add_efault");
}

int kv_set_unknown_attr(void)
{
	int32_t fd = -1;

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_UNKNOWN,
			(uintptr_t)&fd, "set_unknown_attr");
}

int kv_set_unknown_group(void)
{
	int32_t fd = -1;

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_UNKNOWN, KV_ATTR_FILE_ADD,
			(uintptr_t)&fd, "set_unknown_group");
}

int kv_has_attr(int attr)
{
	static const uint64_t attrs[] = {
		[KV_ATTR_ADD] = KV_ATTR_FILE_ADD,
		[KV_ATTR_DEL] = KV_ATTR_FILE_DEL,
		[KV_ATTR_SPAPR_TCE] = KV_ATTR_SPAPR,
		[KV_ATTR_OTHER] = KV_UNKNOWN,
	};

	if (attr < 0 || attr > KV_ATTR_OTHER)
		h_misuse("attribute %d", attr);
	return dev_attr(KVM_HAS_DEVICE_ATTR, KV_GROUP_FILE, attrs[attr], 0,
			"has_attr");
}

struct kv_forward_arg {
	int32_t fd;
	uint32_t index;
};

int kv_forward_irq(int f, int index)
{
	struct kv_forward_arg a = { .fd = kv_fd(f), .index = (uint32_t)index };

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_DEVICE, KV_ATTR_FORWARD,
			(uintptr_t)&a, "forward_irq");
}

int kv_unforward_irq(int f, int index)
{
	struct kv_forward_arg a = { .fd = kv_fd(f), .index = (uint32_t)index };

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_DEVICE, KV_ATTR_UNFORWARD,
			(uintptr_t)&a, "unforward_irq");
}

int kv_close_device_fd(void)
{
	if (dev_fd < 0)
		h_misuse("close_device_fd without a device fd");
	close(dev_fd);
	dev_fd = -1;
	after("close_device_fd", 0);
	return 0;
}

int kv_close_vm_fd(void)
{
	need_vm();
	close(vm_fd);
	vm_fd = -1;
	vm_closed = true;
	after("close_vm_fd", 0);
	return 0;
}

int kv_kill(void)
{
	need_vm();
	for (int f = 0; f < KV_MAX_FILES; f++)
		close(kv_fd(f));	/* EBADF for the closed ones, as the kernel skips them */
	if (dev_fd >= 0)
		close(dev_fd);
	if (vm_fd >= 0)
		close(vm_fd);
	dev_fd = -1;
	vm_fd = -1;
	vm_closed = true;
	after("kill", 0);
	return 0;
}

/* The callback log and the checks */

int h_log_count(void)
{
	return sh->log_n;
}

const char *h_log_entry(int i)
{
	return i >= 0 && i < sh->log_n ? sh->log[i] : NULL;
}

void h_log_clear(void)
{
	sh->log_n = 0;
}

int h_failures(void)
{
	return sh->failures;
}

void h_step(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->step, H_LINE, fmt, ap);
	va_end(ap);
	hist_add("step %s", sh->step);
}

static void fmt_value(char *buf, size_t size, long v)
{
	const char *name = v < 0 ? strerrorname_np((int)-v) : NULL;

	if (name)
		snprintf(buf, size, "%ld (-%s)", v, name);
	else
		snprintf(buf, size, "%ld", v);
}

bool h_expect_int(const char *what, long want, long got)
{
	char w[48], g[48];

	if (want == got)
		return true;
	fmt_value(w, sizeof(w), want);
	fmt_value(g, sizeof(g), got);
	h_fail("%s: want %s, got %s", what, w, g);
	return false;
}

bool h_log_check(const char *const *want)
{
	int nwant = 0, n, i;
	bool same;

	while (want[nwant])
		nwant++;
	same = nwant == sh->log_n;
	for (i = 0; same && i < nwant; i++)
		same = !strcmp(want[i], sh->log[i]);
	if (!same) {
		h_diag("%s: callback log mismatch", step_prefix());
		h_diag("  %-32s %s", "want", "got");
		n = nwant > sh->log_n ? nwant : sh->log_n;
		for (i = 0; i < n; i++) {
			const char *w = i < nwant ? want[i] : "-";
			const char *g = i < sh->log_n ? sh->log[i] : "-";

			h_diag("%c %-32s %s", strcmp(w, g) ? '!' : ' ', w, g);
		}
		sh->failures++;
	}
	h_log_clear();
	return same;
}

void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log)
{
	(void)want_log;
	sh->crash_armed = kind;
	snprintf(sh->crash_call, H_LINE, "%s", call);
}

void h_crash_missed(void)
{
	sh->crash_armed = H_CRASH_NONE;
	h_fail("%s returned, but the model expects a crash", sh->crash_call);
}

/* The runner */

static void print_history(void)
{
	unsigned int first = sh->hist_n > H_HIST ? sh->hist_n - H_HIST : 0;

	h_diag("last harness events:");
	for (unsigned int i = first; i < sh->hist_n; i++)
		h_diag("  %s", sh->hist[i % H_HIST]);
}

enum outcome { PASS, FAIL, SKIP };

static enum outcome run_forked(const struct h_test *t, unsigned int timeout)
{
	int status, sig;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		h_diag("fork: %s", strerror(errno));
		return FAIL;
	}
	if (!pid) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		alarm(timeout);
		t->fn();
		alarm(0);
		fflush(stdout);
		_exit(sh->failures ? 1 : 0);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			h_diag("waitpid: %s", strerror(errno));
			return FAIL;
		}
	}
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 0)
			return PASS;
		if (WEXITSTATUS(status) == H_EXIT_SKIP && sh->skip[0])
			return SKIP;
		if (WEXITSTATUS(status) != 1 || !sh->failures) {
			h_diag("%s: exited with status %d", step_prefix(),
			       WEXITSTATUS(status));
			print_history();
		}
		return FAIL;
	}
	sig = WTERMSIG(status);
	if (sig != SIGALRM && !sh->failures && sh->crash_armed != H_CRASH_NONE) {
		h_diag("expected crash in %s: SIG%s", sh->crash_call,
		       sigabbrev_np(sig));
		return PASS;
	}
	if (sig == SIGALRM)
		h_diag("%s: timeout after %u s", step_prefix(), timeout);
	else
		h_diag("%s: killed by SIG%s", step_prefix(),
		       sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
	print_history();
	return FAIL;
}

static bool selected(const char *name, char **only, int nonly)
{
	if (!nonly)
		return true;
	for (int i = 0; i < nonly; i++)
		if (!strcmp(only[i], name))
			return true;
	return false;
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-l] [-t NAME]... [--no-fork]\n", prog);
	return 2;
}

int h_run(int argc, char **argv, const struct h_test *tests, int n)
{
	int nonly = 0, plan = 0, pass = 0, fail = 0, skip = 0, i, probe;
	bool list = false, no_fork = false;
	unsigned int timeout = H_DEFAULT_TIMEOUT;
	const char *env = getenv("IRQSPEC_TEST_TIMEOUT");
	char **only = calloc(argc, sizeof(*only));

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l"))
			list = true;
		else if (!strcmp(argv[i], "--no-fork"))
			no_fork = true;
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			only[nonly++] = argv[++i];
		else
			return usage(argv[0]);
	}
	for (i = 0; i < nonly; i++) {
		int j;

		for (j = 0; j < n && strcmp(tests[j].name, only[i]); j++)
			;
		if (j == n) {
			fprintf(stderr, "%s: no test %s\n", argv[0], only[i]);
			return 2;
		}
	}
	if (list) {
		for (i = 0; i < n; i++)
			printf("%s\n", tests[i].name);
		return 0;
	}
	if (env && atoi(env) > 0)
		timeout = atoi(env);
	printf("KTAP version 1\n");
	printf("# kvm-vfio under test: the running kernel's KVM_DEV_TYPE_VFIO\n");
	probe = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (probe < 0) {
		printf("1..0 # SKIP cannot open /dev/kvm: %s\n", strerror(errno));
		return H_EXIT_SKIP;
	}
	close(probe);
	if (no_fork) {
		if (nonly != 1)
			return usage(argv[0]);
	} else {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (sh == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
	}
	for (i = 0; i < n; i++)
		plan += selected(tests[i].name, only, nonly);
	printf("1..%d\n", plan);
	for (i = 0; i < n; i++) {
		const struct h_test *t = &tests[i];
		enum outcome o;

		if (!selected(t->name, only, nonly))
			continue;
		if (no_fork) {
			t->fn();
			o = sh->failures ? FAIL : PASS;
		} else {
			o = run_forked(t, timeout);
		}
		if (o == SKIP)
			printf("ok %d %s # SKIP %s\n", pass + fail + skip + 1,
			       t->name, sh->skip);
		else
			printf("%sok %d %s\n", o == PASS ? "" : "not ",
			       pass + fail + skip + 1, t->name);
		fflush(stdout);
		o == PASS ? pass++ : o == FAIL ? fail++ : skip++;
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       pass, fail, skip);
	free(only);
	if (fail)
		return 1;
	return pass ? 0 : H_EXIT_SKIP;
}
