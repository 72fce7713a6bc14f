/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hand-written cases that both irqbypass harnesses' selftests run
 * (conformance/kernel-src/selftest.c in userspace, conformance/
 * irqbypass-kmod/selftest.c as a module): their outcome was read off
 * irqbypass.c and is the same whether it runs over the shim or in the
 * kernel.  Tests named must_fail_* check the runners' failure reports and
 * are meant to come out "not ok".  Each selftest includes this file after
 * defining T0 and T1 and including its harness.h and the errno values,
 * then lists these tests with its own: it is one file, built like a
 * generated test (a module's build takes that file alone).
 */
#ifndef IRQSPEC_H_IRQBYPASS_SELFTEST_H
#define IRQSPEC_H_IRQBYPASS_SELFTEST_H

static const char *const connect_p0_c0[] = {
	"prod.stop p0",
	"cons.stop c0",
	"prod.add_consumer p0 c0",
	"cons.add_producer c0 p0",
	"cons.start c0",
	"prod.start p0",
	NULL,
};

static const char *const disconnect_p0_c0[] = {
	"prod.stop p0",
	"cons.stop c0",
	"cons.del_producer c0 p0",
	"prod.del_consumer p0 c0",
	"cons.start c0",
	"prod.start p0",
	NULL,
};

static void connect_consumer_first(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);

	h_step("register c0");
	h_expect_int("register c0", 0, h_register_consumer(0));
	H_EXPECT_NO_CALLBACKS();

	h_step("register p0");
	h_expect_int("register p0", 0, h_register_producer(0));
	h_log_check(connect_p0_c0);

	h_step("unregister p0");
	h_unregister_producer(0);
	h_log_check(disconnect_p0_c0);
	h_expect_int("p0 linked", 0, h_producer_linked(0));
	h_expect_int("c0 linked", 1, h_consumer_linked(0));

	h_step("re-register p0");
	h_expect_int("register p0", 0, h_register_producer(0));
	h_log_check(connect_p0_c0);
	h_expect_int("module refs", 2, h_module_refcount());
}

static void only_required_callbacks(void)
{
	h_producer_init(0, T0, H_CB_NONE, 0);
	h_consumer_init(0, T0, H_CB_ADD | H_CB_DEL, 0);
	h_register_producer(0);
	h_step("register c0");
	h_expect_int("register c0", 0, h_register_consumer(0));
	H_EXPECT_LOG("cons.add_producer c0 p0");
	h_step("unregister p0");
	h_unregister_producer(0);
	H_EXPECT_LOG("cons.del_producer c0 p0");
}

static void einval(void)
{
	h_producer_init(0, H_TOKEN_NULL, H_CB_ALL, 0);
	h_consumer_init(0, H_TOKEN_NULL, H_CB_ALL, 0);
	h_consumer_init(1, T0, H_CB_ALL & ~H_CB_ADD, 0);
	h_consumer_init(2, T0, H_CB_ALL & ~H_CB_DEL, 0);

	h_step("register p0, NULL token");
	h_expect_int("register p0", -EINVAL, h_register_producer(0));
	h_step("register c0, NULL token");
	h_expect_int("register c0", -EINVAL, h_register_consumer(0));
	h_step("register c1, no add_producer");
	h_expect_int("register c1", -EINVAL, h_register_consumer(1));
	h_step("register c2, no del_producer");
	h_expect_int("register c2", -EINVAL, h_register_consumer(2));
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 0, h_module_refcount());
}

static void ebusy(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_consumer_init(0, T1, H_CB_ALL, 0);
	h_consumer_init(1, T1, H_CB_ALL, 0);

	h_register_producer(0);
	h_register_consumer(0);
	h_step("register p1, token of p0");
	h_expect_int("register p1", -EBUSY, h_register_producer(1));
	h_step("register c1, token of c0");
	h_expect_int("register c1", -EBUSY, h_register_consumer(1));
	h_step("register c0 again");
	h_expect_int("register c0", -EBUSY, h_register_consumer(0));
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 2, h_module_refcount());
}

static void add_producer_fails(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, -ENOSPC);

	h_register_producer(0);
	h_step("register c0, add_producer fails");
	h_expect_int("register c0", -ENOSPC, h_register_consumer(0));
	H_EXPECT_LOG("prod.stop p0", "cons.stop c0",
		     "prod.add_consumer p0 c0", "cons.add_producer c0 p0",
		     "prod.del_consumer p0 c0",
		     "cons.start c0", "prod.start p0");
	h_expect_int("c0 linked", 0, h_consumer_linked(0));
	h_expect_int("module refs", 1, h_module_refcount());
}

static void add_consumer_fails(void)
{
	h_producer_init(0, T0, H_CB_ALL, -EIO);
	h_consumer_init(0, T0, H_CB_ALL, 0);

	h_register_consumer(0);
	h_step("register p0, add_consumer fails");
	h_expect_int("register p0", -EIO, h_register_producer(0));
	H_EXPECT_LOG("prod.stop p0", "cons.stop c0",
		     "prod.add_consumer p0 c0",
		     "cons.start c0", "prod.start p0");
	h_expect_int("module refs", 1, h_module_refcount());
}

/* Consumers are matched by pointer on unregister: a stranger is a no-op. */
static void unknown_consumer_unregister_is_noop(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(1, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_log_clear();
	h_step("unregister c1, never registered, token of c0");
	h_unregister_consumer(1);
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 2, h_module_refcount());
}

/* vfio-pci clears the token of a producer whose registration failed. */
static void failed_producer_with_cleared_token(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_expect_int("register p1", -EBUSY, h_register_producer(1));
	h_producer_set_token(1, H_TOKEN_NULL);
	h_step("unregister p1 with NULL token");
	h_unregister_producer(1);
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("module refs", 1, h_module_refcount());
}

/*
 * Producers are matched by token on unregister: a never-registered p1
 * with p0's token is "disconnected" from c0 (p0 stays bound to c0 as far
 * as c0 knows), then list_del of its zeroed node is a list corruption.
 */
static void unknown_producer_unregister_crashes(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_expect_int("register p1", -EBUSY, h_register_producer(1));
	h_log_clear();
	h_step("unregister p1, never registered, token of p0");
	H_EXPECT_CRASH_LOG(H_CRASH_LIST, h_unregister_producer(1),
			   "prod.stop p1", "cons.stop c0",
			   "cons.del_producer c0 p1", "prod.del_consumer p1 c0",
			   "cons.start c0", "prod.start p1");
}

/* The same with a poisoned node: p1 was registered once before. */
static void stale_producer_unregister_crashes(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_register_producer(1);
	h_unregister_producer(1);
	h_register_producer(0);
	h_expect_int("register p1", -EBUSY, h_register_producer(1));
	h_step("unregister p1, already unregistered, token of p0");
	H_EXPECT_CRASH(H_CRASH_LIST, h_unregister_producer(1));
}

/* The runner must report these as "not ok", with the reason. */
static void must_fail_crash(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_step("unregister p1, never registered, token of p0");
	h_unregister_producer(1);
}

static void must_fail_log_mismatch(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_consumer_init(0, T0, H_CB_ALL, 0);
	h_register_producer(0);
	h_step("register c0, wrong expectation");
	h_register_consumer(0);
	H_EXPECT_LOG("cons.stop c0", "prod.stop p0");
}

static void must_fail_crash_wrong_log(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_producer_init(1, T0, H_CB_NONE, 0);
	h_consumer_init(0, T0, H_CB_ADD | H_CB_DEL, 0);
	h_register_producer(0);
	h_register_consumer(0);
	h_log_clear();
	h_step("unregister p1, crash expected with a wrong log");
	H_EXPECT_CRASH_LOG(H_CRASH_LIST, h_unregister_producer(1),
			   "cons.del_producer c0 p0");
}

static void must_fail_missed_crash(void)
{
	h_producer_init(0, T0, H_CB_ALL, 0);
	h_step("register p0, crash wrongly expected");
	H_EXPECT_CRASH(H_CRASH_ANY, h_register_producer(0));
}

#endif /* IRQSPEC_H_IRQBYPASS_SELFTEST_H */
