// SPDX-License-Identifier: GPL-2.0
/*
 * The module glue of the kernel-module harnesses: one test file generated
 * by `irqspec gen-tests --target kernel-src` (or kmod), unchanged, as a
 * module that drives the running kernel's code under test.  The generated
 * file ends with
 *
 *	int main(int argc, char **argv) { return h_run(...); }
 *
 * which becomes the static irqspec_generated_main() here; module_init runs
 * it with an argv made from the module parameters (see h_kmod.c).  init
 * returns 0 when every test passed and -EINVAL otherwise, as kstm_report()
 * does, so the status of insmod is the verdict.  The harness's header says
 * what the module tests (H_MODULE_DESCRIPTION).
 */
#include <linux/init.h>
#include <linux/module.h>

#include "harness.h"

#ifndef IRQSPEC_TEST_C
#define IRQSPEC_TEST_C "generated_test.c"
#endif

static int irqspec_generated_main(int argc, char **argv);
#define main irqspec_generated_main
#include IRQSPEC_TEST_C
#undef main

static int __init irqspec_test_init(void)
{
	return h_module_main(irqspec_generated_main);
}

static void __exit irqspec_test_exit(void)
{
	h_module_exit();
}

module_init(irqspec_test_init);
module_exit(irqspec_test_exit);

MODULE_DESCRIPTION(H_MODULE_DESCRIPTION);
MODULE_LICENSE("GPL");
MODULE_INFO(test, "Y");
