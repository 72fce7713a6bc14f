/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec kernel-src harness, the calls Era D (v6.17+) adds to harness.h.
 *
 * Both harness libraries implement all of harness.h and all of this
 * header, so one binding serves both eras (models/irqbypass_era_d.kernel-
 * src.json): a suite built for one era runs against a tree of the other
 * and diverges where the code does.
 *
 * Era D's registration takes the eventfd and (for a producer) the Linux
 * IRQ number as arguments: the harness passes the object's token (see
 * h_producer_init()) as a distinct struct eventfd_ctx pointer
 * (H_TOKEN_NULL as NULL) and @irq, or 32 + p from h_register_producer().
 *
 * The views answer for the structures each era has:
 *
 *			Era D (libirqbypass-harness.a of a v6.17+ tree)	Era C
 *  on_list		false: there are no lists			h_*_linked()
 *  eventfd		->eventfd as a token, H_TOKEN_NULL		H_TOKEN_NULL
 *  bound		->consumer / ->producer, -1 for NULL		-1
 *  irq			->irq						0
 *  xa_*_at		the object irqbypass.c's XArray holds at	-1
 *			that eventfd's index, -1 for none
 *  fail_next_insert	the next xa_insert() that must allocate		nothing
 *			returns -ENOMEM
 *
 * A pointer that is not one of the harness's objects or tokens reads as
 * H_FOREIGN. Era D's WARN_ON_ONCE() and WARN_ON() reports are lines of
 * the callback log: "WARN_ON_ONCE(producer->eventfd) in
 * irq_bypass_register_producer".
 */
#ifndef IRQSPEC_HARNESS_ERA_D_H
#define IRQSPEC_HARNESS_ERA_D_H

#include "harness.h"

#define H_FOREIGN	(-2)

/* irq_bypass_register_producer(&p, eventfd of p's token, irq). */
int h_register_producer_irq(int p, int irq);

bool h_producer_on_list(int p);
bool h_consumer_on_list(int c);
int h_producer_eventfd(int p);
int h_consumer_eventfd(int c);
int h_producer_bound(int p);
int h_consumer_bound(int c);
int h_producer_irq(int p);
int h_xa_producer_at(int token);
int h_xa_consumer_at(int token);
void h_xa_fail_next_insert(void);

#endif /* IRQSPEC_HARNESS_ERA_D_H */
