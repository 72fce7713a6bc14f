/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WARN_ON() and WARN_ON_ONCE() as the kernel evaluates them: the value is
 * the condition; a true condition reports a warning (WARN_ON_ONCE only the
 * first time at that call site). The report goes to shim_warn(), which
 * passes it to shim_warn_hook (the harness logs it as a callback line:
 * "WARN_ON_ONCE(cond) in function").
 */
#ifndef SHIM_LINUX_BUG_H
#define SHIM_LINUX_BUG_H

#include <stdbool.h>

extern void (*shim_warn_hook)(const char *macro, const char *cond,
			      const char *func);
void shim_warn(const char *macro, const char *cond, const char *func);
int shim_warnings(void);

#define WARN_ON(condition) ({						\
	bool __shim_c = !!(condition);					\
	if (__shim_c)							\
		shim_warn("WARN_ON", #condition, __func__);		\
	__shim_c;							\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __shim_warned;					\
	bool __shim_c = !!(condition);					\
	if (__shim_c && !__shim_warned) {				\
		__shim_warned = true;					\
		shim_warn("WARN_ON_ONCE", #condition, __func__);	\
	}								\
	__shim_c;							\
})

#endif /* SHIM_LINUX_BUG_H */
