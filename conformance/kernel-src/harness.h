/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec kernel-src harness: drives the real virt/lib/irqbypass.c,
 * built in userspace over the shim headers, and records every callback
 * it makes.
 *
 * A test sees producers p0..p7 and consumers c0..c7 by number only; this
 * header needs no kernel header.  Each object has a token (an index into
 * a table of distinct pointers, or H_TOKEN_NULL), a set of callbacks that
 * are present, and the value its add_* callback returns.  Every callback
 * appends one line to the callback log:
 *
 *	prod.add_consumer p0 c1		cons.add_producer c1 p0
 *	prod.del_consumer p0 c1		cons.del_producer c1 p0
 *	prod.stop p0			cons.stop c1
 *	prod.start p0			cons.start c1
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

#define H_MAX_PRODUCERS	8
#define H_MAX_CONSUMERS	8
#define H_MAX_TOKENS	8
#define H_TOKEN_NULL	(-1)

/* Callback sets: add is add_consumer / add_producer, del likewise. */
#define H_CB_NONE	0x0
#define H_CB_ADD	0x1
#define H_CB_DEL	0x2
#define H_CB_STOP	0x4
#define H_CB_START	0x8
#define H_CB_ALL	0xf

/*
 * Configure an object.  May be called at any time, also while the object
 * is registered (the kernel would see the change at its next use).
 * @add_ret is 0 or a negative errno.
 */
void h_producer_init(int p, int token, unsigned int cbs, int add_ret);
void h_consumer_init(int c, int token, unsigned int cbs, int add_ret);
void h_producer_set_token(int p, int token);
void h_consumer_set_token(int c, int token);
void h_producer_set_add_ret(int p, int add_ret);
void h_consumer_set_add_ret(int c, int add_ret);

/*
 * The calls under test.  Register returns the kernel's result; the
 * kernel's unregister functions return nothing, their wrappers return 0.
 * After each call the harness checks the irqbypass lock was released.
 */
int h_register_producer(int p);
int h_register_consumer(int c);
int h_unregister_producer(int p);
int h_unregister_consumer(int c);

/* White-box: is the object's list node linked into a list right now? */
bool h_producer_linked(int p);
bool h_consumer_linked(int c);

/* THIS_MODULE of irqbypass.c. */
int h_module_refcount(void);
int h_module_underflows(void);	/* module_put below zero */
void h_module_set_going(bool going);	/* try_module_get() fails while set */

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
