/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of the KVM harnesses' C API that does not depend on the
 * architecture: assertions, the observation log and its comparisons, and
 * KTAP output.  conformance/host-kvm/kvm_harness.h (x86) and
 * conformance/arm64-kvm/kvm_harness.h include it; kh_common.c implements
 * it once for both (built into each one's libkvm-harness.a).  What an
 * observation is (enum kh_obs_kind, struct kh_obs) is the architecture's.
 */
#ifndef KH_COMMON_H
#define KH_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ktap.h"

#ifndef __noreturn
#define __noreturn	__attribute__((noreturn))
#endif

struct kh_vm;
struct kh_obs;

/*
 * KH_ASSERT - TEST_ASSERT in the style of the KVM selftests: on failure print
 * where, the condition, errno and the message (say what was wanted and what
 * was seen), the observations so far, and exit with KSFT_FAIL.
 */
#define KH_ASSERT(cond, fmt, ...)					\
	do {								\
		if (!(cond))						\
			kh_assert_fail(__FILE__, __LINE__, #cond,	\
				       fmt, ##__VA_ARGS__);		\
	} while (0)

__noreturn __printf(4, 5)
void kh_assert_fail(const char *file, int line, const char *cond,
		    const char *fmt, ...);

/* ---- the observation log ----------------------------------------------- */

/* Format one observation as kvm_harness.h lists them; returns buf. */
const char *kh_obs_str(const struct kh_obs *obs, char *buf, size_t len);

unsigned int kh_log_len(const struct kh_vm *vm);
const struct kh_obs *kh_log_at(const struct kh_vm *vm, unsigned int i);
/* Forget the observations so far (e.g. after a scenario's preamble). */
void kh_log_clear(struct kh_vm *vm);
/* Print the log, one "# " line per observation, details in parentheses. */
void kh_log_print(const struct kh_vm *vm, FILE *f);

/*
 * Compare the non-detail observations with @expected, a NULL-terminated
 * array of strings as kh_obs_str() prints them.  On a mismatch print a
 * diff ("-" wanted only, "+" seen only) as "# " lines.
 */
bool kh_log_expect(const struct kh_vm *vm, const char *const *expected);
/*
 * The same against a NULL-terminated list of acceptable sequences; on a
 * mismatch the diff is against the closest one.  Returns the index of the
 * matching sequence, or -1.
 */
int kh_log_expect_any(const struct kh_vm *vm,
		      const char *const *const *alternatives);
/*
 * Is what was observed so far the beginning of one of @alternatives?  A
 * generated test checks this after every step, to name the first step at
 * which the kernel left every behaviour of the model.
 */
bool kh_log_prefix_any(const struct kh_vm *vm,
		       const char *const *const *alternatives);

/* ---- KTAP / kselftest output ------------------------------------------ */

/*
 * "TAP version 13" + "1..n": the version line of kselftest's
 * ksft_print_header(), which these programs have always printed.
 */
void kh_ktap_plan(unsigned int n);
__printf(2, 3) void kh_ktap_result(bool ok, const char *fmt, ...);
__printf(2, 3) void kh_ktap_skip(const char *reason, const char *fmt, ...);
/* Totals line; the exit code: 1 if any failed, 4 if all skipped, else 0. */
int kh_ktap_finish(void);
/* Skip the whole program: "1..0 # SKIP" before the plan, else one result. */
__noreturn __printf(1, 2) void kh_skip_exit(const char *fmt, ...);

#endif /* KH_COMMON_H */
