// SPDX-License-Identifier: GPL-2.0
/*
 * oops_demo: a test module whose init prints the start of a KTAP report,
 * then dereferences NULL.  insmod dies (SIGSEGV in the kernel: the init
 * sees status 139 or 137) and the kernel, without panic_on_oops, goes on.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int *volatile null_pointer;

static int __init oops_demo_init(void)
{
	pr_info("KTAP version 1\n");
	pr_info("1..1\n");
	pr_info("# about to dereference NULL\n");
	return *null_pointer;
}

module_init(oops_demo_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("irqspec qemu target: a module that oopses in its init");
