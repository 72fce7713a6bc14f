/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between harness-calls.c and the kernel-src harnesses of both eras
 * (harness.c, harness-era-d.c; not for tests): the calls whose form is the
 * same in Era C and Era D (unregister, the module views, the objects by
 * number) and the checks after each call.
 */
#ifndef IRQSPEC_HARNESS_CALLS_H
#define IRQSPEC_HARNESS_CALLS_H

#include "h_ibobj.h"

/* A wrong object or token number: the child dies with the report. */
__noreturn __printf(1, 2) void h_misuse(const char *fmt, ...);
/* p or c, which must be an object's number. */
struct h_prod *h_prod_of(int p);
struct h_cons *h_cons_of(int c);
/* After a call into irqbypass.c: its result, and no mutex left held. */
void h_after_call(const char *call, const char *name, int ret);

#endif /* IRQSPEC_HARNESS_CALLS_H */
