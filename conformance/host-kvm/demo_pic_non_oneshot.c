// SPDX-License-Identifier: GPL-2.0
/*
 * The same PIC, irqfd and resamplefd, but handlers that silence the device
 * before the resample lets VFIO unmask: no spurious interrupt.
 *
 * 1. ack_before_eoi: the hardirq handler acks the device, then EOIs.  The
 *    EOI resamples, VFIO unmasks, the line is low: nothing more.  A second
 *    device interrupt afterwards is delivered normally.
 * 2. level_ack_wins: Linux's i8259 flow (mask+EOI first, handler, unmask)
 *    when the handler's ack happens before VFIO's unmask.  When VFIO's
 *    unmask comes first, the steps are those of demo_pic_oneshot and the
 *    result is its spurious interrupt: on the PIC even a non-threaded
 *    handler depends on winning that race.
 * 3. eoi_nothing_in_service: an EOI when no interrupt is in service, with
 *    the pin masked.  A specific EOI (OCW2 0x60|pin) still resamples, since
 *    i8259.c's pic_clear_isr() notifies whatever the ISR and IMR say; a
 *    non-specific EOI finds no ISR bit and does nothing.
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

static const char *const expected_ack_before_eoi[] = {
	"device.raise",
	"eventfd_signal",
	"inject(spurious=0)",
	"guest.thread_ack_device",
	"guest.eoi",
	"resample",
	"vfio_unmask",
	/* the next interrupt of the device */
	"device.raise",
	"eventfd_signal",
	"inject(spurious=0)",
	"guest.thread_ack_device",
	"guest.eoi",
	"resample",
	"vfio_unmask",
	NULL,
};

static const char *const expected_level_ack_wins[] = {
	"device.raise",
	"eventfd_signal",
	"inject(spurious=0)",
	"guest.mask_line",
	"guest.eoi",
	"resample",
	"guest.thread_ack_device",
	"vfio_unmask",		/* line already low: no new signal */
	"guest.unmask_line",
	NULL,
};

static const char *const expected_eoi_idle_nonspecific[] = {
	"guest.mask_line",
	"guest.eoi",
	NULL,
};

static const char *const expected_eoi_idle_specific[] = {
	"guest.mask_line",
	"guest.eoi",
	"resample",		/* nothing was in service */
	"vfio_unmask",
	NULL,
};

static bool finish(struct kh_vm *vm, const char *const *expected,
		   bool verbose)
{
	bool ok = kh_log_expect(vm, expected);

	if (verbose || !ok)
		kh_log_print(vm, stdout);
	kh_vm_destroy(vm);
	return ok;
}

static bool ack_before_eoi(bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_PIC };
	struct kh_vm *vm = kh_vm_create(&cfg);
	int i;

	for (i = 0; i < 2; i++) {
		kh_device_raise(vm);
		kh_settle(vm);
		kh_guest_thread_ack_device(vm);
		kh_guest_eoi(vm);
		kh_settle(vm);
	}
	return finish(vm, expected_ack_before_eoi, verbose);
}

static bool level_ack_wins(bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_PIC };
	struct kh_vm *vm = kh_vm_create(&cfg);

	kh_device_raise(vm);
	kh_settle(vm);
	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	/* The handler runs before VFIO's virqfd worker does. */
	kh_guest_thread_ack_device(vm);
	kh_settle(vm);
	kh_guest_unmask_line(vm);
	kh_settle(vm);
	return finish(vm, expected_level_ack_wins, verbose);
}

static bool eoi_nothing_in_service(enum kh_eoi_mode mode, bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_PIC, .eoi_mode = mode };
	struct kh_vm *vm = kh_vm_create(&cfg);

	kh_guest_mask_line(vm);
	kh_guest_eoi(vm);
	kh_settle(vm);
	return finish(vm, mode == KH_EOI_SPECIFIC ?
		      expected_eoi_idle_specific :
		      expected_eoi_idle_nonspecific, verbose);
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
	kh_ktap_plan(2 * n + 2);
	for (i = 0; i < n; i++)
		kh_ktap_result(ack_before_eoi(i == 0),
			       "pic_ack_before_eoi run %d/%d", i + 1, n);
	for (i = 0; i < n; i++)
		kh_ktap_result(level_ack_wins(i == 0),
			       "pic_level_flow_ack_before_vfio_unmask run %d/%d",
			       i + 1, n);
	kh_ktap_result(eoi_nothing_in_service(KH_EOI_NONSPECIFIC, true),
		       "pic_nonspecific_eoi_nothing_in_service_no_resample");
	kh_ktap_result(eoi_nothing_in_service(KH_EOI_SPECIFIC, true),
		       "pic_specific_eoi_nothing_in_service_resamples");
	return kh_ktap_finish();
}
