// SPDX-License-Identifier: GPL-2.0
/*
 * The architecture-independent part of the KVM harnesses: see kh_common.h.
 * Compiled with the architecture's folder first on the include path, so
 * that "kvm_harness.h" is that architecture's and struct kh_obs complete.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kvm_harness.h"
#include "kh_internal.h"
#include "kh_guest_abi.h"

#define KH_SETTLE_MAX_STEPS	64

struct kh_vm *kh_current;

static struct ktap kh_ktap;

/*
 * A line in the kernel's ftrace buffer, when IRQSPEC_TRACE_MARKER names its
 * trace_marker (the qemu target's init sets it while it records ftrace):
 * one at the plan and one after every result, so that the trace of a
 * program can be cut into its tests (conformance/qemu/NOTES.md, "Kernel
 * traces").  Without the variable nothing is written.
 */
static void kh_trace_mark(const char *what, unsigned int number, const char *name)
{
	static int fd = -2;
	char line[KTAP_LINE_MAX + 64];
	const char *path;
	int n;

	if (fd == -2) {
		path = getenv("IRQSPEC_TRACE_MARKER");
		fd = path && *path ? open(path, O_WRONLY | O_CLOEXEC) : -1;
	}
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "irqspec-test %s %u%s%s\n", what, number,
		     name ? " " : "", name ? name : "");
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		fd = -1;
}

/* ---- assertions ------------------------------------------------------- */

/* The message may have several lines: each one a diagnostic. */
static void kh_vdiag_lines(const char *fmt, va_list ap)
{
	char buf[1024], *line, *save;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		ktap_diag("%s", line);
}

void kh_assert_fail(const char *file, int line, const char *cond,
		    const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	ktap_diag("==== Test Assertion Failure ====");
	ktap_diag("  %s:%d: %s", file, line, cond);
	ktap_diag("  errno=%d (%s)", err, strerror(err));
	va_start(ap, fmt);
	kh_vdiag_lines(fmt, ap);
	va_end(ap);
	if (kh_current) {
		ktap_diag("observations so far:");
		kh_log_print(kh_current, stdout);
	}
	ktap_print("Bail out! harness assertion failed");
	kh_trace_mark("bail-out", kh_ktap.n + 1, NULL);
	exit(KSFT_FAIL);
}

/* ---- small helpers ---------------------------------------------------- */

void kh_sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void kh_alarm_handler(int sig)
{
	(void)sig;	/* only there to make KVM_RUN return -EINTR */
}

void kh_install_watchdog(void)
{
	static bool done;
	struct sigaction sa = { .sa_handler = kh_alarm_handler };

	if (done)
		return;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a hung KVM_RUN must come back with EINTR. */
	KH_ASSERT(!sigaction(SIGALRM, &sa, NULL), "sigaction(SIGALRM)");
	done = true;
}

/* ---- inputs and internal steps of every architecture ---------------------- */

void kh_guest_mask_line(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_MASK);
}

void kh_guest_eoi(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_EOI);
}

void kh_guest_thread_ack_device(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_ACK_DEVICE);
}

void kh_guest_unmask_line(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_UNMASK);
}

void kh_settle(struct kh_vm *vm)
{
	int i;

	for (i = 0; i < KH_SETTLE_MAX_STEPS; i++) {
		if (kh_host_vfio_unmask(vm))
			continue;
		if (kh_host_vfio_hardirq(vm))
			continue;
		if (kh_kvm_deliver(vm))
			continue;
		return;
	}
	KH_ASSERT(0, "no quiescence after %d internal steps (interrupt storm?)",
		  KH_SETTLE_MAX_STEPS);
}

void kh_require_kvm(void)
{
	char why[128];

	if (!kh_have_kvm(why, sizeof(why)))
		kh_skip_exit("%s", why);
}

/* ---- observations ----------------------------------------------------- */

bool kh_obs_is_detail(enum kh_obs_kind kind)
{
	return kind == KH_OBS_IRQFD_INJECT || kind == KH_OBS_GUEST_IRET;
}

const char *kh_obs_str(const struct kh_obs *obs, char *buf, size_t len)
{
	const char *name = kh_obs_names[obs->kind];

	if (obs->kind == KH_OBS_INJECT)
		snprintf(buf, len, "%s(spurious=%d)", name, obs->arg);
	else if (obs->kind == KH_OBS_UNEXPECTED_VECTOR)
		snprintf(buf, len, "%s(0x%02x)", name, obs->arg);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

void kh_obs_log_add(struct kh_obs_log *log, enum kh_obs_kind kind, int arg)
{
	KH_ASSERT(log->n < KH_LOG_MAX, "more than %d observations",
		  KH_LOG_MAX);
	log->obs[log->n].kind = kind;
	log->obs[log->n].arg = arg;
	log->n++;
}

unsigned int kh_log_len(const struct kh_vm *vm)
{
	return kh_vm_log(vm)->n;
}

const struct kh_obs *kh_log_at(const struct kh_vm *vm, unsigned int i)
{
	const struct kh_obs_log *log = kh_vm_log(vm);

	return i < log->n ? &log->obs[i] : NULL;
}

void kh_log_print(const struct kh_vm *vm, FILE *f)
{
	const struct kh_obs_log *log = kh_vm_log(vm);
	char buf[64];
	unsigned int i;

	for (i = 0; i < log->n; i++) {
		kh_obs_str(&log->obs[i], buf, sizeof(buf));
		if (kh_obs_is_detail(log->obs[i].kind))
			fprintf(f, "#   %2u  (%s)\n", i, buf);
		else
			fprintf(f, "#   %2u  %s\n", i, buf);
	}
}

/* ---- comparing logs ------------------------------------------------------ */

#define KH_STR_LEN 48

static unsigned int kh_log_strings(const struct kh_vm *vm,
				   char (*out)[KH_STR_LEN])
{
	const struct kh_obs_log *log = kh_vm_log(vm);
	unsigned int i, n = 0;

	for (i = 0; i < log->n; i++)
		if (!kh_obs_is_detail(log->obs[i].kind))
			kh_obs_str(&log->obs[i], out[n++], KH_STR_LEN);
	return n;
}

static unsigned int kh_count(const char *const *v)
{
	unsigned int n = 0;

	while (v[n])
		n++;
	return n;
}

/* LCS table of wanted[0..m) against seen[0..n): t[i][j] for suffixes. */
static unsigned int *kh_lcs(const char *const *want, unsigned int m,
			    char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int *t = calloc((m + 1) * (n + 1), sizeof(*t));
	int i, j;

	KH_ASSERT(t, "calloc");
	for (i = m - 1; i >= 0; i--)
		for (j = n - 1; j >= 0; j--) {
			unsigned int *c = &t[i * (n + 1) + j];
			unsigned int down = t[(i + 1) * (n + 1) + j];
			unsigned int right = t[i * (n + 1) + j + 1];

			if (!strcmp(want[i], seen[j]))
				*c = t[(i + 1) * (n + 1) + j + 1] + 1;
			else
				*c = down > right ? down : right;
		}
	return t;
}

static void kh_print_diff(const char *const *want, unsigned int m,
			  char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int *t = kh_lcs(want, m, seen, n);
	unsigned int i = 0, j = 0;

	ktap_diag("observations differ (- wanted only, + seen only):");
	while (i < m || j < n) {
		if (i < m && j < n && !strcmp(want[i], seen[j])) {
			ktap_diag("    %s", want[i]);
			i++;
			j++;
		} else if (i < m && (j == n || t[(i + 1) * (n + 1) + j] >=
					       t[i * (n + 1) + j + 1])) {
			ktap_diag("  - %s", want[i++]);
		} else {
			ktap_diag("  + %s", seen[j++]);
		}
	}
	free(t);
}

static bool kh_equal(const char *const *want, unsigned int m,
		     char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int i;

	if (m != n)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(want[i], seen[i]))
			return false;
	return true;
}

bool kh_log_prefix_any(const struct kh_vm *vm,
		       const char *const *const *alternatives)
{
	char (*seen)[KH_STR_LEN] = calloc(kh_log_len(vm) + 1, KH_STR_LEN);
	unsigned int n, a, i;
	bool ok = false;

	KH_ASSERT(seen, "calloc");
	n = kh_log_strings(vm, seen);
	for (a = 0; alternatives[a] && !ok; a++) {
		if (kh_count(alternatives[a]) < n)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(alternatives[a][i], seen[i]))
				break;
		ok = i == n;
	}
	free(seen);
	return ok;
}

bool kh_log_expect(const struct kh_vm *vm, const char *const *expected)
{
	const char *const *alts[] = { expected, NULL };

	return kh_log_expect_any(vm, alts) == 0;
}

int kh_log_expect_any(const struct kh_vm *vm,
		      const char *const *const *alternatives)
{
	char (*seen)[KH_STR_LEN] = calloc(KH_LOG_MAX, KH_STR_LEN);
	unsigned int n, k, best = 0, best_dist = ~0u;
	int match = -1;

	KH_ASSERT(seen, "calloc");
	n = kh_log_strings(vm, seen);
	for (k = 0; alternatives[k]; k++) {
		const char *const *want = alternatives[k];
		unsigned int m = kh_count(want), *t, dist;

		if (kh_equal(want, m, seen, n)) {
			match = k;
			break;
		}
		t = kh_lcs(want, m, seen, n);
		dist = m + n - 2 * t[0];
		free(t);
		if (dist < best_dist) {
			best_dist = dist;
			best = k;
		}
	}
	if (match < 0 && k) {
		if (k > 1)
			ktap_diag("none of %u acceptable sequences matched; closest is #%u",
				  k, best);
		kh_print_diff(alternatives[best], kh_count(alternatives[best]),
			      seen, n);
	}
	free(seen);
	return match;
}

/* ---- KTAP --------------------------------------------------------------------- */

void kh_ktap_plan(unsigned int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ktap_print("TAP version 13");
	ktap_plan(&kh_ktap, n);
	kh_trace_mark("plan", n, NULL);
}

void kh_ktap_result(bool ok, const char *fmt, ...)
{
	char name[KTAP_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_result(&kh_ktap, ok, name);
	kh_trace_mark(ok ? "ok" : "fail", kh_ktap.n, name);
}

void kh_ktap_skip(const char *reason, const char *fmt, ...)
{
	char name[KTAP_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_skip(&kh_ktap, name, reason);
	kh_trace_mark("skip", kh_ktap.n, name);
}

int kh_ktap_finish(void)
{
	kh_ktap_report();
	ktap_totals(&kh_ktap);
	return ktap_exit_status(&kh_ktap);
}

void kh_skip_exit(const char *fmt, ...)
{
	char reason[KTAP_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!kh_ktap.planned) {
		ktap_print("TAP version 13");
		ktap_skip_all(&kh_ktap, reason);
	} else {
		ktap_skip(&kh_ktap, NULL, reason);
	}
	exit(KSFT_SKIP);
}
