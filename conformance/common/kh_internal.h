/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between kh_common.c and an architecture's kvm_harness.c (not for tests):
 * what the shared code needs to see of a VM, and what it offers the
 * harness.  Include after kvm_harness.h, which completes struct kh_obs.
 */
#ifndef KH_INTERNAL_H
#define KH_INTERNAL_H

#include "kh_common.h"

#define KH_LOG_MAX	256

/* A VM's observations, in the order they happened. */
struct kh_obs_log {
	struct kh_obs obs[KH_LOG_MAX];
	unsigned int n;
};

/* The VM an assertion failure reports about (the last one used). */
extern struct kh_vm *kh_current;

/* Provided by kvm_harness.c. */
extern const char *const kh_obs_names[];
const struct kh_obs_log *kh_vm_log(const struct kh_vm *vm);
/* Diagnostics of the harness itself, printed just before the totals. */
void kh_ktap_report(void);
/* Hand the parked guest command @cmd (kh_guest_abi.h) and run it. */
void kh_exec(struct kh_vm *vm, unsigned int cmd);

/* For kvm_harness.c. */
void kh_sleep_us(long us);
/* SIGALRM without SA_RESTART: a hung KVM_RUN comes back with EINTR. */
void kh_install_watchdog(void);

/* Append one observation; asserts that the log has room. */
void kh_obs_log_add(struct kh_obs_log *log, enum kh_obs_kind kind, int arg);

#endif /* KH_INTERNAL_H */
