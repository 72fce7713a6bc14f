/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scope-based guards: guard(name)(args) takes a lock that is released
 * when the enclosing scope ends, however it ends (gcc's cleanup
 * attribute). DEFINE_GUARD(name, type, lock, unlock) declares one; the
 * lock and unlock statements name the guarded object _T.
 */
#ifndef SHIM_LINUX_CLEANUP_H
#define SHIM_LINUX_CLEANUP_H

#define __shim_cat2(a, b)	a##b
#define __shim_cat(a, b)	__shim_cat2(a, b)

#define DEFINE_GUARD(name, type, lock, unlock)				\
	typedef type shim_guard_##name##_t;				\
	static inline void shim_guard_##name##_exit(type *__shim_p)	\
	{								\
		type _T = *__shim_p;					\
		if (_T) {						\
			unlock;						\
		}							\
	}								\
	static inline type shim_guard_##name##_enter(type _T)		\
	{								\
		lock;							\
		return _T;						\
	}

#define guard(name)							\
	shim_guard_##name##_t __shim_cat(__shim_guard_, __COUNTER__)	\
		__attribute__((cleanup(shim_guard_##name##_exit), unused)) = \
		shim_guard_##name##_enter

#endif /* SHIM_LINUX_CLEANUP_H */
