// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the kernel-src harness (not a conformance test): a few
 * hand-written cases against the real irqbypass.c whose outcome was read
 * off the source, most of them ../common/h_irqbypass_selftest.h's (shared
 * with irqbypass-kmod).  Tests named must_fail_* check the runner's failure
 * reports and are meant to come out "not ok"; run-selftest.sh checks that.
 */
#include <errno.h>
#include <unistd.h>

#include "harness.h"

#define T0	0
#define T1	1

#include "h_irqbypass_selftest.h"	/* the cases shared with irqbypass-kmod */

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
}

static void must_fail_timeout(void)
{
	h_step("wait forever");
	for (;;)
		pause();
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
	H_TEST(unknown_consumer_unregister_is_noop),
	H_TEST(failed_producer_with_cleared_token),
	H_TEST(unknown_producer_unregister_crashes),
	H_TEST(stale_producer_unregister_crashes),
	H_TEST(must_fail_crash),
	H_TEST(must_fail_log_mismatch),
	H_TEST(must_fail_crash_wrong_log),
	H_TEST(must_fail_timeout),
	H_TEST(must_fail_missed_crash),
};

int main(int argc, char **argv)
{
	return h_run(argc, argv, tests, ARRAY_SIZE(tests));
}
