// SPDX-License-Identifier: GPL-2.0
/*
 * What the Era C (harness.c) and Era D (harness-era-d.c) harnesses share
 * beyond ../common: see harness-calls.h.  Compiled for each era, against
 * that era's irqbypass.h (the unregister calls and the module are the same
 * in both).
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/irqbypass.h>
#include <linux/module.h>
#include "shim.h"
#include "harness.h"
#include "h_runner.h"
#include "h_ibobj.h"
#include "harness-calls.h"

void h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	shim_fatal("harness misuse", "%s", buf);
}

/* Objects */

struct h_prod *h_prod_of(int p)
{
	if (p < 0 || p >= H_MAX_PRODUCERS)
		h_misuse("no producer p%d", p);
	return &h_prods[p];
}

struct h_cons *h_cons_of(int c)
{
	if (c < 0 || c >= H_MAX_CONSUMERS)
		h_misuse("no consumer c%d", c);
	return &h_conss[c];
}

void h_producer_set_add_ret(int p, int add_ret)
{
	h_prod_of(p)->add_ret = add_ret;
}

void h_consumer_set_add_ret(int c, int add_ret)
{
	h_cons_of(c)->add_ret = add_ret;
}

/* The calls under test */

void h_after_call(const char *call, const char *name, int ret)
{
	h_hist_add("ret %s(%s) = %d", call, name, ret);
	if (shim_mutexes_held())
		h_fail("%s(%s) returned with %d mutex(es) held", call, name,
		       shim_mutexes_held());
}

int h_unregister_producer(int p)
{
	struct h_prod *hp = h_prod_of(p);

	h_hist_add("call unregister_producer(%s)", h_pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	h_after_call("unregister_producer", h_pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc = h_cons_of(c);

	h_hist_add("call unregister_consumer(%s)", h_cnames[c]);
	irq_bypass_unregister_consumer(&hc->kc);
	h_after_call("unregister_consumer", h_cnames[c], 0);
	return 0;
}

int h_module_refcount(void)
{
	return shim_module_refcount();
}

int h_module_underflows(void)
{
	return shim_module_underflows();
}

void h_module_set_going(bool going)
{
	h_hist_add("module going = %d", going);
	shim_module_set_going(going);
}
