/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EOI probe of the KVM harnesses (kh_probe.c), the same on every
 * architecture.  It names the architecture's enum kh_chip and struct
 * kh_guest_probe, so each kvm_harness.h includes it at its end.
 */
#ifndef KH_PROBE_H
#define KH_PROBE_H

struct kh_eoi_probe {
	/* after the delivery, before the guest's EOI: */
	bool resample_before_eoi;	/* resamplefd already signalled */
	/* PIC isr bit / IOAPIC remote_irr / vGIC active */
	bool chip_in_service;
	bool lapic_isr;			/* LAPIC ISR bit (x86's IOAPIC only) */
	struct kh_guest_probe guest;	/* what the guest reads */
	/* after the guest's EOI: */
	bool resample_at_eoi;		/* resamplefd signalled by the EOI */
	/* conclusion: the EOI effect happened at delivery */
	bool eoi_at_delivery;
};

/*
 * Deliver one level interrupt through @chip in a scratch VM and look at the
 * in-service state between delivery and the guest's EOI (host-kvm/NOTES.md,
 * "Probes").  A chip of the other architecture gives eoi_at_delivery =
 * false and nothing else.
 */
void kh_probe_eoi_at_delivery(enum kh_chip chip, struct kh_eoi_probe *res);
/*
 * Skip (exit 4) when @chip's EOI is not under the guest's control on this
 * host, so that ONESHOT timing through it cannot be tested (or when @chip
 * is the other architecture's).
 */
void kh_require_guest_controlled_eoi(enum kh_chip chip);

#endif /* KH_PROBE_H */
