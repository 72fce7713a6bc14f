/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the kh_*.c files of this folder and an architecture's
 * kvm_harness.c (not for tests): the VM as both see it, what the shared
 * code offers the architecture, and the kh_arch_* hooks through which the
 * architecture does what only it knows (its irqchip, its vCPU's registers,
 * how its guest's exits look).  Include after kvm_harness.h, which
 * completes struct kh_config and struct kh_state.
 */
#ifndef KH_INTERNAL_H
#define KH_INTERNAL_H

#include <stdint.h>

#include "kh_common.h"

#define KH_LOG_MAX	256
#define KH_PROBE_MAX	8

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* A VM's observations, in the order they happened. */
struct kh_obs_log {
	struct kh_obs obs[KH_LOG_MAX];
	unsigned int n;
};

enum kh_ctx {
	KH_CTX_IDLE,	/* parked at the idle loop's command read, IRQs masked */
	KH_CTX_ISR,	/* parked at the ISR's command read */
};

struct kh_vm {
	struct kh_config cfg;
	union {
		unsigned int vector;	/* x86: the vector of our interrupt */
		unsigned int intid;	/* arm64: its INTID */
	};
	int kvm_fd, vm_fd, vcpu_fd;
	/* An irqchip made by KVM_CREATE_DEVICE (arm64's vGIC), else -1. */
	int chip_fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem;
	/* -1 when no played device drives the line (arm64's timer). */
	int irqfd, resamplefd;

	/* The device: the level of its interrupt line. */
	bool line;
	/* VFIO: the host IRQ is masked (automasked at the last hardirq). */
	bool host_masked;
	/* resamplefd signals read but not yet acted on by VFIO's unmask. */
	unsigned int resample_pending;

	/* The vCPU is stopped at its read of KH_PORT_CMD, in context ctx. */
	bool parked;
	enum kh_ctx ctx;
	/* A KH_CMD_WINDOW was interrupted; its DONE comes after the return. */
	bool window_outstanding;
	/* The ISR was entered for an interrupt that is not ours: leave it. */
	bool iret_pending;
	unsigned int interrupts;

	uint32_t probe[KH_PROBE_MAX];
	unsigned int nprobe;

	struct kh_obs_log log;
};

/* One exit of the vCPU to the harness's ports, as the architecture reads it. */
struct kh_exit {
	bool read;		/* the guest reads @port; else it wrote @val */
	unsigned int port;	/* KH_PORT_* */
	uint32_t val;
};

/* The VM an assertion failure reports about (the last one used). */
extern struct kh_vm *kh_current;
/* Interrupt windows opened again because the irqchip said deliverable. */
extern unsigned int kh_window_retries;

/* ---- offered to the architecture ---------------------------------------- */

void kh_log(struct kh_vm *vm, enum kh_obs_kind kind, int arg);
/* Run the guest's init up to its first command (kh_vm_create). */
void kh_run_init(struct kh_vm *vm);
/* Hand the parked guest command @cmd (kh_guest_abi.h) and run it. */
void kh_exec(struct kh_vm *vm, unsigned int cmd);
/* Run KH_CMD_PROBE and check that the guest sent @n values (vm->probe). */
void kh_exec_probe(struct kh_vm *vm, unsigned int n);
/* The guest's EOI (or arm64's priority drop) done: log @kind, leave the ISR. */
void kh_on_isr_done(struct kh_vm *vm, enum kh_obs_kind kind);
/* Register the played device's irqfd + resamplefd for our GSI (cfg.pin). */
void kh_irqfd_assign(struct kh_vm *vm);
void kh_irqfd_release(struct kh_vm *vm);
/* Log the resamplefd's signals since the last look. */
void kh_check_resample(struct kh_vm *vm);
void kh_sleep_us(long us);

struct kh_cap {
	long cap;
	const char *name;
};

/*
 * Open /dev/kvm and check its API version and @caps; on failure say why
 * and return -1.
 */
int kh_open_kvm(char *why, size_t len, const struct kh_cap *caps,
		unsigned int ncaps);

/* ---- what the architecture provides (kvm_harness.c) --------------------- */

/* Check cfg, fill in its defaults and vm->vector, or skip the program. */
void kh_arch_configure(struct kh_vm *vm);
/* After the VM and its memory, before the vCPU (x86's irqchip). */
void kh_arch_setup_vm(struct kh_vm *vm);
/*
 * Once the vCPU exists: its registers, what needs it (arm64's vGIC), the
 * guest's config block, and kh_irqfd_assign() where a device drives the line.
 */
void kh_arch_setup_vcpu(struct kh_vm *vm);

/* Read the exit vm->run holds; asserts that it is one at our ports. */
void kh_arch_exit(struct kh_vm *vm, struct kh_exit *e);
/* Give the guest's pending read the value @val. */
void kh_arch_complete_read(struct kh_vm *vm, uint32_t val);
/* The guest's program counter, for the checks and the reports. */
uint64_t kh_arch_pc(struct kh_vm *vm);
/* A write to a port kh_vcpu.c does not know; false if not the arch's either. */
bool kh_arch_port_write(struct kh_vm *vm, unsigned int port, uint32_t val);
/* A done command kh_vcpu.c does not know; false if not the arch's either. */
bool kh_arch_on_done(struct kh_vm *vm, uint32_t cmd);
/* The guest entered its ISR for @vector, before it is logged. */
void kh_arch_on_intr(struct kh_vm *vm, unsigned int vector);
/* After every exit: what the architecture sees KVM do besides resamples. */
void kh_arch_check_host(struct kh_vm *vm);

/* The device's line now (arm64's timer: its condition). */
bool kh_arch_line(struct kh_vm *vm);
/* Fill in the irqchip's part of @st (kh_get_state() did the rest). */
void kh_arch_chip_state(struct kh_vm *vm, struct kh_state *st);
/* Could the guest take our interrupt right now, as the irqchip says? */
bool kh_arch_deliverable(struct kh_vm *vm);
/* Does the irqchip show the level the irqfd injected? */
bool kh_arch_irqfd_injected(struct kh_vm *vm);
/* Is @chip this architecture's? */
bool kh_arch_has_chip(enum kh_chip chip);
/* The name of one of its own kinds (from KH_OBS_ARCH_FIRST on). */
const char *kh_arch_obs_name(enum kh_obs_kind kind);

#endif /* KH_INTERNAL_H */
