/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drive the running kernel's KVM through one interrupt
 * forwarding scenario, step by step, and record one total order of
 * observations.
 *
 * The real parts: KVM (in-kernel 8259 PIC or IOAPIC + LAPIC), a real irqfd
 * registered with KVM_IRQFD_FLAG_RESAMPLE and a real resamplefd, one vCPU
 * running a tiny real-mode guest (kh_guest.S).  The played parts: the device
 * (one line level) and VFIO's automasked INTx handler (mask the host IRQ and
 * signal the irqfd when the line fires; unmask when the resamplefd is read).
 *
 * Everything runs on the caller's thread: the vCPU only runs inside the
 * kh_* calls, so the log is one total order.  See NOTES.md.
 *
 * The assertions, the observation log and the KTAP output are those of
 * conformance/common/kh_common.h, shared with the other architecture: a
 * program is compiled with -I conformance/common as well.
 */
#ifndef KVM_HARNESS_H
#define KVM_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kh_common.h"

/* ---- configuration --------------------------------------------------- */

enum kh_chip {
	KH_CHIP_PIC,	/* in-kernel 8259 master, level via ELCR */
	KH_CHIP_IOAPIC,	/* in-kernel IOAPIC, level RTE, LAPIC EOI */
};

enum kh_eoi_mode {
	KH_EOI_NONSPECIFIC,	/* PIC OCW2 0x20 */
	KH_EOI_SPECIFIC,	/* PIC OCW2 0x60 | pin */
};

struct kh_config {
	enum kh_chip chip;
	/*
	 * Irqchip pin, also used as the GSI.  PIC: master pins 3..7 (KVM's
	 * ELCR mask allows level only from IRQ3 on; slave pins are not
	 * supported).  IOAPIC: 1..23.  0 selects the default (5 / 10).
	 */
	unsigned int pin;
	enum kh_eoi_mode eoi_mode;	/* PIC only */
};

/* ---- the VM ------------------------------------------------------------ */

struct kh_vm;

/*
 * Create the VM, irqchip, GSI route (only our GSI, only to the chosen chip),
 * irqfd + resamplefd, vCPU and guest, and run the guest's init up to its
 * first command.  Asserts on any failure.
 */
struct kh_vm *kh_vm_create(const struct kh_config *cfg);
void kh_vm_destroy(struct kh_vm *vm);

/* ---- inputs: one call per model action ---------------------------------- */

/* device.raise: the device asserts its line (takes effect at vfio_hardirq). */
void kh_device_raise(struct kh_vm *vm);
/* guest.mask_line: PIC IMR bit set (OCW1) / IOAPIC RTE mask bit set. */
void kh_guest_mask_line(struct kh_vm *vm);
/*
 * guest.eoi: PIC OCW2 EOI / LAPIC EOI register.  In the ISR the guest then
 * returns (IRET) with IF=0, ending the hardirq; see NOTES.md.
 */
void kh_guest_eoi(struct kh_vm *vm);
/* guest.thread_ack_device: write the device's ack register; line goes low. */
void kh_guest_thread_ack_device(struct kh_vm *vm);
/* guest.unmask_line: PIC IMR bit clear / IOAPIC RTE mask bit clear. */
void kh_guest_unmask_line(struct kh_vm *vm);
/* Leave the ISR without an EOI (for a hardirq handler that defers it). */
void kh_guest_iret(struct kh_vm *vm);

/* ---- internal steps (each returns whether it did anything) --------------- */

/*
 * host.vfio_hardirq: line high and host IRQ unmasked: VFIO masks the host
 * IRQ and signals the irqfd (event eventfd_signal).  Then waits for KVM's
 * kvm.irqfd_inject (a workqueue item in the kernel) to reach the irqchip,
 * so that nothing the test does later races with it.
 */
bool kh_host_vfio_hardirq(struct kh_vm *vm);
/* host.vfio_unmask: a resamplefd signal was read: VFIO unmasks the host IRQ. */
bool kh_host_vfio_unmask(struct kh_vm *vm);
/*
 * kvm.deliver: open one interrupt window in the guest's idle loop; true if
 * an interrupt was taken (event inject(spurious), spurious = line low).
 * Does nothing while the guest is in its ISR (IF=0).
 */
bool kh_kvm_deliver(struct kh_vm *vm);
/* Run the three steps above, in that priority, until none does anything. */
void kh_settle(struct kh_vm *vm);

/* ---- state, for tests and probes ----------------------------------------- */

struct kh_state {
	bool line;		/* device line level */
	bool host_masked;	/* VFIO automasked the host IRQ */
	unsigned int resample_pending;	/* resamplefd signals not yet acted on */
	bool in_isr;		/* guest is inside its interrupt handler */
	/* from KVM_GET_IRQCHIP / KVM_GET_LAPIC */
	bool chip_pending;	/* PIC irr bit / IOAPIC irr bit of the pin */
	bool chip_masked;	/* PIC imr bit / RTE mask bit */
	bool chip_in_service;	/* PIC isr bit / RTE remote_irr */
	bool lapic_isr;		/* LAPIC ISR bit of the vector (IOAPIC only) */
};
void kh_get_state(struct kh_vm *vm, struct kh_state *st);

/* What the guest itself reads from the irqchips (KH_CMD_PROBE). */
struct kh_guest_probe {
	uint32_t rte_lo;	/* IOAPIC RTE low of the pin, 0 for the PIC */
	uint32_t lapic_isr;	/* LAPIC ISR word holding the vector */
	uint8_t pic_isr, pic_irr; /* master 8259 */
};
void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p);

unsigned int kh_vector(const struct kh_vm *vm);

/* ---- the observation log ----------------------------------------------- */

enum kh_obs_kind {
	KH_OBS_DEVICE_RAISE,		/* "device.raise" */
	KH_OBS_EVENTFD_SIGNAL,		/* "eventfd_signal" */
	KH_OBS_IRQFD_INJECT,		/* "irqfd_inject" (detail) */
	KH_OBS_RESAMPLE,		/* "resample" */
	KH_OBS_VFIO_UNMASK,		/* "vfio_unmask" */
	KH_OBS_INJECT,			/* "inject(spurious=0|1)" */
	KH_OBS_GUEST_MASK_LINE,		/* "guest.mask_line" */
	KH_OBS_GUEST_EOI,		/* "guest.eoi" */
	KH_OBS_GUEST_THREAD_ACK_DEVICE,	/* "guest.thread_ack_device" */
	KH_OBS_GUEST_UNMASK_LINE,	/* "guest.unmask_line" */
	KH_OBS_GUEST_IRET,		/* "guest.iret" (detail) */
	KH_OBS_UNEXPECTED_VECTOR,	/* "unexpected_vector(0xNN)" */
};

struct kh_obs {
	enum kh_obs_kind kind;
	int arg;	/* spurious for INJECT, vector for UNEXPECTED_VECTOR */
};

/* Details are printed but left out of comparisons. */
bool kh_obs_is_detail(enum kh_obs_kind kind);

/* ---- probes ------------------------------------------------------------- */

/* Is /dev/kvm usable with an in-kernel irqchip, irqfd and resamplefd? */
bool kh_have_kvm(char *why, size_t len);
/* kh_have_kvm() or skip: KTAP skip line and exit(KSFT_SKIP). */
void kh_require_kvm(void);

struct kh_eoi_probe {
	/* after the delivery, before the guest's EOI: */
	bool resample_before_eoi;	/* resamplefd already signalled */
	bool chip_in_service;		/* PIC isr bit / IOAPIC remote_irr */
	bool lapic_isr;			/* LAPIC ISR bit (IOAPIC only) */
	struct kh_guest_probe guest;	/* what the guest reads */
	/* after the guest's EOI: */
	bool resample_at_eoi;		/* resamplefd signalled by the EOI */
	/* conclusion: the EOI effect happened at delivery */
	bool eoi_at_delivery;
};

/*
 * Deliver one level interrupt through @chip in a scratch VM and look at the
 * in-service state between delivery and the guest's EOI; see NOTES.md.
 */
void kh_probe_eoi_at_delivery(enum kh_chip chip, struct kh_eoi_probe *res);
/*
 * Skip (exit 4) when @chip's EOI is not under the guest's control on this
 * host, so that ONESHOT timing through it cannot be tested.
 */
void kh_require_guest_controlled_eoi(enum kh_chip chip);

#endif /* KVM_HARNESS_H */
