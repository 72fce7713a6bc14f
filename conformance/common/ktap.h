/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec's one KTAP writer, for every C harness: the userspace runners
 * (stdout) and the kernel modules (printk).  It writes KTAP version 1 as
 * the kernel's tools/testing/kunit/kunit_parser.py and irqspec's own
 * reader (conformance/ktap.cpp) read it:
 *
 *	KTAP version 1
 *	# a diagnostic
 *	1..3
 *	ok 1 first
 *	not ok 2 second
 *	ok 3 third # SKIP why
 *	# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0
 *
 * or "1..0 # SKIP why" for a program that can run nothing.  Every line goes
 * out whole through one output hook, so lines of a test child and of its
 * runner, or of a module and the kernel, never interleave mid-line: in
 * userspace printf() and fflush(stdout); in a module pr_info() with the
 * module's pr_fmt ("MODNAME: "), which the qemu target's init strips.
 * A line longer than KTAP_LINE_MAX - 1 is cut there.
 */
#ifndef IRQSPEC_KTAP_H
#define IRQSPEC_KTAP_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/stdarg.h>
#include <linux/types.h>
#else
#include <stdarg.h>
#include <stdbool.h>
#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif
#endif

/* kselftest exit codes (tools/testing/selftests/kselftest.h). */
#ifndef KSFT_PASS
#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4
#endif

#define KTAP_LINE_MAX	512

/* The results of one test plan, as counted by the writer. */
struct ktap {
	unsigned int n;		/* results written: the last test number */
	unsigned int pass, fail, skip;
	bool planned;		/* the plan line was written */
};

/* One line as it is (a test list, "Bail out!", another TAP version). */
__printf(1, 2) void ktap_print(const char *fmt, ...);
void ktap_vprint(const char *fmt, va_list ap);
/* A diagnostic: "# " and the text. */
__printf(1, 2) void ktap_diag(const char *fmt, ...);
void ktap_vdiag(const char *fmt, va_list ap);

/* "KTAP version 1" */
void ktap_header(void);
/* "1..n" */
void ktap_plan(struct ktap *k, unsigned int n);
/* "1..0 # SKIP reason": the whole program skips, nothing was run. */
void ktap_skip_all(struct ktap *k, const char *reason);
/* "ok N name" or "not ok N name", N counting from 1. */
void ktap_result(struct ktap *k, bool ok, const char *name);
/* "ok N name # SKIP reason"; without a name "ok N # SKIP reason". */
void ktap_skip(struct ktap *k, const char *name, const char *reason);
/* "# Totals: pass:P fail:F xfail:0 xpass:0 skip:S error:0" */
void ktap_totals(const struct ktap *k);
/*
 * The kselftest exit status: KSFT_FAIL if a test failed, KSFT_SKIP if
 * none passed and one was skipped, else KSFT_PASS.
 */
int ktap_exit_status(const struct ktap *k);

#endif /* IRQSPEC_KTAP_H */
