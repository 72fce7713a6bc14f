// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec's KTAP writer: see ktap.h.  The same file builds into the
 * userspace harness libraries and into the test modules; only the output
 * hook differs.
 */
#ifdef __KERNEL__
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/kernel.h>
#include <linux/printk.h>
#else
#include <stdio.h>
#endif

#include "ktap.h"

/* The output hook: one whole line, then make it visible at once. */
static void ktap_emit(const char *prefix, const char *text)
{
#ifdef __KERNEL__
	pr_info("%s%s\n", prefix, text);
#else
	printf("%s%s\n", prefix, text);
	fflush(stdout);
#endif
}

static void ktap_vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[KTAP_LINE_MAX];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	ktap_emit(prefix, buf);
}

void ktap_vprint(const char *fmt, va_list ap)
{
	ktap_vline("", fmt, ap);
}

void ktap_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint(fmt, ap);
	va_end(ap);
}

void ktap_vdiag(const char *fmt, va_list ap)
{
	ktap_vline("# ", fmt, ap);
}

void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vdiag(fmt, ap);
	va_end(ap);
}

void ktap_header(void)
{
	ktap_print("KTAP version 1");
}

void ktap_plan(struct ktap *k, unsigned int n)
{
	ktap_print("1..%u", n);
	k->planned = true;
}

void ktap_skip_all(struct ktap *k, const char *reason)
{
	ktap_print("1..0 # SKIP %s", reason);
	k->planned = true;
}

void ktap_result(struct ktap *k, bool ok, const char *name)
{
	ktap_print("%sok %u %s", ok ? "" : "not ", ++k->n, name);
	if (ok)
		k->pass++;
	else
		k->fail++;
}

void ktap_skip(struct ktap *k, const char *name, const char *reason)
{
	if (name)
		ktap_print("ok %u %s # SKIP %s", ++k->n, name, reason);
	else
		ktap_print("ok %u # SKIP %s", ++k->n, reason);
	k->skip++;
}

void ktap_totals(const struct ktap *k)
{
	ktap_print("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0",
		   k->pass, k->fail, k->skip);
}

int ktap_exit_status(const struct ktap *k)
{
	if (k->fail)
		return KSFT_FAIL;
	if (!k->pass && k->skip)
		return KSFT_SKIP;
	return KSFT_PASS;
}
