// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec kernel-src harness for Era D (v6.17+) irqbypass.c: harness.h and
 * harness-era-d.h over the real virt/lib/irqbypass.c of a v6.17+ tree,
 * built against that tree's include/linux/irqbypass.h (eventfd, no token)
 * and the shim headers with shim/era_d.h force-included.
 *
 * The runner, the callback log and the checks are conformance/common/
 * h_runner.c's, as for harness.c (which compiles only against Era C's
 * irqbypass.h); the objects and the calls are Era D's: the token of an
 * object is the eventfd its owner passes at registration, and the
 * structures irqbypass.c owns (->eventfd, ->consumer, ->producer, ->irq,
 * the XArrays) are left to it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/irqbypass.h>
#include <linux/module.h>
#include <linux/bug.h>
#include <linux/xarray.h>
#include "shim.h"
#include "harness-era-d.h"
#include "h_runner.h"
#include "h_ibobj.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c (Era D)"
#endif

/* Distinct struct eventfd_ctx pointers; only their addresses matter. */
static char tokens[H_MAX_TOKENS][64] __attribute__((aligned(64)));

static __noreturn __printf(1, 2) void h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	shim_fatal("harness misuse", "%s", buf);
}

/* Objects (their callbacks are h_ibobj.c's) */

static struct h_prod *prod(int p)
{
	if (p < 0 || p >= H_MAX_PRODUCERS)
		h_misuse("no producer p%d", p);
	return &h_prods[p];
}

static struct h_cons *cons(int c)
{
	if (c < 0 || c >= H_MAX_CONSUMERS)
		h_misuse("no consumer c%d", c);
	return &h_conss[c];
}

static struct eventfd_ctx *token_ptr(int token)
{
	if (token == H_TOKEN_NULL)
		return NULL;
	if (token < 0 || token >= H_MAX_TOKENS)
		h_misuse("no token %d", token);
	return (struct eventfd_ctx *)tokens[token];
}

static int token_of(const struct eventfd_ctx *e)
{
	if (!e)
		return H_TOKEN_NULL;
	for (int i = 0; i < H_MAX_TOKENS; i++)
		if ((const void *)e == (const void *)tokens[i])
			return i;
	return H_FOREIGN;
}

/*
 * An owner sets the callbacks (and, at registration, passes the token as
 * the eventfd); irqbypass.c owns the rest of the object.
 */
void h_producer_init(int p, int token, unsigned int cbs, int add_ret)
{
	struct h_prod *hp = prod(p);

	token_ptr(token);	/* checks it */
	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	h_prod_set_callbacks(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc = cons(c);

	token_ptr(token);
	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	h_cons_set_callbacks(hc);
}

void h_producer_set_token(int p, int token)
{
	token_ptr(token);
	prod(p)->token = token;
}

void h_consumer_set_token(int c, int token)
{
	token_ptr(token);
	cons(c)->token = token;
}

void h_producer_set_add_ret(int p, int add_ret)
{
	prod(p)->add_ret = add_ret;
}

void h_consumer_set_add_ret(int c, int add_ret)
{
	cons(c)->add_ret = add_ret;
}

/* Era C's "on a list" is Era D's "in an XArray". */
bool h_producer_linked(int p)
{
	return shim_xa_holds(&prod(p)->kp);
}

bool h_consumer_linked(int c)
{
	return shim_xa_holds(&cons(c)->kc);
}

bool h_producer_on_list(int p)
{
	prod(p);
	return false;
}

bool h_consumer_on_list(int c)
{
	cons(c);
	return false;
}

int h_producer_eventfd(int p)
{
	return token_of(prod(p)->kp.eventfd);
}

int h_consumer_eventfd(int c)
{
	return token_of(cons(c)->kc.eventfd);
}

static int cons_index(const struct irq_bypass_consumer *kc)
{
	if (!kc)
		return -1;
	for (int i = 0; i < H_MAX_CONSUMERS; i++)
		if (kc == &h_conss[i].kc)
			return i;
	return H_FOREIGN;
}

static int prod_index(const struct irq_bypass_producer *kp)
{
	if (!kp)
		return -1;
	for (int i = 0; i < H_MAX_PRODUCERS; i++)
		if (kp == &h_prods[i].kp)
			return i;
	return H_FOREIGN;
}

int h_producer_bound(int p)
{
	return cons_index(prod(p)->kp.consumer);
}

int h_consumer_bound(int c)
{
	return prod_index(cons(c)->kc.producer);
}

int h_producer_irq(int p)
{
	return prod(p)->kp.irq;
}

/* The object of the given kind that an XArray of irqbypass.c holds there. */
static int xa_at(int token, bool producer)
{
	unsigned long index = (unsigned long)token_ptr(token);
	struct xarray *xa;

	for (unsigned int n = 0; (xa = shim_xa_nth(n)); n++) {
		void *e = shim_xa_peek(xa, index);
		int i;

		if (!e)
			continue;
		i = producer ? prod_index(e) : cons_index(e);
		if (i != H_FOREIGN)
			return i;
	}
	return -1;
}

int h_xa_producer_at(int token)
{
	return xa_at(token, true);
}

int h_xa_consumer_at(int token)
{
	return xa_at(token, false);
}

void h_xa_fail_next_insert(void)
{
	h_hist_add("xa_insert: no memory for the next allocation");
	shim_xa_fail_next_alloc();
}

/* WARN_ON_ONCE() and WARN_ON() reports are lines of the callback log. */
static void warn_hook(const char *macro, const char *cond, const char *func)
{
	h_log_event("%s(%s) in %s", macro, cond, func);
}

/* The calls under test */

static void after_call(const char *call, const char *name, int ret)
{
	h_hist_add("ret %s(%s) = %d", call, name, ret);
	if (shim_mutexes_held())
		h_fail("%s(%s) returned with %d mutex(es) held", call, name,
		       shim_mutexes_held());
}

int h_register_producer_irq(int p, int irq)
{
	struct h_prod *hp = prod(p);
	int ret;

	h_hist_add("call register_producer(%s, token %d, irq %d)", h_pnames[p],
		 hp->token, irq);
	ret = irq_bypass_register_producer(&hp->kp, token_ptr(hp->token), irq);
	after_call("register_producer", h_pnames[p], ret);
	return ret;
}

int h_register_producer(int p)
{
	return h_register_producer_irq(p, 32 + p);
}

int h_register_consumer(int c)
{
	struct h_cons *hc = cons(c);
	int ret;

	h_hist_add("call register_consumer(%s, token %d)", h_cnames[c], hc->token);
	ret = irq_bypass_register_consumer(&hc->kc, token_ptr(hc->token));
	after_call("register_consumer", h_cnames[c], ret);
	return ret;
}
int h_unregister_producer(int p)
{
	struct h_prod *hp = prod(p);

	h_hist_add("call unregister_producer(%s)", h_pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	after_call("unregister_producer", h_pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc = cons(c);

	h_hist_add("call unregister_consumer(%s)", h_cnames[c]);
	irq_bypass_unregister_consumer(&hc->kc);
	after_call("unregister_consumer", h_cnames[c], 0);
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

/* The runner: h_runner.c's, told how this code under test dies. */

static void child_setup(void)
{
	shim_fatal_hook = h_fatal;
	shim_warn_hook = warn_hook;
}

const struct h_runner_ops h_runner_ops = {
	.under_test = "irqbypass under test: " H_SOURCE_DESC,
	.child_setup = child_setup,
	.list_fatal_kind = SHIM_FATAL_LIST,
};
