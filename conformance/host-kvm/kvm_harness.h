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
 * What every architecture offers (the VM's life, the inputs and internal
 * steps, the observation log, assertions, KTAP) is declared in
 * conformance/common/kh_common.h, shared with arm64: a program is compiled
 * with -I conformance/common as well.  This file has what is x86's: the
 * configuration, the irqchip state, the probes.
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

/*
 * ---- the common inputs on x86 ------------------------------------------
 * guest.mask_line: PIC IMR bit set (OCW1) / IOAPIC RTE mask bit set.
 * guest.eoi: PIC OCW2 EOI / LAPIC EOI register.  In the ISR the guest then
 *	returns (IRET) with IF=0, ending the hardirq; see NOTES.md.
 * guest.unmask_line: PIC IMR bit clear / IOAPIC RTE mask bit clear.
 * kvm.deliver opens the window with "sti; in" (IF=0 everywhere else).
 */

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

/* ---- probes ------------------------------------------------------------- */

/* kh_have_kvm(): an in-kernel irqchip, irqfd, resamplefd, GSI routing. */

#include "kh_probe.h"

#endif /* KVM_HARNESS_H */
