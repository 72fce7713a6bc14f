// SPDX-License-Identifier: GPL-2.0
/*
 * Conformance tests of models/gic_forwarding.irqspec against the running
 * kernel's arm64 KVM, written by hand (NOTES.md says why): the guest's
 * virtual timer is the forwarded interrupt.  KVM marks the host's timer
 * interrupt forwarded (irq_set_vcpu_affinity in kvm_timer_hyp_init), maps
 * it to the guest's PPI 27 (kvm_vgic_map_phys_irq in kvm_timer_enable) and
 * restores its active state at every vcpu_load (kvm_timer_vcpu_load_gic).
 * The guest runs with EOImode=1: ICC_EOIR1_EL1 drops the priority,
 * ICC_DIR_EL1 deactivates.
 *
 * Observations (kvm_harness.h): guest.timer_arm / guest.timer_stop (the
 * timer condition), host_vtimer_irq (the host took the physical timer
 * interrupt: model event phys_irq), inject(spurious=N) (the guest took
 * PPI 27: virq), guest.priority_drop, guest.deactivate (deactivated).
 *
 * Tests, with the model check they follow:
 *  one_guest:
 *   drop_without_deactivate_no_second_irq  arm, drop, 20 windows: nothing
 *       more, the vGIC says active, the condition is still met, and the
 *       host took no second physical interrupt
 *   deactivate_fires_again  (the model's fires_only_once counterexample)
 *       ... deactivate: host_vtimer_irq, inject(spurious=0)
 *   stop_then_deactivate_no_refire  arm, drop, stop, deactivate: nothing
 *  forwarded (two VMs take turns on the one CPU):
 *   two_guests_active_state_restored  A takes its interrupt and drops the
 *       priority; B (loaded next: the physical active state is B's, not
 *       A's) takes its own timer interrupt and finishes; A again: no second
 *       interrupt until A deactivates, then one
 *
 * IRQSPEC_REPEAT=N runs every test N times; a test passes only if every run
 * passes.  Exit status: kselftest (0 pass, 1 fail, 4 skip).
 */
#include <stdlib.h>
#include <unistd.h>

#include "kvm_harness.h"

#define NO_IRQ_WINDOWS	20

static const struct kh_config timer_cfg = {
	.chip = KH_CHIP_VGIC,
	.line = KH_LINE_VTIMER,
	.eoi_mode = KH_EOI_MODE1,
};

/* Is the log what one of @alts says?  Prints the diff and the log if not. */
static bool expect(struct kh_vm *vm, const char *what,
		   const char *const *const *alts)
{
	if (kh_log_expect_any(vm, alts) >= 0)
		return true;
	printf("# %s: the kernel's log differs from the model's\n", what);
	kh_log_print(vm, stdout);
	return false;
}

/*
 * Open @n interrupt windows 1 ms apart: an interrupt that the vGIC or the
 * host's timer could still produce has every chance to arrive.
 */
static void windows(struct kh_vm *vm, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		kh_kvm_deliver(vm);
		usleep(1000);
	}
}

/*
 * Held back: the virtual PPI active (as KVM and as the guest see it), the
 * timer condition met (CNTV_CTL_EL0 = ENABLE | ISTATUS), the guest out of
 * its handler with its running priority idle (ICC_RPR_EL1 = 0xff).
 */
static bool held_back(struct kh_vm *vm, const char *what)
{
	struct kh_guest_probe p;
	struct kh_state st;

	kh_get_state(vm, &st);
	kh_guest_probe(vm, &p);
	if (st.chip_in_service && st.timer_condition && !st.in_isr &&
	    (p.isactiver & p.bit) && p.cntv_ctl == 5 && p.rpr == 0xff)
		return true;
	printf("# %s: wanted the virtual PPI active, the condition met and the guest out of its handler at idle priority; got active=%d condition=%d in_isr=%d, guest ISACTIVER=0x%x CNTV_CTL=0x%x RPR=0x%x\n",
	       what, st.chip_in_service, st.timer_condition, st.in_isr,
	       p.isactiver, p.cntv_ctl, p.rpr);
	return false;
}

static const char *const t1_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", NULL,
};
static const char *const *const t1[] = { t1_0, NULL };

static bool drop_without_deactivate_no_second_irq(void)
{
	struct kh_vm *vm = kh_vm_create(&timer_cfg);
	bool ok;

	kh_guest_timer_arm(vm);
	kh_settle(vm);
	kh_guest_priority_drop(vm);
	kh_settle(vm);
	windows(vm, NO_IRQ_WINDOWS);
	ok = expect(vm, "priority drop, no deactivation, 20 windows", t1) &&
	     held_back(vm, "after 20 windows");
	kh_vm_destroy(vm);
	return ok;
}

static const char *const t2_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.deactivate", "host_vtimer_irq",
	"inject(spurious=0)", "guest.priority_drop", "guest.timer_stop",
	"guest.deactivate", NULL,
};
/* The model also allows the second delivery before the host's IRQ. */
static const char *const t2_1[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.deactivate", "inject(spurious=0)",
	"host_vtimer_irq", "guest.priority_drop", "guest.timer_stop",
	"guest.deactivate", NULL,
};
static const char *const *const t2[] = { t2_0, t2_1, NULL };

static bool deactivate_fires_again(void)
{
	struct kh_vm *vm = kh_vm_create(&timer_cfg);
	bool ok;

	kh_guest_timer_arm(vm);
	kh_settle(vm);
	kh_guest_priority_drop(vm);
	kh_settle(vm);
	kh_guest_deactivate(vm);
	kh_settle(vm);
	/* The second interrupt: this time the guest stops its timer. */
	kh_guest_priority_drop(vm);
	kh_guest_timer_stop(vm);
	kh_guest_deactivate(vm);
	kh_settle(vm);
	windows(vm, 5);
	ok = expect(vm, "deactivation with the condition still met", t2);
	kh_vm_destroy(vm);
	return ok;
}

static const char *const t3_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.timer_stop", "guest.deactivate", NULL,
};
static const char *const *const t3[] = { t3_0, NULL };

static bool stop_then_deactivate_no_refire(void)
{
	struct kh_vm *vm = kh_vm_create(&timer_cfg);
	bool ok;

	kh_guest_timer_arm(vm);
	kh_settle(vm);
	kh_guest_priority_drop(vm);
	kh_guest_timer_stop(vm);
	kh_guest_deactivate(vm);
	kh_settle(vm);
	windows(vm, 5);
	ok = expect(vm, "deactivation after the timer stopped", t3);
	kh_vm_destroy(vm);
	return ok;
}

static const char *const t4a_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", NULL,
};
static const char *const *const t4a[] = { t4a_0, NULL };
static const char *const t4b_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.timer_stop", "guest.deactivate", NULL,
};
static const char *const *const t4b[] = { t4b_0, NULL };
static const char *const t4c_0[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.deactivate", "host_vtimer_irq",
	"inject(spurious=0)", "guest.priority_drop", "guest.timer_stop",
	"guest.deactivate", NULL,
};
static const char *const t4c_1[] = {
	"guest.timer_arm", "host_vtimer_irq", "inject(spurious=0)",
	"guest.priority_drop", "guest.deactivate", "inject(spurious=0)",
	"host_vtimer_irq", "guest.priority_drop", "guest.timer_stop",
	"guest.deactivate", NULL,
};
static const char *const *const t4c[] = { t4c_0, t4c_1, NULL };

static bool two_guests_active_state_restored(void)
{
	struct kh_vm *a = kh_vm_create(&timer_cfg);
	struct kh_vm *b = kh_vm_create(&timer_cfg);
	bool ok = true;

	/* A: its interrupt, priority dropped, still active (held). */
	kh_guest_timer_arm(a);
	kh_settle(a);
	kh_guest_priority_drop(a);
	kh_settle(a);
	ok = ok && expect(a, "A: interrupt taken, priority dropped", t4a);
	/*
	 * B is loaded: the physical active state is B's (inactive), so B's own
	 * timer interrupt reaches the host and B.
	 */
	kh_guest_timer_arm(b);
	kh_settle(b);
	kh_guest_priority_drop(b);
	kh_guest_timer_stop(b);
	kh_guest_deactivate(b);
	kh_settle(b);
	windows(b, 5);
	ok = ok && expect(b, "B: its own interrupt while A's is active", t4b);
	/* A again: its active state is restored: nothing until it deactivates. */
	windows(a, NO_IRQ_WINDOWS);
	ok = ok && expect(a, "A reloaded, 20 windows", t4a) &&
	     held_back(a, "A reloaded");
	kh_guest_deactivate(a);
	kh_settle(a);
	kh_guest_priority_drop(a);
	kh_guest_timer_stop(a);
	kh_guest_deactivate(a);
	kh_settle(a);
	windows(a, 5);
	ok = ok && expect(a, "A deactivates", t4c);
	kh_vm_destroy(b);
	kh_vm_destroy(a);
	return ok;
}

static bool repeated(bool (*test)(void), int times)
{
	int i;

	for (i = 0; i < times; i++)
		if (!test())
			return false;
	return true;
}

int main(void)
{
	const char *env = getenv("IRQSPEC_REPEAT");
	int times = env ? atoi(env) : 1;

	if (times < 1)
		times = 1;
	kh_require_kvm();
	kh_ktap_plan(4);
	kh_ktap_result(repeated(drop_without_deactivate_no_second_irq, times),
		       "drop_without_deactivate_no_second_irq");
	kh_ktap_result(repeated(deactivate_fires_again, times),
		       "deactivate_fires_again");
	kh_ktap_result(repeated(stop_then_deactivate_no_refire, times),
		       "stop_then_deactivate_no_refire");
	kh_ktap_result(repeated(two_guests_active_state_restored, times),
		       "two_guests_active_state_restored");
	return kh_ktap_finish();
}
