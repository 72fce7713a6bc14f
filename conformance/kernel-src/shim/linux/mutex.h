/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeping locks over error-checking pthread mutexes: locking a mutex
 * the caller already holds, or unlocking one it does not hold, is a
 * fatal report instead of a hang (lockdep's job in the kernel).
 */
#ifndef SHIM_LINUX_MUTEX_H
#define SHIM_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/kernel.h>

struct mutex {
	pthread_mutex_t pm;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) \
	{ PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP, #lockname }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);

#endif /* SHIM_LINUX_MUTEX_H */
