// SPDX-License-Identifier: GPL-2.0
/*
 * What a KVM harness program prints, the same on every architecture: its
 * KTAP results through ktap.h's writer (KTAP version 1, as every irqspec
 * harness prints it), an assertion's report, and the marks that cut a
 * kernel trace into the program's tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvm_harness.h"
#include "kh_internal.h"

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

/* ---- KTAP ---------------------------------------------------------------- */

void kh_ktap_plan(unsigned int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ktap_header();
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

/* Diagnostics of the harness itself, just before the totals. */
static void kh_ktap_report(void)
{
	if (kh_window_retries)
		ktap_diag("harness: %u interrupt window(s) opened again",
			  kh_window_retries);
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
		ktap_header();
		ktap_skip_all(&kh_ktap, reason);
	} else {
		ktap_skip(&kh_ktap, NULL, reason);
	}
	exit(KSFT_SKIP);
}
