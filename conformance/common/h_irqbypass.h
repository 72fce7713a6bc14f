/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The calls of the two irqbypass harnesses, the same in userspace
 * (conformance/kernel-src: the real virt/lib/irqbypass.c over the shim) and
 * in a module (conformance/irqbypass-kmod: the running kernel's
 * irqbypass.ko), so that one generated test builds against either.  Each
 * harness.h includes it and says where the two differ (what the module
 * count counts, what a crash is).
 *
 * A test sees producers p0..p7 and consumers c0..c7 by number only.  Each
 * object has a token (an index into a table of distinct pointers, or
 * H_TOKEN_NULL), a set of callbacks that are present, and the value its
 * add_* callback returns.  Every callback appends one line to the
 * callback log:
 *
 *	prod.add_consumer p0 c1		cons.add_producer c1 p0
 *	prod.del_consumer p0 c1		cons.del_producer c1 p0
 *	prod.stop p0			cons.stop c1
 *	prod.start p0			cons.start c1
 */
#ifndef IRQSPEC_H_IRQBYPASS_H
#define IRQSPEC_H_IRQBYPASS_H

#include "h_api.h"

#define H_MAX_PRODUCERS	8
#define H_MAX_CONSUMERS	8
#define H_MAX_TOKENS	8
#define H_TOKEN_NULL	(-1)

/* Callback sets: add is add_consumer / add_producer, del likewise. */
#define H_CB_NONE	0x0
#define H_CB_ADD	0x1
#define H_CB_DEL	0x2
#define H_CB_STOP	0x4
#define H_CB_START	0x8
#define H_CB_ALL	0xf

/*
 * Configure an object.  May be called at any time, also while the object
 * is registered (the kernel sees the change at its next use).
 * @add_ret is 0 or a negative errno.
 */
void h_producer_init(int p, int token, unsigned int cbs, int add_ret);
void h_consumer_init(int c, int token, unsigned int cbs, int add_ret);
void h_producer_set_token(int p, int token);
void h_consumer_set_token(int c, int token);
void h_producer_set_add_ret(int p, int add_ret);
void h_consumer_set_add_ret(int c, int add_ret);

/*
 * The calls under test.  Register returns the kernel's result; the
 * kernel's unregister functions return nothing, their wrappers return 0.
 * After each call the harness checks that irqbypass's mutex is free.
 */
int h_register_producer(int p);
int h_register_consumer(int c);
int h_unregister_producer(int p);
int h_unregister_consumer(int c);

/* White-box: is the object's list node linked into a list right now? */
bool h_producer_linked(int p);
bool h_consumer_linked(int c);

/* irqbypass's module count (see the harness), module_put()s below it. */
int h_module_refcount(void);
int h_module_underflows(void);
void h_module_set_going(bool going);	/* try_module_get() fails while set */

#endif /* IRQSPEC_H_IRQBYPASS_H */
