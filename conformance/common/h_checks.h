/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks of h_api.h, once for the userspace runner (h_runner.c) and the
 * kernel-module one (h_kmod.c), and for the harnesses that link them (not
 * for tests): h_checks.c implements h_step, h_expect_int, h_fail, h_diag,
 * h_failures and the callback log with h_log_check, over the running
 * test's struct h_core.  Userspace keeps it in a mapping shared with the
 * test's child, a module in a static; the runner points h_core at it.
 */
#ifndef IRQSPEC_H_CHECKS_H
#define IRQSPEC_H_CHECKS_H

#include "h_api.h"

#define H_LINE		128	/* a log line, a step label, a history event */
#define H_LOG_MAX	256
#define H_HIST		16

/* The state of the running test's checks; h_core_reset() zeroes it. */
struct h_core {
	int log_n;
	bool log_overflow;
	char log[H_LOG_MAX][H_LINE];
	unsigned int hist_n;	/* ring of the last H_HIST events */
	char hist[H_HIST][H_LINE];
	int failures;
	bool ended;		/* the test is over: the calls are no-ops */
	char step[H_LINE];
};

extern struct h_core *h_core;

/* How the harness wants the checks; it defines h_check_ops. */
struct h_check_ops {
	/* The label of the code before the first h_step(). */
	const char *no_step;
	/* After a step with a failed check, end the test at the next one. */
	bool stop_at_failed_step;
};

extern const struct h_check_ops h_check_ops;

/* Before each test: zero the checks' state (no test may be running). */
void h_core_reset(void);

/* Append to the callback log (also from hardirq context in a module). */
__printf(1, 2) void h_log_add(const char *fmt, ...);
/* The same, and to the last events (not from hardirq context). */
__printf(1, 2) void h_log_event(const char *fmt, ...);
void h_log_line(const char *line);
/* Is the log @want (@nwant lines)?  If not, print a want/got listing. */
bool h_log_matches(const char *const *want, int nwant);

/* The ring of the last events, shown when a test fails or dies. */
__printf(1, 2) void h_hist_add(const char *fmt, ...);
void h_print_history(void);
/* The current step's label, or h_check_ops.no_step. */
const char *h_step_prefix(void);

#endif /* IRQSPEC_H_CHECKS_H */
