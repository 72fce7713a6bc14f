// SPDX-License-Identifier: GPL-2.0
/*
 * What a program checks of the host before it tests, the same on every
 * architecture: that /dev/kvm has what the harness needs, and whether the
 * irqchip leaves the EOI's timing to the guest at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_internal.h"

int kh_open_kvm(char *why, size_t len, const struct kh_cap *caps,
		unsigned int ncaps)
{
	unsigned int i;
	int fd, r;

	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "/dev/kvm: %s", strerror(errno));
		return -1;
	}
	r = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (r != KVM_API_VERSION) {
		snprintf(why, len, "KVM_GET_API_VERSION = %d, wanted %d", r,
			 KVM_API_VERSION);
		close(fd);
		return -1;
	}
	for (i = 0; i < ncaps; i++) {
		if (ioctl(fd, KVM_CHECK_EXTENSION, caps[i].cap) <= 0) {
			snprintf(why, len, "%s not supported", caps[i].name);
			close(fd);
			return -1;
		}
	}
	return fd;
}

void kh_require_kvm(void)
{
	char why[128];

	if (!kh_have_kvm(why, sizeof(why)))
		kh_skip_exit("%s", why);
}

/*
 * Deliver one level interrupt in a scratch VM and look at the in-service
 * state between the delivery and the guest's EOI: where the EOI's effects
 * (the resample, the end of in-service) come at delivery already, the
 * guest cannot time its EOI, and ONESHOT's timing cannot be tested.
 */
void kh_probe_eoi_at_delivery(enum kh_chip chip, struct kh_eoi_probe *res)
{
	struct kh_config cfg = { .chip = chip };
	struct kh_state st;
	struct kh_vm *vm;
	unsigned int before;

	memset(res, 0, sizeof(*res));
	if (!kh_arch_has_chip(chip))
		return;
	vm = kh_vm_create(&cfg);
	kh_device_raise(vm);
	KH_ASSERT(kh_host_vfio_hardirq(vm), "probe: host IRQ did not fire");
	KH_ASSERT(kh_kvm_deliver(vm), "probe: interrupt was not delivered");

	/* Delivered; the guest has not written any EOI yet. */
	kh_get_state(vm, &st);
	res->resample_before_eoi = vm->resample_pending > 0;
	res->chip_in_service = st.chip_in_service;
	res->lapic_isr = st.lapic_isr;
	kh_guest_probe(vm, &res->guest);

	/* Ack first, so that the EOI does not re-fire the line. */
	kh_guest_thread_ack_device(vm);
	before = vm->resample_pending;
	kh_guest_eoi(vm);
	res->resample_at_eoi = vm->resample_pending > before;

	res->eoi_at_delivery = res->resample_before_eoi ||
			       !res->chip_in_service ||
			       (chip == KH_CHIP_IOAPIC && !res->lapic_isr);
	kh_vm_destroy(vm);
}
