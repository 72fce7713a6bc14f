// SPDX-License-Identifier: GPL-2.0
/*
 * KVM's IOAPIC since v6.3 ("KVM: x86/ioapic: Resample the pending state of
 * an IRQ when unmasking"): unmasking a level RTE whose IRR is set, with a
 * resampler on the GSI, clears IRR and signals the resamplefd instead of
 * injecting.
 *
 * 1. eoi_probe: where does the EOI take effect?  Deliver one level interrupt
 *    through the PIC and through the IOAPIC and look, before the guest's
 *    EOI, at the resamplefd, the PIC ISR / RTE remote IRR and the LAPIC ISR
 *    (host and guest view).  Informational: always "ok".
 * 2. unmask_acked: a level pending under a masked RTE, the device acked,
 *    then unmask: resample, no injection.  Independent of EOI timing: no
 *    interrupt is ever delivered.
 * 3. unmask_still_asserted: the same with the device still asserting:
 *    resample, VFIO unmasks, the line fires again and is delivered, not
 *    spurious.  The test stops at that delivery; what follows it depends on
 *    where the EOI takes effect, so the expected tail is chosen by the probe
 *    (a resample right at delivery when the EOI happens there).
 * 4. oneshot_ioapic63: the full ONESHOT scenario through the IOAPIC.  Only
 *    meaningful when the guest's EOI is what resamples: skipped with the
 *    probe's reason otherwise.
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

static const char *const expected_unmask_acked[] = {
	"guest.mask_line",
	"device.raise",
	"eventfd_signal",	/* level pending under the masked RTE */
	"guest.thread_ack_device",
	"guest.unmask_line",
	"resample",		/* v6.3: instead of an injection */
	"vfio_unmask",
	NULL,
};

static const char *const expected_unmask_still_asserted[] = {
	"guest.mask_line",
	"device.raise",
	"eventfd_signal",
	"guest.unmask_line",
	"resample",
	"vfio_unmask",
	"eventfd_signal",	/* re-probed: still asserted */
	"inject(spurious=0)",
	NULL,
};

/* Ditto when the EOI takes effect at delivery: resampled at once, re-fired. */
static const char *const expected_unmask_still_asserted_eoi_at_delivery[] = {
	"guest.mask_line",
	"device.raise",
	"eventfd_signal",
	"guest.unmask_line",
	"resample",
	"vfio_unmask",
	"eventfd_signal",
	"inject(spurious=0)",
	"resample",		/* no guest EOI yet */
	"vfio_unmask",
	"eventfd_signal",	/* pending again while the guest is in its ISR */
	NULL,
};

/* The model's ioapic_63 variant, resample at the guest's EOI. */
static const char *const expected_oneshot_ioapic63[] = {
	"device.raise",
	"eventfd_signal",
	"inject(spurious=0)",
	"guest.mask_line",
	"guest.eoi",
	"resample",
	"vfio_unmask",
	"eventfd_signal",
	"guest.thread_ack_device",
	"guest.unmask_line",
	"resample",
	"vfio_unmask",
	NULL,
};

static void print_probe(const char *chip, const char *in_service,
			const struct kh_eoi_probe *p)
{
	printf("# %s: before guest EOI: resamplefd signalled=%d %s=%d LAPIC ISR=%d\n",
	       chip, p->resample_before_eoi, in_service, p->chip_in_service,
	       p->lapic_isr);
	printf("# %s: guest reads RTE lo=0x%08x LAPIC ISR word=0x%08x PIC ISR=0x%02x IRR=0x%02x\n",
	       chip, p->guest.rte_lo, p->guest.lapic_isr, p->guest.pic_isr,
	       p->guest.pic_irr);
	printf("# %s: guest EOI signalled the resamplefd=%d => EOI at delivery: %s\n",
	       chip, p->resample_at_eoi, p->eoi_at_delivery ? "YES" : "no");
}

static bool finish(struct kh_vm *vm, const char *const *expected,
		   bool verbose)
{
	bool ok = kh_log_expect(vm, expected);

	if (verbose || !ok)
		kh_log_print(vm, stdout);
	kh_vm_destroy(vm);
	return ok;
}

static bool unmask_acked(bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_IOAPIC };
	struct kh_vm *vm = kh_vm_create(&cfg);
	struct kh_state st;

	kh_guest_mask_line(vm);
	kh_device_raise(vm);
	kh_settle(vm);
	kh_get_state(vm, &st);
	KH_ASSERT(st.chip_pending && st.chip_masked && !st.chip_in_service,
		  "wanted irr=1 masked=1 remote_irr=0, got %d %d %d",
		  st.chip_pending, st.chip_masked, st.chip_in_service);
	kh_guest_thread_ack_device(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	kh_get_state(vm, &st);
	KH_ASSERT(!st.chip_pending && !st.chip_in_service,
		  "wanted irr=0 remote_irr=0 after unmask, got %d %d",
		  st.chip_pending, st.chip_in_service);
	return finish(vm, expected_unmask_acked, verbose);
}

static bool unmask_still_asserted(bool eoi_at_delivery, bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_IOAPIC };
	struct kh_vm *vm = kh_vm_create(&cfg);

	kh_guest_mask_line(vm);
	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	return finish(vm, eoi_at_delivery ?
		      expected_unmask_still_asserted_eoi_at_delivery :
		      expected_unmask_still_asserted, verbose);
}

static bool oneshot_ioapic63(void)
{
	struct kh_config cfg = { .chip = KH_CHIP_IOAPIC };
	struct kh_vm *vm = kh_vm_create(&cfg);

	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	kh_settle(vm);
	kh_guest_thread_ack_device(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	return finish(vm, expected_oneshot_ioapic63, true);
}

int main(int argc, char *argv[])
{
	struct kh_eoi_probe pic, ioapic;
	int n = 20, i, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else
			return KSFT_FAIL;
	}
	kh_require_kvm();
	kh_ktap_plan(2 + 2 * n);

	kh_probe_eoi_at_delivery(KH_CHIP_PIC, &pic);
	kh_probe_eoi_at_delivery(KH_CHIP_IOAPIC, &ioapic);
	print_probe("PIC", "PIC ISR", &pic);
	print_probe("IOAPIC", "RTE remote_irr", &ioapic);
	kh_ktap_result(true, "eoi_probe pic_eoi_at_delivery=%d ioapic_eoi_at_delivery=%d",
		       pic.eoi_at_delivery, ioapic.eoi_at_delivery);

	for (i = 0; i < n; i++)
		kh_ktap_result(unmask_acked(i == 0),
			       "ioapic_unmask_acked_resamples run %d/%d",
			       i + 1, n);
	for (i = 0; i < n; i++)
		kh_ktap_result(unmask_still_asserted(ioapic.eoi_at_delivery,
						     i == 0),
			       "ioapic_unmask_still_asserted_refires run %d/%d",
			       i + 1, n);

	if (ioapic.eoi_at_delivery)
		kh_ktap_skip("IOAPIC EOI takes effect at delivery on this host (resamplefd signalled before the guest's EOI, LAPIC ISR clear); ONESHOT timing through it is not representative",
			     "ioapic_oneshot_v63");
	else
		kh_ktap_result(oneshot_ioapic63(), "ioapic_oneshot_v63");
	return kh_ktap_finish();
}
