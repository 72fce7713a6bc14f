/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel-module half of the steps-program runners (not for tests):
 * what irqbypass-kmod's and genirq-kmod's harness.c share beyond the
 * checks of h_checks.c.  h_kmod.c, built into each test module, gives the
 * harness the module parameters and the argv built from them
 * (h_module_main), the options, and one kthread per test with a timeout.
 * The harness keeps the crash steps and h_run(), whose order and verdicts
 * are its own, and defines h_check_ops.
 */
#ifndef IRQSPEC_H_KMOD_H
#define IRQSPEC_H_KMOD_H

#include <linux/types.h>

#include "h_checks.h"

#define H_DEFAULT_TIMEOUT 10

/* A line as it is (KTAP result lines, "Bail out!"). */
__printf(1, 2) void h_out(const char *fmt, ...);

/* The runner's options, from the module parameters (h_module_main). */
struct h_opts {
	bool list, crash;
	unsigned int timeout;
	int nonly;
	char **only;		/* the -t names; freed by h_opts_free() */
};

/*
 * Parse -l, -t NAME (repeatable), --timeout SECONDS and --no-crash; 0, or
 * 2 after a "Bail out!" line for bad usage or no such test.
 */
int h_opts_parse(int argc, char **argv, const struct h_test *tests, int n,
		 struct h_opts *o);
void h_opts_free(struct h_opts *o);
bool h_selected(const struct h_opts *o, const char *name);
int h_plan(const struct h_opts *o, const struct h_test *tests, int n);

enum h_thread_end {
	H_DONE,		/* the test function returned */
	H_DIED,		/* the thread exited without returning: an oops */
	H_TIMEOUT,
	H_NOT_RUN,	/* the thread could not be started */
};

/*
 * Run @t in a kthread "irqspec/@num", then @after (if any) in the same
 * thread, and wait until it ends or @timeout seconds pass.
 */
enum h_thread_end h_run_thread(const struct h_test *t, void (*after)(void),
			       int num, unsigned int timeout);

#endif /* IRQSPEC_H_KMOD_H */
