// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the irqbypass-kmod harness (not a conformance test): the
 * hand-written cases of conformance/kernel-src/selftest.c (most of them in
 * ../common/h_irqbypass_selftest.h, shared), whose outcome was read off
 * the source and confirmed in userspace, plus cases for what
 * only the kernel harness does (cleanup between tests, crash deferral,
 * dead and hung test threads).  It is built like a generated test
 * (build-module.sh KDIR selftest.c OUTDIR).  run-selftest.sh loads it
 * several times, each time with a tests= selection, and checks every
 * result: tests named must_fail_* must come out "not ok".
 */
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/errno.h>

#include "harness.h"

#define T0	0
#define T1	1

#include "h_irqbypass_selftest.h"	/* the cases shared with kernel-src */

static void connect_producer_first(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);

	h_step("register p0");
	h_expect_int("register p0", 0, h_register_producer(0));
	H_EXPECT_NO_CALLBACKS();

	h_step("register c0");
	h_expect_int("register c0", 0, h_register_consumer(0));
	h_log_check(connect_p0_c0);
	h_expect_int("module refs", 2, h_module_refcount());

	h_step("unregister c0");
	h_unregister_consumer(0);
	h_log_check(disconnect_p0_c0);
	h_expect_int("module refs", 1, h_module_refcount());

	h_step("unregister p0");
	h_unregister_producer(0);
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 0, h_module_refcount());
	h_expect_int("p0 linked", 0, h_producer_linked(0));
	h_expect_int("c0 linked", 0, h_consumer_linked(0));
}

static void module_going(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_module_set_going(true);
	h_step("register p0, module going");
	h_expect_int("register p0", -ENODEV, h_register_producer(0));
	h_expect_int("register c0", -ENODEV, h_register_consumer(0));
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 0, h_module_refcount());
	h_module_set_going(false);
	h_step("register p0, module live again");
	h_expect_int("register p0", 0, h_register_producer(0));
	h_expect_int("module refs", 1, h_module_refcount());
}

/* Unregister returns at once if try_module_get() fails. */
static void unregister_while_going_is_noop(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_log_clear();
	h_module_set_going(true);
	h_step("unregister c0 and p0 while going");
	h_unregister_consumer(0);
	h_unregister_producer(0);
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("p0 linked", 1, h_producer_linked(0));
	h_expect_int("c0 linked", 1, h_consumer_linked(0));
	h_expect_int("module refs", 2, h_module_refcount());
	/* left going, and registered: the harness must clean up */
}

/*
 * Leave a mess: connected pairs, a registered producer and consumer whose
 * tokens changed (to another object's, and to NULL) after registering.
 * Unregistering these by their current tokens would go wrong; the
 * harness's cleanup must not.
 */
static void leaves_a_mess(void)
{
	int i;

	for (i = 0; i < 4; i++) {
		h_producer_init(i, i, H_CB_ALL, 0);
		h_consumer_init(i, i, H_CB_ALL, 0);
		h_expect_int("register p", 0, h_register_producer(i));
		h_expect_int("register c", 0, h_register_consumer(i));
	}
	h_log_clear();
	h_producer_set_token(1, T0);
	h_producer_set_token(2, H_TOKEN_NULL);
	h_consumer_set_token(3, H_TOKEN_NULL);
	h_expect_int("module refs", 8, h_module_refcount());
}

/* Runs after leaves_a_mess: everything must be as new. */
static void starts_clean(void)
{
	int i;

	h_step("state at the start");
	for (i = 0; i < H_MAX_PRODUCERS; i++)
		h_expect_int("p linked", 0, h_producer_linked(i));
	for (i = 0; i < H_MAX_CONSUMERS; i++)
		h_expect_int("c linked", 0, h_consumer_linked(i));
	h_expect_int("module refs", 0, h_module_refcount());
	h_step("the tokens of the mess are free");
	for (i = 0; i < 4; i++) {
		h_producer_init(i, i, H_CB_NONE, 0);
		h_expect_int("register p", 0, h_register_producer(i));
	}
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 4, h_module_refcount());
}

static void must_fail_wrong_value(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_step("register p1, wrong expectation");
	h_expect_int("register p1", 0, h_register_producer(1));
	h_expect_int("module refs", 2, h_module_refcount());
}

static void must_fail_misuse(void)
{
	h_step("a producer that does not exist");
	h_producer_init(H_MAX_PRODUCERS, T0, H_CB_ALL, 0);
	h_step("not reached");
	h_expect_int("not reached", 0, 1);
}

/* A bug outside irqbypass: the harness must clean up and go on. */
static void must_fail_oops_outside(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_step("BUG() in the test");
	BUG();
}

static DECLARE_COMPLETION(h_never);

/* Blocks forever (in D state), as a call stuck on irqbypass's mutex. */
static void must_fail_timeout(void)
{
	h_step("wait forever");
	wait_for_completion(&h_never);
}

/* Passes, or is skipped when selected after a test that breaks irqbypass. */
static void plain_register(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_expect_int("register p0", 0, h_register_producer(0));
}

static const struct h_test tests[] = {
	H_TEST(connect_producer_first),
	H_TEST(connect_consumer_first),
	H_TEST(only_required_callbacks),
	H_TEST(einval),
	H_TEST(ebusy),
	H_TEST(add_producer_fails),
	H_TEST(add_consumer_fails),
	H_TEST(module_going),
	H_TEST(unregister_while_going_is_noop),
	H_TEST(unknown_consumer_unregister_is_noop),
	H_TEST(failed_producer_with_cleared_token),
	H_TEST(leaves_a_mess),
	H_TEST(starts_clean),
	H_TEST(must_fail_missed_crash),
	H_TEST(unknown_producer_unregister_crashes),
	H_TEST(stale_producer_unregister_crashes),
	H_TEST(must_fail_log_mismatch),
	H_TEST(must_fail_wrong_value),
	H_TEST(must_fail_misuse),
	H_TEST(must_fail_crash_wrong_log),
	H_TEST(must_fail_oops_outside),
	H_TEST(must_fail_crash),
	H_TEST(must_fail_timeout),
	H_TEST(plain_register),
};

int main(int argc, char **argv)
{
	return h_run(argc, argv, tests, ARRAY_SIZE(tests));
}
