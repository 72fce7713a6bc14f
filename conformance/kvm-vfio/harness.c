// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec kvm-vfio harness: see harness.h.
 *
 * The runner is conformance/common/h_runner.c's, as for the kernel-src
 * harness (forked children, a shared mapping for what survives a child,
 * KTAP); the calls issue the KVM ioctls of <linux/kvm.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "harness.h"
#include "h_runner.h"

/* Group 1 of KVM_DEV_TYPE_VFIO: KVM_DEV_VFIO_GROUP (6.1) / _FILE (6.2+). */
#define KV_GROUP_FILE	1
#define KV_ATTR_FILE_ADD 1
#define KV_ATTR_FILE_DEL 2
#define KV_ATTR_SPAPR	3
#define KV_UNKNOWN	99
/* The 2014 proposal's group and attributes. */
#define KV_GROUP_DEVICE	2
#define KV_ATTR_FORWARD	1
#define KV_ATTR_UNFORWARD 2

/* The child's VMM: its fds. */
static int kvm_fd = -1;
static int vm_fd = -1;
static int dev_fd = -1;
static bool vm_closed;
static int kinds[KV_MAX_FILES];

static __noreturn __printf(1, 2) void h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_diag("%s: harness misuse: %s", h_step_prefix(), buf);
	abort();
}

/* The VM and the device */

static void need_vm(void)
{
	if (vm_fd >= 0 || vm_closed)
		return;
	kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm_fd < 0)
		h_skip("cannot open /dev/kvm: %s", strerror(errno));
	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	if (vm_fd < 0)
		h_skip("KVM_CREATE_VM: %s", strerror(errno));
	h_hist_add("VM created (fd %d)", vm_fd);
}

static int ret_of(int r)
{
	return r < 0 ? -errno : r;
}

static int slot(int f)
{
	if (f < 0 || f >= KV_MAX_FILES)
		h_misuse("no file slot %d", f);
	return f;
}

int kv_fd(int f)
{
	return KV_FD_BASE + slot(f);
}

static void after(const char *call, int ret)
{
	h_hist_add("%s = %d", call, ret);
}

int kv_open_file(int f, int kind)
{
	int fd, got;

	need_vm();
	slot(f);
	switch (kind) {
	case KV_OTHER_FILE:
		fd = eventfd(0, EFD_CLOEXEC);
		if (fd < 0)
			h_misuse("eventfd: %s", strerror(errno));
		break;
	case KV_VFIO_GROUP_FILE:
	case KV_VFIO_DEVICE_FILE:
		h_skip("slot %d: no VFIO group or device cdev on this host", f);
	default:
		h_misuse("file kind %d", kind);
	}
	got = dup3(fd, kv_fd(f), O_CLOEXEC);
	if (got != kv_fd(f))
		h_misuse("dup3 to %d: %s", kv_fd(f), strerror(errno));
	close(fd);
	kinds[f] = kind;
	after("open_file", 0);
	return 0;
}

int kv_close_file(int f)
{
	int r = close(kv_fd(f));

	if (r)
		h_fail("close(%d) of slot %d: %s", kv_fd(f), f, strerror(errno));
	after("close_file", 0);
	return 0;
}

int kv_create_device(void)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_VFIO };
	int r;

	need_vm();
	if (vm_fd < 0)
		h_misuse("create_device after the VM fd was closed");
	r = ret_of(ioctl(vm_fd, KVM_CREATE_DEVICE, &cd));
	if (!r) {
		if (dev_fd >= 0)
			h_fail("KVM_CREATE_DEVICE succeeded twice");
		dev_fd = cd.fd;
	}
	after("create_device", r);
	return r;
}

static int dev_attr(unsigned long request, uint32_t group, uint64_t attr,
		    uint64_t addr, const char *what)
{
	struct kvm_device_attr a = { .group = group, .attr = attr, .addr = addr };
	int r;

	if (dev_fd < 0)
		h_misuse("%s without a device fd", what);
	r = ret_of(ioctl(dev_fd, request, &a));
	after(what, r);
	return r;
}

int kv_file_add(int f)
{
	int32_t fd = kv_fd(f);

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_ADD,
			(uintptr_t)&fd, "file_add");
}

int kv_file_del(int f)
{
	int32_t fd = kv_fd(f);

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_DEL,
			(uintptr_t)&fd, "file_del");
}

int kv_file_add_efault(void)
{
	/* Page 0 is never mapped: get_user() faults. */
	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_ATTR_FILE_ADD,
			1, "file_add_efault");
}

int kv_set_unknown_attr(void)
{
	int32_t fd = -1;

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_FILE, KV_UNKNOWN,
			(uintptr_t)&fd, "set_unknown_attr");
}

int kv_set_unknown_group(void)
{
	int32_t fd = -1;

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_UNKNOWN, KV_ATTR_FILE_ADD,
			(uintptr_t)&fd, "set_unknown_group");
}

int kv_has_attr(int attr)
{
	static const uint64_t attrs[] = {
		[KV_ATTR_ADD] = KV_ATTR_FILE_ADD,
		[KV_ATTR_DEL] = KV_ATTR_FILE_DEL,
		[KV_ATTR_SPAPR_TCE] = KV_ATTR_SPAPR,
		[KV_ATTR_OTHER] = KV_UNKNOWN,
	};

	if (attr < 0 || attr > KV_ATTR_OTHER)
		h_misuse("attribute %d", attr);
	return dev_attr(KVM_HAS_DEVICE_ATTR, KV_GROUP_FILE, attrs[attr], 0,
			"has_attr");
}

struct kv_forward_arg {
	int32_t fd;
	uint32_t index;
};

int kv_forward_irq(int f, int index)
{
	struct kv_forward_arg a = { .fd = kv_fd(f), .index = (uint32_t)index };

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_DEVICE, KV_ATTR_FORWARD,
			(uintptr_t)&a, "forward_irq");
}

int kv_unforward_irq(int f, int index)
{
	struct kv_forward_arg a = { .fd = kv_fd(f), .index = (uint32_t)index };

	return dev_attr(KVM_SET_DEVICE_ATTR, KV_GROUP_DEVICE, KV_ATTR_UNFORWARD,
			(uintptr_t)&a, "unforward_irq");
}

int kv_close_device_fd(void)
{
	if (dev_fd < 0)
		h_misuse("close_device_fd without a device fd");
	close(dev_fd);
	dev_fd = -1;
	after("close_device_fd", 0);
	return 0;
}

int kv_close_vm_fd(void)
{
	need_vm();
	close(vm_fd);
	vm_fd = -1;
	vm_closed = true;
	after("close_vm_fd", 0);
	return 0;
}

int kv_kill(void)
{
	need_vm();
	for (int f = 0; f < KV_MAX_FILES; f++)
		close(kv_fd(f));	/* EBADF for the closed ones, as the kernel skips them */
	if (dev_fd >= 0)
		close(dev_fd);
	if (vm_fd >= 0)
		close(vm_fd);
	dev_fd = -1;
	vm_fd = -1;
	vm_closed = true;
	after("kill", 0);
	return 0;
}

/* The runner: h_runner.c's, skipping everything without a usable /dev/kvm. */

static const char *kvm_unavailable(void)
{
	static char why[H_LINE];
	int probe = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	if (probe >= 0) {
		close(probe);
		return NULL;
	}
	snprintf(why, sizeof(why), "cannot open /dev/kvm: %s", strerror(errno));
	return why;
}

const struct h_runner_ops h_runner_ops = {
	.under_test = "kvm-vfio under test: the running kernel's KVM_DEV_TYPE_VFIO",
	.unavailable = kvm_unavailable,
};
