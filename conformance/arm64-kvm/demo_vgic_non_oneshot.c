// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers that silence the device before the EOI get no spurious
 * interrupt through the vGICv3, and the mask-poll-unmask path of a driver
 * does (the stale line_level is delivered on GICD_ISENABLER):
 *
 *   ack_before_eoi      IAR, ack the device, EOI: the resample finds the
 *                       line low; a second assertion is a new interrupt
 *   unmask_path         ICENABLER; the device raises (the irqfd sets
 *                       line_level in the disabled SPI); the driver
 *                       services the device by polling; ISENABLER: the
 *                       stale level is delivered: inject(spurious=1)
 *   unmask_path_asserted the same with the device still asserting at
 *                       ISENABLER: a genuine interrupt
 *
 * Each -n times (default 20), for EOImode 0 and 1.
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

static const char *const ack_before_eoi[] = {
	"device.raise", "eventfd_signal", "inject(spurious=0)",
	"guest.thread_ack_device", "guest.eoi", "resample", "vfio_unmask",
	/* a second, genuine interrupt */
	"device.raise", "eventfd_signal", "inject(spurious=0)",
	"guest.thread_ack_device", "guest.eoi", "resample", "vfio_unmask",
	NULL,
};

static const char *const unmask_path[] = {
	"guest.mask_line", "device.raise", "eventfd_signal",
	"guest.thread_ack_device", "guest.unmask_line", "inject(spurious=1)",
	"guest.eoi", "resample", "vfio_unmask", NULL,
};

static const char *const unmask_path_asserted[] = {
	"guest.mask_line", "device.raise", "eventfd_signal",
	"guest.unmask_line", "inject(spurious=0)",
	"guest.thread_ack_device", "guest.eoi", "resample", "vfio_unmask",
	NULL,
};

static bool run(enum kh_eoi_mode mode, int which, bool verbose)
{
	struct kh_config cfg = { .chip = KH_CHIP_VGIC, .eoi_mode = mode };
	struct kh_vm *vm = kh_vm_create(&cfg);
	const char *const *want;
	struct kh_state st;
	int round;
	bool ok;

	switch (which) {
	case 0:
		for (round = 0; round < 2; round++) {
			kh_device_raise(vm);
			kh_settle(vm);
			kh_guest_thread_ack_device(vm);
			kh_guest_eoi(vm);
			kh_settle(vm);
		}
		want = ack_before_eoi;
		break;
	case 1:
		kh_guest_mask_line(vm);
		kh_device_raise(vm);
		kh_settle(vm);
		kh_guest_thread_ack_device(vm);
		kh_get_state(vm, &st);
		KH_ASSERT(st.line_level && st.chip_masked && !st.line,
			  "before the unmask: wanted line_level=1 enabled=0 line=0, got %d %d %d",
			  st.line_level, !st.chip_masked, st.line);
		kh_guest_unmask_line(vm);
		kh_settle(vm);
		kh_guest_eoi(vm);
		kh_settle(vm);
		want = unmask_path;
		break;
	default:
		kh_guest_mask_line(vm);
		kh_device_raise(vm);
		kh_settle(vm);
		kh_guest_unmask_line(vm);
		kh_settle(vm);
		kh_guest_thread_ack_device(vm);
		kh_guest_eoi(vm);
		kh_settle(vm);
		want = unmask_path_asserted;
		break;
	}
	ok = kh_log_expect(vm, want);
	if (verbose || !ok)
		kh_log_print(vm, stdout);
	kh_vm_destroy(vm);
	return ok;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"ack_before_eoi", "unmask_path", "unmask_path_asserted",
	};
	static const enum kh_eoi_mode modes[] = { KH_EOI_MODE0, KH_EOI_MODE1 };
	int n = 20, i, m, w, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1)
		if (opt == 'n')
			n = atoi(optarg);
	kh_require_kvm();
	kh_ktap_plan(3 * 2 * n);
	for (w = 0; w < 3; w++)
		for (m = 0; m < 2; m++)
			for (i = 0; i < n; i++)
				kh_ktap_result(run(modes[m], w, i == 0),
					       "%s_eoimode%d run %d", names[w],
					       m, i + 1);
	return kh_ktap_finish();
}
