// SPDX-License-Identifier: GPL-2.0
/*
 * Hand-written check of the Era D harness (harness-era-d.c) against a
 * v6.17+ irqbypass.c: what the code does as read, and that the harness
 * reports what it should. Not a conformance test. Every test but the
 * must_fail_* ones must pass; run-selftest-era-d.sh checks the output.
 */
#include <errno.h>
#include "harness-era-d.h"

static void connect_and_disconnect(void)
{
	h_producer_init(0, 0, H_CB_ALL, 0);
	h_consumer_init(0, 0, H_CB_ALL, 0);
	h_expect_int("register p0", 0, h_register_producer_irq(0, 7));
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("irq", 7, h_producer_irq(0));
	h_expect_int("register c0", 0, h_register_consumer(0));
	H_EXPECT_LOG("prod.stop p0", "cons.stop c0", "prod.add_consumer p0 c0",
		     "cons.add_producer c0 p0", "cons.start c0", "prod.start p0");
	h_expect_int("p0 bound", 0, h_producer_bound(0));
	h_expect_int("c0 bound", 0, h_consumer_bound(0));
	h_expect_int("xa p", 0, h_xa_producer_at(0));
	h_expect_int("xa c", 0, h_xa_consumer_at(0));
	h_unregister_producer(0);
	H_EXPECT_LOG("prod.stop p0", "cons.stop c0", "cons.del_producer c0 p0",
		     "prod.del_consumer p0 c0", "cons.start c0", "prod.start p0");
	h_expect_int("p0 eventfd", H_TOKEN_NULL, h_producer_eventfd(0));
	h_expect_int("c0 bound", -1, h_consumer_bound(0));
	h_expect_int("refcount", 0, h_module_refcount());
}

/* -EBUSY for an eventfd in use; the failed one's unregister is a no-op. */
static void twin_is_busy_and_harmless(void)
{
	h_producer_init(0, 1, H_CB_NONE, 0);
	h_producer_init(1, 1, H_CB_NONE, 0);
	h_consumer_init(0, 1, H_CB_ADD | H_CB_DEL, 0);
	h_expect_int("p0", 0, h_register_producer(0));
	h_expect_int("c0", 0, h_register_consumer(0));
	H_EXPECT_LOG("cons.add_producer c0 p0");
	h_expect_int("p1", -EBUSY, h_register_producer_irq(1, 9));
	h_expect_int("irq set anyway", 9, h_producer_irq(1));
	h_unregister_producer(1);
	H_EXPECT_NO_CALLBACKS();
	h_expect_int("p0 still bound", 0, h_producer_bound(0));
	h_expect_int("xa still p0", 0, h_xa_producer_at(1));
}

/* WARN_ON_ONCE: once per call site; -EINVAL every time. */
static void double_register_warns_once(void)
{
	h_producer_init(0, 0, H_CB_NONE, 0);
	h_expect_int("first", 0, h_register_producer_irq(0, 1));
	h_expect_int("second", -EINVAL, h_register_producer_irq(0, 2));
	H_EXPECT_LOG("WARN_ON_ONCE(producer->eventfd) in irq_bypass_register_producer");
	h_expect_int("irq kept", 1, h_producer_irq(0));
	h_expect_int("third", -EINVAL, h_register_producer_irq(0, 2));
	H_EXPECT_NO_CALLBACKS();
}

/* -ENOMEM from xa_insert; a failed connect erases the entry. */
static void nomem_and_rollback(void)
{
	h_producer_init(0, 2, H_CB_NONE, 0);
	h_xa_fail_next_insert();
	h_expect_int("nomem", -ENOMEM, h_register_producer(0));
	h_expect_int("not stored", -1, h_xa_producer_at(2));
	h_expect_int("again", 0, h_register_producer(0));
	h_consumer_init(0, 2, H_CB_ADD | H_CB_DEL, -ENOSPC);
	h_expect_int("connect fails", -ENOSPC, h_register_consumer(0));
	H_EXPECT_LOG("cons.add_producer c0 p0");
	h_expect_int("c0 erased", -1, h_xa_consumer_at(2));
	h_expect_int("c0 eventfd", H_TOKEN_NULL, h_consumer_eventfd(0));
	h_expect_int("no callbacks: -EINVAL", -EINVAL, h_register_consumer(1));
}

/* A NULL eventfd registers at index 0 and leaks (nothing refuses it). */
static void null_eventfd_leaks(void)
{
	h_producer_init(0, H_TOKEN_NULL, H_CB_NONE, 0);
	h_expect_int("register", 0, h_register_producer(0));
	h_expect_int("stored at 0", 0, h_xa_producer_at(H_TOKEN_NULL));
	h_expect_int("eventfd", H_TOKEN_NULL, h_producer_eventfd(0));
	h_unregister_producer(0);
	h_expect_int("still stored", 0, h_xa_producer_at(H_TOKEN_NULL));
	h_expect_int("linked", 1, h_producer_linked(0));
}

/* must fail: callback log mismatch (the WARN line is a callback line) */
static void must_fail_warn_not_expected(void)
{
	h_producer_init(0, 0, H_CB_NONE, 0);
	h_register_producer(0);
	h_register_producer(0);
	H_EXPECT_NO_CALLBACKS();
}

/* must fail: want -16 (-EBUSY), got 0 */
static void must_fail_wrong_result(void)
{
	h_producer_init(0, 0, H_CB_NONE, 0);
	h_expect_int("register", -EBUSY, h_register_producer(0));
}

static const struct h_test tests[] = {
	H_TEST(connect_and_disconnect),
	H_TEST(twin_is_busy_and_harmless),
	H_TEST(double_register_warns_once),
	H_TEST(nomem_and_rollback),
	H_TEST(null_eventfd_leaks),
	H_TEST(must_fail_warn_not_expected),
	H_TEST(must_fail_wrong_result),
};

int main(int argc, char **argv)
{
	return h_run(argc, argv, tests, ARRAY_SIZE(tests));
}
