/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The objects of the irqbypass harnesses (not for tests): the producers
 * and consumers irqbypass.c sees, and the callbacks that log each call it
 * makes into them.  h_ibobj.c is compiled into each harness against the
 * irqbypass.h of its code under test: Era C or Era D in userspace over the
 * shim (conformance/kernel-src), the running kernel's in a module
 * (conformance/irqbypass-kmod).  The callbacks have the same form in every
 * era; what a harness sets besides them (Era C's token and irq) is its own.
 */
#ifndef IRQSPEC_H_IBOBJ_H
#define IRQSPEC_H_IBOBJ_H

#include <linux/irqbypass.h>

#include "h_irqbypass.h"

struct h_prod {
	struct irq_bypass_producer kp;	/* what irqbypass.c sees */
	int token;			/* Era D: the eventfd the owner passes */
	unsigned int cbs;
	int add_ret;
};

struct h_cons {
	struct irq_bypass_consumer kc;
	int token;
	unsigned int cbs;
	int add_ret;
};

/*
 * p0..p7 and c0..c7.  A never configured object has H_TOKEN_NULL: in Era D
 * that is the NULL eventfd, as a zeroed Era C object has a NULL token.
 */
extern struct h_prod h_prods[H_MAX_PRODUCERS];
extern struct h_cons h_conss[H_MAX_CONSUMERS];
extern const char *const h_pnames[H_MAX_PRODUCERS];
extern const char *const h_cnames[H_MAX_CONSUMERS];

/* Point the object's callbacks at the logging ones its ->cbs asks for. */
void h_prod_set_callbacks(struct h_prod *hp);
void h_cons_set_callbacks(struct h_cons *hc);

#endif /* IRQSPEC_H_IBOBJ_H */
