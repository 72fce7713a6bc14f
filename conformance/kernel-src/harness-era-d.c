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
#include "harness-calls.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c (Era D)"
#endif

/* Distinct struct eventfd_ctx pointers; only their addresses matter. */
static char tokens[H_MAX_TOKENS][64] __attribute__((aligned(64)));

/* Objects (their callbacks are h_ibobj.c's) */

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
	struct h_prod *hp = h_prod_of(p);

	token_ptr(token);	/* checks it */
	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	h_prod_set_callbacks(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc = h_cons_of(c);

	token_ptr(token);
	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	h_cons_set_callbacks(hc);
}

void h_producer_set_token(int p, int token)
{
	token_ptr(token);
	h_prod_of(p)->token = token;
}

void h_consumer_set_token(int c, int token)
{
	token_ptr(token);
	h_cons_of(c)->token = token;
}

/* Era C's "on a list" is Era D's "in an XArray". */
bool h_producer_linked(int p)
{
	return shim_xa_holds(&h_prod_of(p)->kp);
}

bool h_consumer_linked(int c)
{
	return shim_xa_holds(&h_cons_of(c)->kc);
}

bool h_producer_on_list(int p)
{
	h_prod_of(p);
	return false;
}

bool h_consumer_on_list(int c)
{
	h_cons_of(c);
	return false;
}

int h_producer_eventfd(int p)
{
	return token_of(h_prod_of(p)->kp.eventfd);
}

int h_consumer_eventfd(int c)
{
	return token_of(h_cons_of(c)->kc.eventfd);
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
	return cons_index(h_prod_of(p)->kp.consumer);
}

int h_consumer_bound(int c)
{
	return prod_index(h_cons_of(c)->kc.producer);
}

int h_producer_irq(int p)
{
	return h_prod_of(p)->kp.irq;
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

int h_register_producer_irq(int p, int irq)
{
	struct h_prod *hp = h_prod_of(p);
	int ret;

	h_hist_add("call register_producer(%s, token %d, irq %d)", h_pnames[p],
		 hp->token, irq);
	ret = irq_bypass_register_producer(&hp->kp, token_ptr(hp->token), irq);
	h_after_call("register_producer", h_pnames[p], ret);
	return ret;
}

int h_register_producer(int p)
{
	return h_register_producer_irq(p, 32 + p);
}

int h_register_consumer(int c)
{
	struct h_cons *hc = h_cons_of(c);
	int ret;

	h_hist_add("call register_consumer(%s, token %d)", h_cnames[c], hc->token);
	ret = irq_bypass_register_consumer(&hc->kc, token_ptr(hc->token));
	h_after_call("register_consumer", h_cnames[c], ret);
	return ret;
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
