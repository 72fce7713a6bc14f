// SPDX-License-Identifier: GPL-2.0
/*
 * The ONESHOT spurious interrupt through KVM's arm64 vGICv3, with an SPI
 * driven by an irqfd with a resamplefd:
 *
 *   hardirq: ICC_IAR1_EL1, GICD_ICENABLER, EOI
 *            -> the list register empties; at the next exit
 *               vgic_v3_fold_lr_state() runs the ack notifier
 *               (irqfd_resampler_ack) although the SPI is disabled:
 *               resamplefd
 *   host:    VFIO unmasks -> the line is still high: the irqfd fires again,
 *            line_level = 1 in a disabled SPI
 *   thread:  ack the device, GICD_ISENABLER -> vgic_mmio_write_senable()
 *            re-samples only HW-mapped level interrupts: the stale level is
 *            queued and delivered: inject(spurious=1)
 *
 * Run -n times (default 20) with a fresh VM each time, for EOImode 0
 * (ICC_EOIR1_EL1 deactivates) and EOImode 1 (ICC_EOIR1_EL1 + ICC_DIR_EL1),
 * and with EOImode 1 split across the handler and the thread (the priority
 * drop notifies nothing, the deactivation does).  First, a probe that the
 * guest's EOI, not the delivery, resamples.
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

static const char *const expected[] = {
	"device.raise",
	"eventfd_signal",
	"inject(spurious=0)",
	/* ONESHOT hardirq handler */
	"guest.mask_line",
	"guest.eoi",
	"resample",		/* at EOI, GICD_ISENABLER bit clear */
	"vfio_unmask",
	"eventfd_signal",	/* the device still asserts */
	/* irq thread */
	"guest.thread_ack_device",
	"guest.unmask_line",
	"inject(spurious=1)",	/* the bug */
	/* the guest handles the spurious interrupt the same way */
	"guest.mask_line",
	"guest.eoi",
	"resample",
	"vfio_unmask",
	"guest.unmask_line",
	NULL,
};

static bool run_once(enum kh_eoi_mode mode, bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_VGIC, .eoi_mode = mode };
	struct kh_vm *vm = kh_vm_create(&cfg);
	struct kh_guest_probe p;
	struct kh_state st;
	bool ok;

	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	kh_settle(vm);

	/* Before the thread runs: a stale level in a disabled SPI. */
	kh_get_state(vm, &st);
	KH_ASSERT(st.line_level && st.chip_masked && !st.chip_in_service &&
		  st.host_masked && st.line,
		  "wanted line_level=1 enabled=0 active=0 host_masked=1 line=1, got %d %d %d %d %d",
		  st.line_level, !st.chip_masked, st.chip_in_service,
		  st.host_masked, st.line);
	kh_guest_probe(vm, &p);
	KH_ASSERT((p.ispendr & p.bit) && !(p.isenabler & p.bit) &&
		  !(p.isactiver & p.bit),
		  "guest reads ISPENDR=0x%x ISENABLER=0x%x ISACTIVER=0x%x (bit 0x%x)",
		  p.ispendr, p.isenabler, p.isactiver, p.bit);

	kh_guest_thread_ack_device(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	/* The spurious interrupt: the guest's handler does its job again. */
	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	kh_settle(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);

	ok = kh_log_expect(vm, expected);
	if (verbose || !ok)
		kh_log_print(vm, stdout);
	kh_vm_destroy(vm);
	return ok;
}

/*
 * EOImode 1, split: the priority drop (ICC_EOIR1_EL1) leaves the SPI active
 * in its list register, so nothing is folded and the resampler is not
 * notified; the deactivation (ICC_DIR_EL1, after the handler returned)
 * empties the list register: resample.
 */
static const char *const split[] = {
	"device.raise", "eventfd_signal", "inject(spurious=0)",
	"guest.mask_line", "guest.priority_drop",
	"guest.deactivate", "resample", "vfio_unmask", "eventfd_signal",
	"guest.thread_ack_device", "guest.unmask_line", "inject(spurious=1)",
	NULL,
};

static bool run_split(bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_VGIC, .eoi_mode = KH_EOI_MODE1 };
	struct kh_vm *vm = kh_vm_create(&cfg);
	struct kh_state st;
	bool ok;

	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_mask_line(vm);
	kh_guest_priority_drop(vm);
	kh_settle(vm);
	kh_get_state(vm, &st);
	KH_ASSERT(st.chip_in_service && !st.resample_pending && st.host_masked,
		  "after the priority drop: wanted active=1, no resample, host masked; got %d %u %d",
		  st.chip_in_service, st.resample_pending, st.host_masked);
	kh_guest_deactivate(vm);
	kh_settle(vm);
	kh_guest_thread_ack_device(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	ok = kh_log_expect(vm, split);
	if (verbose || !ok)
		kh_log_print(vm, stdout);
	kh_vm_destroy(vm);
	return ok;
}

/*
 * Does the guest's EOI control the resample?  Before the EOI the SPI must be
 * active and the resamplefd quiet; the EOI must signal it.
 */
static bool eoi_probe(void)
{
	struct kh_eoi_probe p;

	kh_probe_eoi_at_delivery(KH_CHIP_VGIC, &p);
	printf("# vGIC: before the guest's EOI: resamplefd signalled=%d active=%d; guest reads ISACTIVER=0x%x ISPENDR=0x%x RPR=0x%x (bit 0x%x); the EOI signalled the resamplefd=%d => EOI at delivery: %s\n",
	       p.resample_before_eoi, p.chip_in_service, p.guest.isactiver,
	       p.guest.ispendr, p.guest.rpr, p.guest.bit, p.resample_at_eoi,
	       p.eoi_at_delivery ? "YES" : "no");
	return !p.eoi_at_delivery && p.resample_at_eoi &&
	       (p.guest.isactiver & p.guest.bit);
}

int main(int argc, char **argv)
{
	int n = 20, i, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1)
		if (opt == 'n')
			n = atoi(optarg);
	kh_require_kvm();
	kh_ktap_plan(3 * n + 1);
	kh_ktap_result(eoi_probe(), "vgic_eoi_probe");
	for (i = 0; i < n; i++)
		kh_ktap_result(run_once(KH_EOI_MODE0, i == 0),
			       "vgic_oneshot_spurious_eoimode0 run %d", i + 1);
	for (i = 0; i < n; i++)
		kh_ktap_result(run_once(KH_EOI_MODE1, i == 0),
			       "vgic_oneshot_spurious_eoimode1 run %d", i + 1);
	for (i = 0; i < n; i++)
		kh_ktap_result(run_split(i == 0),
			       "vgic_oneshot_split_eoi_deactivate_resamples run %d",
			       i + 1);
	return kh_ktap_finish();
}
