// SPDX-License-Identifier: GPL-2.0
/*
 * ktap_demo: a test module in the kselftest-module style: its init prints
 * KTAP with pr_info() (with the usual "MODNAME: " pr_fmt prefix) and
 * returns 0, or -EINVAL when fail=1 (the insmod then fails, status 1).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static bool fail;
module_param(fail, bool, 0444);
MODULE_PARM_DESC(fail, "report a failure and refuse to load");

static int __init ktap_demo_init(void)
{
	pr_info("KTAP version 1\n");
	pr_info("1..3\n");
	pr_info("ok 1 first\n");
	pr_info("# a diagnostic line\n");
	pr_info("%sok 2 second\n", fail ? "not " : "");
	pr_info("ok 3 third # SKIP nothing to do\n");
	pr_info("@@irqspec done\n");	/* must not end the run */
	pr_info("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:1 error:0\n",
		fail ? 1 : 2, fail ? 1 : 0);
	return fail ? -EINVAL : 0;
}

static void __exit ktap_demo_exit(void)
{
}

module_init(ktap_demo_init);
module_exit(ktap_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("irqspec qemu target: KTAP from a module's init");
