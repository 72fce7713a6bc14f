/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec irqbypass-kmod harness: the API of conformance/kernel-src/harness.h
 * in kernel space.  A test generated for the kernel-src target compiles
 * unchanged into a module that drives the real irqbypass.ko of the running
 * kernel (irq_bypass_register_producer() and friends).
 *
 * The objects and the calls are those of conformance/common/h_irqbypass.h.
 * h_module_refcount() is the real irqbypass module's count, counted from
 * the start of the test; h_module_underflows() how far below that start it
 * went (net).
 *
 * Tests run one per kthread (h_run), with a timeout.  Before each test the
 * harness makes irqbypass's lists free of our objects and zeroes them, so
 * every test starts as in a fresh child of the userspace harness: no object
 * of ours registered, module count 0 (counted from the test's start), all
 * objects zeroed.  See NOTES.md.
 */
#ifndef IRQSPEC_HARNESS_H
#define IRQSPEC_HARNESS_H

#include <linux/kernel.h>
#include <linux/types.h>

#include "h_api.h"	/* the checks, the log, h_run (conformance/common) */
#include "h_irqbypass.h"	/* the objects and the calls */

/* For the module's glue (../common/irqspec_main.c). */
#define H_MODULE_DESCRIPTION \
	"irqspec conformance tests of the running kernel's irqbypass"

/*
 * A step the model says must crash.  The test passes if the kernel reports
 * the corruption inside @call: the test thread dies in an oops (with a
 * "list_add/list_del corruption" report in the kernel log for
 * H_CRASH_LIST), or the call returns after the kernel WARNed about a list
 * corruption.  If @call returns cleanly, that is a failure.
 * H_EXPECT_CRASH_LOG also wants the callbacks made before the crash to be
 * exactly the ones listed.  Tests that reach a crash step run last (see
 * h_run), so that a dead thread holding irqbypass's mutex cannot block
 * the other tests.
 *
 * h_run()'s options, as for the userspace runner: -l lists the tests;
 * -t NAME runs only NAME (repeatable); --timeout SECONDS sets the per-test
 * timeout (default 10); --no-crash skips the tests that reach a crash
 * step.  The module builds argv from its parameters (list=, tests=,
 * timeout=, crash=).  Returns 0 if every test passed (or was skipped by
 * --no-crash), 1 (KSFT_FAIL) if one failed or could not run, 2 for bad
 * usage.  Its output is KTAP through printk, one kthread per test.
 */

#endif /* IRQSPEC_HARNESS_H */
