/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec irqbypass-kmod harness: the API of conformance/kernel-src/harness.h
 * in kernel space.  A test generated for the kernel-src target compiles
 * unchanged into a module that drives the real irqbypass.ko of the running
 * kernel (irq_bypass_register_producer() and friends).
 *
 * A test sees producers p0..p7 and consumers c0..c7 by number only.  Each
 * object has a token (an index into a table of distinct pointers, or
 * H_TOKEN_NULL), a set of callbacks that are present, and the value its
 * add_* callback returns.  Every callback appends one line to the log:
 *
 *	prod.add_consumer p0 c1		cons.add_producer c1 p0
 *	prod.del_consumer p0 c1		cons.del_producer c1 p0
 *	prod.stop p0			cons.stop c1
 *	prod.start p0			cons.start c1
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
 * is registered (the kernel sees the change at its next use).
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
 * After each call the harness checks that irqbypass's mutex is free.
 */
int h_register_producer(int p);
int h_register_consumer(int c);
int h_unregister_producer(int p);
int h_unregister_consumer(int c);

/* White-box: is the object's list node linked into a list right now? */
bool h_producer_linked(int p);
bool h_consumer_linked(int c);

/* The real irqbypass module, counted from the start of the test. */
int h_module_refcount(void);
int h_module_underflows(void);	/* how far below the start (net) */
void h_module_set_going(bool going);	/* try_module_get() fails while set */

/* The callback log. */
int h_log_count(void);
const char *h_log_entry(int i);
void h_log_clear(void);

/*
 * Compare the callback log with @want (NULL-terminated), print a
 * want/got listing on a mismatch, count a failure, clear the log.
 */
bool h_log_check(const char *const *want);
#define H_EXPECT_LOG(...) \
	h_log_check((const char *const[]){ __VA_ARGS__, NULL })
#define H_EXPECT_NO_CALLBACKS()	h_log_check((const char *const[]){ NULL })

/* Label the model step being run; reports and crash reports show it. */
void h_step(const char *fmt, ...) __printf(1, 2);
bool h_expect_int(const char *what, long want, long got);
void h_fail(const char *fmt, ...) __printf(1, 2);
void h_diag(const char *fmt, ...) __printf(1, 2);
int h_failures(void);

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
 */
enum h_crash {
	H_CRASH_NONE,
	H_CRASH_LIST,
	H_CRASH_ANY,
};

void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log);
void h_crash_missed(void);
#define H_EXPECT_CRASH(kind, call)				\
	do {							\
		h_crash_expect(kind, #call, NULL);		\
		(void)(call);					\
		h_crash_missed();				\
	} while (0)
#define H_EXPECT_CRASH_LOG(kind, call, ...)			\
	do {							\
		h_crash_expect(kind, #call,			\
			(const char *const[]){ __VA_ARGS__, NULL });	\
		(void)(call);					\
		h_crash_missed();				\
	} while (0)

/* The runner: KTAP through printk, one kthread per test. */
struct h_test {
	const char *name;
	void (*fn)(void);
};

#define H_TEST(fn)	{ #fn, fn }

/*
 * Options, as for the userspace runner: -l lists the tests; -t NAME runs
 * only NAME (repeatable); --timeout SECONDS sets the per-test timeout
 * (default 10); --no-crash skips the tests that reach a crash step.  The
 * module builds argv from its parameters (list=, tests=, timeout=,
 * crash=).  Returns 0 if every test passed (or was skipped by
 * --no-crash), 1 (KSFT_FAIL) if one failed or could not run, 2 for bad
 * usage.
 */
int h_run(int argc, char **argv, const struct h_test *tests, int n);

/* Module glue (irqspec_main.c): runs @main with argv from the parameters. */
int h_module_main(int (*main)(int argc, char **argv));
void h_module_exit(void);

#endif /* IRQSPEC_HARNESS_H */
