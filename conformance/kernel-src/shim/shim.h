/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace runtime behind the shim headers in shim/linux/.
 *
 * The shim headers let unmodified kernel sources (virt/lib/irqbypass.c)
 * build as ordinary userspace C.  Whatever the kernel would catch with
 * CONFIG_DEBUG_LIST or lockdep is turned into a fatal report here: the
 * report goes to shim_fatal_hook (the test harness installs one that
 * records it for the test runner), then the process aborts.
 */
#ifndef SHIM_SHIM_H
#define SHIM_SHIM_H

#include <stdbool.h>

/* Kinds passed to shim_fatal_hook. */
#define SHIM_FATAL_LIST		"list corruption"
#define SHIM_FATAL_MUTEX	"mutex misuse"

/* Called once with a one-line message before abort(); may be NULL. */
extern void (*shim_fatal_hook)(const char *kind, const char *msg);

void shim_fatal(const char *kind, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

/* Module reference count of THIS_MODULE (the code under test). */
int shim_module_refcount(void);
/* How often module_put() took the count below zero (the kernel WARNs). */
int shim_module_underflows(void);
/* While set, try_module_get() fails, as for a module being unloaded. */
void shim_module_set_going(bool going);

/* Number of shim mutexes currently held. */
int shim_mutexes_held(void);

#endif /* SHIM_SHIM_H */
