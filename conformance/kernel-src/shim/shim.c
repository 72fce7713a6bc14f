// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime of the shim headers: the one module, mutexes, fatal reports.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/module.h>
#include <linux/mutex.h>
#include "shim.h"

void (*shim_fatal_hook)(const char *kind, const char *msg);

void shim_fatal(const char *kind, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (shim_fatal_hook)
		shim_fatal_hook(kind, msg);
	else
		fprintf(stderr, "%s: %s\n", kind, msg);
	fflush(NULL);
	abort();
}

struct module {
	int refcnt;
	int underflows;
	bool going;
};

struct module shim_this_module;

bool try_module_get(struct module *mod)
{
	if (mod->going)
		return false;
	mod->refcnt++;
	return true;
}

void module_put(struct module *mod)
{
	/* The kernel WARNs on a negative count; keep going and count it. */
	if (--mod->refcnt < 0)
		mod->underflows++;
}

int shim_module_refcount(void)
{
	return shim_this_module.refcnt;
}

int shim_module_underflows(void)
{
	return shim_this_module.underflows;
}

void shim_module_set_going(bool going)
{
	shim_this_module.going = going;
}

static int mutexes_held;

int shim_mutexes_held(void)
{
	return mutexes_held;
}

void mutex_init(struct mutex *lock)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&lock->pm, &attr);
	pthread_mutexattr_destroy(&attr);
	lock->name = "mutex";
}

void mutex_lock(struct mutex *lock)
{
	if (pthread_mutex_lock(&lock->pm))
		shim_fatal(SHIM_FATAL_MUTEX,
			   "mutex_lock(%s): already held by this thread (deadlock)",
			   lock->name);
	mutexes_held++;
}

int mutex_trylock(struct mutex *lock)
{
	if (pthread_mutex_trylock(&lock->pm))
		return 0;
	mutexes_held++;
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	if (pthread_mutex_unlock(&lock->pm))
		shim_fatal(SHIM_FATAL_MUTEX,
			   "mutex_unlock(%s): not held by this thread",
			   lock->name);
	mutexes_held--;
}
