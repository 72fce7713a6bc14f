// SPDX-License-Identifier: GPL-2.0
/*
 * The ONESHOT spurious interrupt through KVM's in-kernel 8259, which still
 * resamples at EOI (i8259.c: pic_clear_isr() calls the ack notifiers
 * whatever the IMR says) and delivers a pending level on unmask.
 *
 *   hardirq: mask the line, EOI      -> resamplefd fires although masked
 *   host:    VFIO unmasks            -> line still high: fires again, the
 *                                       irqfd asserts, the level waits
 *                                       under the IMR
 *   thread:  ack the device, unmask  -> the stale level is delivered:
 *                                       inject(spurious=1)
 *
 * Run -n times (default 20) with a fresh VM each time, for both EOI forms.
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
	"resample",		/* at EOI, IMR bit set */
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
	struct kh_config cfg = { .chip = KH_CHIP_PIC, .eoi_mode = mode };
	struct kh_vm *vm = kh_vm_create(&cfg);
	struct kh_state st;
	bool ok;

	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	kh_settle(vm);

	/* before: thread runs.  The level is pending under the IMR. */
	kh_get_state(vm, &st);
	KH_ASSERT(st.chip_pending && st.chip_masked && !st.chip_in_service &&
		  st.host_masked && st.line,
		  "wanted irr=1 imr=1 isr=0 host_masked=1 line=1, got irr=%d imr=%d isr=%d host_masked=%d line=%d",
		  st.chip_pending, st.chip_masked, st.chip_in_service,
		  st.host_masked, st.line);

	kh_guest_thread_ack_device(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	/* The spurious interrupt's handler: nothing to ack. */
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

int main(int argc, char *argv[])
{
	int n = 20, i, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else
			return KSFT_FAIL;
	}
	kh_require_kvm();
	kh_ktap_plan(2 * n);
	for (i = 0; i < n; i++)
		kh_ktap_result(run_once(KH_EOI_NONSPECIFIC, i == 0),
			       "pic_oneshot_spurious nonspecific_eoi run %d/%d",
			       i + 1, n);
	for (i = 0; i < n; i++)
		kh_ktap_result(run_once(KH_EOI_SPECIFIC, false),
			       "pic_oneshot_spurious specific_eoi run %d/%d",
			       i + 1, n);
	return kh_ktap_finish();
}
