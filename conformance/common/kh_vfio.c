// SPDX-License-Identifier: GPL-2.0
/*
 * The parts the host program plays, the same on every architecture: the
 * device (one line level) and VFIO's automasked INTx handler, talking to
 * KVM through a real irqfd registered with KVM_IRQFD_FLAG_RESAMPLE and its
 * resamplefd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_guest_abi.h"
#include "kh_internal.h"

/* How long the irqfd injection may take to reach the irqchip. */
#define KH_INJECT_TIMEOUT_US	2000000

void kh_irqfd_assign(struct kh_vm *vm)
{
	struct kvm_irqfd irqfd = { 0 };

	/* The VFIO side: one trigger eventfd, one unmask (resample) eventfd. */
	vm->irqfd = eventfd(0, EFD_CLOEXEC);
	KH_ASSERT(vm->irqfd >= 0, "eventfd");
	/* Non-blocking: it is read after every exit, signalled or not. */
	vm->resamplefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	KH_ASSERT(vm->resamplefd >= 0, "eventfd");
	irqfd.fd = vm->irqfd;
	irqfd.gsi = vm->cfg.pin;
	irqfd.flags = KVM_IRQFD_FLAG_RESAMPLE;
	irqfd.resamplefd = vm->resamplefd;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_IRQFD, &irqfd),
		  "KVM_IRQFD gsi %u with KVM_IRQFD_FLAG_RESAMPLE", irqfd.gsi);
}

void kh_irqfd_release(struct kh_vm *vm)
{
	struct kvm_irqfd irqfd = {
		.fd = vm->irqfd,
		.gsi = vm->cfg.pin,
		.flags = KVM_IRQFD_FLAG_DEASSIGN,
	};

	if (vm->irqfd < 0)
		return;
	ioctl(vm->vm_fd, KVM_IRQFD, &irqfd);
	close(vm->irqfd);
	close(vm->resamplefd);
}

void kh_check_resample(struct kh_vm *vm)
{
	uint64_t cnt;
	ssize_t n;

	if (vm->resamplefd < 0)
		return;
	n = read(vm->resamplefd, &cnt, sizeof(cnt));
	if (n < 0 && errno == EAGAIN)
		return;
	KH_ASSERT(n == sizeof(cnt), "read(resamplefd) = %zd", n);
	/* One observation per signal, even if two were coalesced. */
	while (cnt--) {
		kh_log(vm, KH_OBS_RESAMPLE, 0);
		vm->resample_pending++;
	}
}

void kh_device_raise(struct kh_vm *vm)
{
	kh_current = vm;
	KH_ASSERT(vm->irqfd >= 0,
		  "%s: this VM's line has no played device (arm64's timer: kh_guest_timer_arm)",
		  __func__);
	vm->line = true;
	kh_log(vm, KH_OBS_DEVICE_RAISE, 0);
}

/*
 * x86 injects from a workqueue item (irqfd_inject), so the eventfd write
 * returns before the irqchip sees the level; arm64 injects an SPI inside
 * our write() (kvm_arch_set_irq_inatomic) and the wait is a check.  Either
 * way, nothing the test does next may race with the injection.
 */
static void kh_wait_irqfd_inject(struct kh_vm *vm)
{
	long waited;

	for (waited = 0; waited < KH_INJECT_TIMEOUT_US; waited += 10) {
		if (kh_arch_irqfd_injected(vm)) {
			kh_log(vm, KH_OBS_IRQFD_INJECT, 0);
			return;
		}
		kh_sleep_us(10);
	}
	KH_ASSERT(0, "irqfd injection not seen in the irqchip after %d us",
		  KH_INJECT_TIMEOUT_US);
}

bool kh_host_vfio_hardirq(struct kh_vm *vm)
{
	uint64_t one = 1;

	kh_current = vm;
	if (vm->irqfd < 0 || !vm->line || vm->host_masked)
		return false;
	/* vfio_automasked_irq_handler: disable_irq_nosync, then signal. */
	vm->host_masked = true;
	KH_ASSERT(write(vm->irqfd, &one, sizeof(one)) == sizeof(one),
		  "write(irqfd)");
	kh_log(vm, KH_OBS_EVENTFD_SIGNAL, 0);
	kh_wait_irqfd_inject(vm);
	return true;
}

bool kh_host_vfio_unmask(struct kh_vm *vm)
{
	kh_current = vm;
	kh_check_resample(vm);
	if (!vm->resample_pending)
		return false;
	/*
	 * virqfd reads the counter once and runs the unmask handler once,
	 * however many signals were coalesced; enable_irq if masked.
	 */
	vm->resample_pending = 0;
	vm->host_masked = false;
	kh_log(vm, KH_OBS_VFIO_UNMASK, 0);
	return true;
}
