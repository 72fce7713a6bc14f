// SPDX-License-Identifier: GPL-2.0
/*
 * Hand-written check of the kvm-vfio harness against the running kernel
 * (not a conformance test: the generated suite is). Every test but the
 * must_fail_* ones must pass; those must fail with the report named in
 * their comment. run-selftest.sh checks the KTAP output.
 */
#include <errno.h>
#include "harness.h"

/* Errors of an eventfd, a never-opened and a closed fd number. */
static void add_and_del_errors(void)
{
	h_step("create");
	h_expect_int("create_device", 0, kv_create_device());
	h_step("never opened");
	h_expect_int("file_add", -EBADF, kv_file_add(0));
	h_expect_int("file_del", -EBADF, kv_file_del(0));
	h_step("eventfd");
	kv_open_file(1, KV_OTHER_FILE);
	h_expect_int("file_add", -EINVAL, kv_file_add(1));
	h_expect_int("file_add again", -EINVAL, kv_file_add(1));
	h_expect_int("file_del", -ENOENT, kv_file_del(1));
	h_step("closed");
	kv_close_file(1);
	h_expect_int("file_add", -EBADF, kv_file_add(1));
	h_expect_int("file_del", -EBADF, kv_file_del(1));
	H_EXPECT_NO_CALLBACKS();
}

static void attributes(void)
{
	h_expect_int("create_device", 0, kv_create_device());
	h_expect_int("efault", -EFAULT, kv_file_add_efault());
	h_expect_int("unknown attr", -ENXIO, kv_set_unknown_attr());
	h_expect_int("unknown group", -ENXIO, kv_set_unknown_group());
	h_expect_int("has ADD", 0, kv_has_attr(KV_ATTR_ADD));
	h_expect_int("has DEL", 0, kv_has_attr(KV_ATTR_DEL));
	h_expect_int("has SPAPR_TCE (x86)", -ENXIO, kv_has_attr(KV_ATTR_SPAPR_TCE));
	h_expect_int("has 99", -ENXIO, kv_has_attr(KV_ATTR_OTHER));
	kv_open_file(0, KV_OTHER_FILE);
	h_expect_int("forward (no such group)", -ENXIO, kv_forward_irq(0, 0));
	h_expect_int("unforward (no such group)", -ENXIO, kv_unforward_irq(0, 0));
}

/*
 * One VFIO device per VM at a time: closing its fd releases it
 * (kvm_device_release() calls .release at once), so a new one can be made.
 */
static void one_device_per_vm(void)
{
	h_expect_int("create_device", 0, kv_create_device());
	h_expect_int("second", -EBUSY, kv_create_device());
	kv_close_device_fd();
	h_expect_int("after close", 0, kv_create_device());
	h_expect_int("second again", -EBUSY, kv_create_device());
}

/* Teardown at any point: kill, then nothing is left to call. */
static void kill_then_done(void)
{
	h_expect_int("create_device", 0, kv_create_device());
	kv_open_file(0, KV_OTHER_FILE);
	kv_kill();
	H_EXPECT_NO_CALLBACKS();
}

/* must fail: "file_add: want 0, got -22 (-EINVAL)" */
static void must_fail_wrong_result(void)
{
	h_expect_int("create_device", 0, kv_create_device());
	kv_open_file(0, KV_OTHER_FILE);
	h_expect_int("file_add", 0, kv_file_add(0));
}

/* must fail: "callback log mismatch" */
static void must_fail_log(void)
{
	h_expect_int("create_device", 0, kv_create_device());
	H_EXPECT_LOG("set_kvm f0 1");
}

static const struct h_test tests[] = {
	H_TEST(add_and_del_errors),
	H_TEST(attributes),
	H_TEST(one_device_per_vm),
	H_TEST(kill_then_done),
	H_TEST(must_fail_wrong_result),
	H_TEST(must_fail_log),
};

int main(int argc, char **argv)
{
	return h_run(argc, argv, tests, ARRAY_SIZE(tests));
}
