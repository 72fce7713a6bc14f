// SPDX-License-Identifier: GPL-2.0
/*
 * The ONESHOT scenario on a HW-mapped level interrupt: the guest's virtual
 * timer (PPI 27), which KVM maps to the host's timer interrupt.  Where the
 * irqfd SPI of demo_vgic_oneshot gets a spurious interrupt, the timer does
 * not: GICD_ISENABLER (here GICR_ISENABLER0) re-samples the line of a
 * mapped level interrupt (vgic_mmio_write_senable, vgic_irq_is_mapped_level:
 * line_level = vgic_get_phys_line_level()).  The model's VGIC_HW chip.
 *
 *   oneshot_stop_unmask   IAR, mask, EOI (the deactivation reaches the
 *                         physical interrupt, still asserted: the host takes
 *                         it again, line_level = 1 in a disabled PPI: the
 *                         model's duplicate forward); then in ONE guest
 *                         command (no exit, so no vcpu_load re-sampling the
 *                         timer) stop the timer and unmask: nothing
 *   oneshot_asserted      the same, but unmask with the timer still firing:
 *                         a genuine interrupt
 *   eoimode0_refire       EOImode 0, no mask: the EOI deactivates the
 *                         physical interrupt; the timer still fires: again
 *
 * Each -n times (default 20).
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

static const char *const oneshot_stop_unmask[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.mask_line", "guest.eoi", "host_vtimer_irq",
	"guest.timer_stop", "guest.unmask_line", NULL,
};

static const char *const oneshot_asserted[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.mask_line", "guest.eoi", "host_vtimer_irq",
	"guest.unmask_line", "inject(spurious=0)",
	"guest.timer_stop", "guest.eoi", NULL,
};

static const char *const eoimode0_refire[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.eoi", "host_vtimer_irq", "inject(spurious=0)",
	"guest.timer_stop", "guest.eoi", NULL,
};

static bool run(int which, bool verbose)
{
	struct kh_config cfg = {
		.chip = KH_CHIP_VGIC, .line = KH_LINE_VTIMER,
		.eoi_mode = KH_EOI_MODE0,
	};
	struct kh_vm *vm = kh_vm_create(&cfg);
	const char *const *want;
	struct kh_state st;
	bool ok;

	kh_guest_timer_arm(vm);
	kh_settle(vm);
	switch (which) {
	case 0:
	case 1:
		kh_guest_mask_line(vm);
		kh_guest_eoi(vm);
		kh_settle(vm);
		/* As with the SPI: a level pending in a disabled interrupt. */
		kh_get_state(vm, &st);
		KH_ASSERT(st.line_level && st.chip_masked && !st.chip_in_service &&
			  st.timer_condition,
			  "before the unmask: wanted line_level=1 enabled=0 active=0 condition=1, got %d %d %d %d",
			  st.line_level, !st.chip_masked, st.chip_in_service,
			  st.timer_condition);
		if (which == 0) {
			kh_guest_timer_stop_unmask(vm);
			kh_settle(vm);
			kh_get_state(vm, &st);
			KH_ASSERT(!st.line_level && !st.chip_masked,
				  "after the unmask: wanted line_level=0 enabled=1, got %d %d",
				  st.line_level, !st.chip_masked);
			want = oneshot_stop_unmask;
		} else {
			kh_guest_unmask_line(vm);
			kh_settle(vm);
			kh_guest_timer_stop(vm);
			kh_guest_eoi(vm);
			kh_settle(vm);
			want = oneshot_asserted;
		}
		break;
	default:
		kh_guest_eoi(vm);
		kh_settle(vm);
		kh_guest_timer_stop(vm);
		kh_guest_eoi(vm);
		kh_settle(vm);
		want = eoimode0_refire;
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
		"oneshot_stop_unmask", "oneshot_asserted", "eoimode0_refire",
	};
	int n = 20, i, w, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1)
		if (opt == 'n')
			n = atoi(optarg);
	kh_require_kvm();
	kh_ktap_plan(3 * n);
	for (w = 0; w < 3; w++)
		for (i = 0; i < n; i++)
			kh_ktap_result(run(w, i == 0), "vtimer_%s run %d",
				       names[w], i + 1);
	return kh_ktap_finish();
}
