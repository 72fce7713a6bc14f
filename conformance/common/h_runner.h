/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the userspace runner (h_runner.c) and the harness that links it
 * (not for tests).  With h_checks.c (the checks, the callback log) it
 * implements all of h_api.h: h_run() runs each test in a forked child so
 * that a crash in the code under test fails one test with its reason, and
 * every test starts from the pristine state of a fresh child.  What lives
 * through a child's death (the log, the failures, the crash expectation,
 * the last events) is in a shared mapping.
 *
 * h_run()'s options: -l lists the tests; -t NAME runs only NAME
 * (repeatable); --no-fork runs in-process (for a debugger; with one -t).
 * IRQSPEC_TEST_TIMEOUT sets the per-test timeout in seconds (default 10).
 * It returns the kselftest status: 0 all passed, 1 (KSFT_FAIL) a test
 * failed, 4 (KSFT_SKIP) none passed and some were skipped, 2 bad usage.
 */
#ifndef IRQSPEC_H_RUNNER_H
#define IRQSPEC_H_RUNNER_H

#include "h_checks.h"

/* What the harness tells the runner; it defines h_runner_ops. */
struct h_runner_ops {
	/* The diagnostic after the version line: what is under test. */
	const char *under_test;
	/* Why no test can run here (all are skipped), or NULL. */
	const char *(*unavailable)(void);
	/* In the child (or in-process), before the test function. */
	void (*child_setup)(void);
	/*
	 * The kind of h_fatal() that is the report H_CRASH_LIST wants, or
	 * NULL if there is none (a crash step of that kind then fails).
	 */
	const char *list_fatal_kind;
};

extern const struct h_runner_ops h_runner_ops;

/*
 * The code under test reported @kind (a list corruption, a misused mutex)
 * and is about to die: keep it for the runner's verdict.
 */
void h_fatal(const char *kind, const char *msg);
/* End the test as skipped (KTAP "# SKIP reason"). */
__noreturn __printf(1, 2) void h_skip(const char *fmt, ...);

#endif /* IRQSPEC_H_RUNNER_H */
