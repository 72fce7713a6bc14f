/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec kernel-src harness: drives the real virt/lib/irqbypass.c,
 * built in userspace over the shim headers, and records every callback
 * it makes.
 *
 * The objects and the calls are those of conformance/common/h_irqbypass.h;
 * this header needs no kernel header.  h_module_refcount() is THIS_MODULE
 * of irqbypass.c; h_module_underflows() counts module_put()s below zero.
 *
 * Tests run one per forked child (h_run), so a crash in the code under
 * test fails one test with its reason, and every test starts from the
 * pristine state: empty lists, module count 0, all objects zeroed.
 */
#ifndef IRQSPEC_HARNESS_H
#define IRQSPEC_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "h_api.h"	/* the checks, the log, h_run (conformance/common) */
#include "h_irqbypass.h"	/* the objects and the calls */

/*
 * What the calls of h_api.h mean here.  A crash step (H_EXPECT_CRASH)
 * passes if the child dies inside @call (with a list corruption report for
 * H_CRASH_LIST, in any way for H_CRASH_ANY) and no check failed before;
 * H_EXPECT_CRASH_LOG's callbacks are compared after the child died.
 *
 * h_run()'s options: -l lists the tests; -t NAME runs only NAME
 * (repeatable); --no-fork runs in-process (for a debugger; with one -t).
 * The environment variable IRQSPEC_TEST_TIMEOUT sets the per-test timeout
 * in seconds (default 10).  Returns the exit status: 0 all passed, 1
 * (KSFT_FAIL) otherwise, 2 bad usage.
 */

#endif /* IRQSPEC_HARNESS_H */
