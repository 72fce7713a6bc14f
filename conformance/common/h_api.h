/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test API that every harness of irqspec's generated steps programs
 * offers, whatever it drives: the userspace ones (kernel-src over the real
 * irqbypass.c, kvm-vfio over the running kernel's KVM) and the kernel
 * modules (irqbypass-kmod, genirq-kmod).  A generated test uses only this
 * and the calls of its harness's own header, which includes this one; so
 * one test generator emits every suite.
 *
 * A test labels each model step (h_step), checks results (h_expect_int)
 * and the callback log (H_EXPECT_LOG, H_EXPECT_NO_CALLBACKS), and marks
 * the steps the model says must crash (H_EXPECT_CRASH, H_EXPECT_CRASH_LOG;
 * each harness's header says what a crash is there).  h_run() runs the
 * tests and reports them in KTAP (common/ktap.h).
 */
#ifndef IRQSPEC_H_API_H
#define IRQSPEC_H_API_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn	__attribute__((noreturn))
#endif
#endif

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
__printf(1, 2) void h_step(const char *fmt, ...);
bool h_expect_int(const char *what, long want, long got);
__printf(1, 2) void h_fail(const char *fmt, ...);
__printf(1, 2) void h_diag(const char *fmt, ...);
int h_failures(void);

/*
 * A step the model says must crash.  The test passes if @call crashes as
 * @kind says (see the harness's header) and no check failed before; if
 * @call returns, that is a failure.  H_EXPECT_CRASH_LOG also wants the
 * callbacks made before the crash to be exactly the ones listed.
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

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* The runner. */
struct h_test {
	const char *name;
	void (*fn)(void);
};

#define H_TEST(fn)	{ #fn, fn }

/*
 * Run @tests (all, or those named by -t NAME, repeatable; -l lists them)
 * and report them in KTAP.  The options each runner adds and its exit
 * status are in the harness's header.
 */
int h_run(int argc, char **argv, const struct h_test *tests, int n);

#ifdef __KERNEL__
/*
 * Module glue (irqspec_main.c of a kernel-module harness): run @main with
 * an argv built from the module parameters (list=, tests=, timeout=,
 * crash=); the harness's own cleanup at unload.
 */
int h_module_main(int (*main)(int argc, char **argv));
void h_module_exit(void);
#endif

#endif /* IRQSPEC_H_API_H */
