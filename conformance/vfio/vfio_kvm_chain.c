// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_kvm_chain: the whole forwarding chain of models/oneshot_forwarding.
 * irqspec with nothing played:
 *
 *   edu's INTx -> the host's IR-IO-APIC -> vfio-pci (vfio_intx_handler)
 *     -> the INTx trigger eventfd == a KVM irqfd (KVM_IRQFD_FLAG_RESAMPLE)
 *     -> KVM's in-kernel IOAPIC -> the L2 guest (conformance/host-kvm's
 *        real-mode guest) running an IRQF_ONESHOT-style handler: mask the
 *        pin, EOI; "thread": acknowledge the device, unmask the pin
 *   EOI / unmask -> KVM's resampler -> the resamplefd == VFIO's INTx unmask
 *     eventfd (virqfd) -> vfio_pci_intx_unmask_handler
 *
 * The L2 guest and its KVM VM come from conformance/host-kvm's harness
 * (libkvm-harness.a; its VFIO and device are played, here they are not:
 * the program never calls kh_host_vfio_hardirq or kh_host_vfio_unmask, it
 * hands the harness's irqfd and resamplefd to VFIO instead, and the
 * guest's "acknowledge the device" is followed by a write of edu's ACK
 * register).  It runs in the L1 guest that run-chain.sh boots: KVM there
 * is nested SVM emulated by QEMU's TCG.
 *
 * The scenario is oneshot_forwarding's counterexample of
 * no_spurious_injection (check ioapic_61): raise, deliver, mask, EOI (the
 * device still asserts: VFIO unmasks, sees it pending and signals the
 * trigger again, KVM latches the level in the masked pin), acknowledge the
 * device, unmask, deliver.  The model says: before fef8f2b90edb (v6.3) the
 * IOAPIC delivers the latched level at the unmask, a spurious interrupt
 * (check ioapic_61); since, it resamples instead (check ioapic_63).
 *
 * usage: vfio_kvm_chain [--device BDF] [--reps N]
 * Output: KTAP version 1; one result per repetition, against the variant
 * the running kernel implements; a "# variant" line per variant.
 * Exit status: 0 the kernel did what its variant says every time; 1 not;
 * 2 setup failure; 4 no usable /dev/kvm (KSFT_SKIP).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

#include "kvm_harness.h"

#define EDU_RAISE	0x60
#define EDU_ACK		0x64
#define EDU_STATUS	0x24

static const char *devname = "0000:00:01.0";
static int device = -1;
static off_t bar0_off;

static void bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (%s)\n", strerror(errno));
	exit(2);
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint32_t bar_read(uint32_t reg)
{
	uint32_t v = 0;

	if (pread(device, &v, 4, bar0_off + reg) != 4)
		bail("read BAR0+0x%x", reg);
	return v;
}

static void bar_write(uint32_t reg, uint32_t v)
{
	if (pwrite(device, &v, 4, bar0_off + reg) != 4)
		bail("write BAR0+0x%x", reg);
}

static void vfio_open(void)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct vfio_region_info ri = { .argsz = sizeof(ri) };
	char path[PATH_MAX], link[PATH_MAX], *g;
	int container, group;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", devname);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		bail("%s", path);
	link[n] = 0;
	g = strrchr(link, '/');
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0 || ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		bail("/dev/vfio/vfio");
	snprintf(path, sizeof(path), "/dev/vfio/%s", g + 1);
	group = open(path, O_RDWR);
	if (group < 0 || ioctl(group, VFIO_GROUP_GET_STATUS, &gs) ||
	    !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
		bail("%s", path);
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		bail("type1 container");
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, devname);
	if (device < 0)
		bail("VFIO_GROUP_GET_DEVICE_FD %s", devname);
	ri.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &ri))
		bail("BAR0 region info");
	bar0_off = ri.offset;
	if (bar_read(0) != 0x010000ed)
		bail("BAR0+0 is 0x%x, not edu", bar_read(0));
}

static void set_irq_fd(uint32_t action, int fd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
	struct vfio_irq_set *s = (struct vfio_irq_set *)buf;
	int32_t v = fd;

	memset(buf, 0, sizeof(buf));
	s->argsz = sizeof(buf);
	s->flags = VFIO_IRQ_SET_DATA_EVENTFD | action;
	s->index = VFIO_PCI_INTX_IRQ_INDEX;
	s->count = 1;
	memcpy(s->data, &v, sizeof(v));
	if (ioctl(device, VFIO_DEVICE_SET_IRQS, s))
		bail("VFIO_DEVICE_SET_IRQS action 0x%x fd %d", action, fd);
}

/*
 * The harness's irqfd and resamplefd: the eventfds kh_vm_create() made,
 * told apart by EFD_NONBLOCK (only the resamplefd has it).
 */
static void find_eventfds(const bool *before, int *irqfd, int *resamplefd)
{
	char path[64], target[64];
	int fd;
	ssize_t n;

	*irqfd = *resamplefd = -1;
	for (fd = 0; fd < 1024; fd++) {
		if (before[fd])
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = 0;
		if (strcmp(target, "anon_inode:[eventfd]"))
			continue;
		if (fcntl(fd, F_GETFL) & O_NONBLOCK)
			*resamplefd = fd;
		else
			*irqfd = fd;
	}
	if (*irqfd < 0 || *resamplefd < 0)
		bail("the harness's irqfd/resamplefd not found (%d, %d)", *irqfd, *resamplefd);
}

static void open_fds(bool *open_now)
{
	int fd;

	for (fd = 0; fd < 1024; fd++)
		open_now[fd] = fcntl(fd, F_GETFD) >= 0;
}


/* The function tracer, for the kernel's side of the chain (optional). */
static char tracing[PATH_MAX];
static bool use_trace = true;

static int write_file(const char *name, const char *text, int flags)
{
	char path[PATH_MAX + 64];
	int fd, n;

	snprintf(path, sizeof(path), "%s/%s", tracing, name);
	fd = open(path, O_WRONLY | flags);
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -1 : 0;
}

static const char *const traced[] = {
	"vfio_intx_handler", "pci_check_and_mask_intx", "pci_check_and_unmask_intx",
	"disable_irq_nosync", "enable_irq", "virqfd_wakeup", "virqfd_inject",
	"irqfd_inject", "irqfd_resampler_ack", "kvm_notify_irqfd_resampler",
};

static void trace_setup(void)
{
	struct stat st;
	size_t i;

	if (stat("/sys/kernel/tracing/trace", &st) == 0 ||
	    mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
		strcpy(tracing, "/sys/kernel/tracing");
	else if (stat("/sys/kernel/debug/tracing/trace", &st) == 0)
		strcpy(tracing, "/sys/kernel/debug/tracing");
	else {
		use_trace = false;
		return;
	}
	write_file("tracing_on", "0", O_TRUNC);
	write_file("current_tracer", "nop", O_TRUNC);
	write_file("set_ftrace_filter", "", O_TRUNC);
	for (i = 0; i < sizeof(traced) / sizeof(traced[0]); i++)
		if (write_file("set_ftrace_filter", traced[i], O_APPEND))
			printf("# cannot trace %s (not in this kernel)\n", traced[i]);
	if (write_file("current_tracer", "function", O_TRUNC)) {
		use_trace = false;
		return;
	}
	write_file("trace", "", O_TRUNC);
	write_file("tracing_on", "1", O_TRUNC);
}

/* Print the traced calls since the last time, after @label. */
static void trace_print(const char *label)
{
	char path[PATH_MAX + 16], line[512], out[2048] = "";
	FILE *f;

	if (!use_trace)
		return;
	snprintf(path, sizeof(path), "%s/trace", tracing);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *arrow = strstr(line, " <-"), *fn;

		if (line[0] == '#' || !arrow)
			continue;
		*arrow = 0;
		fn = strrchr(line, ' ');
		fn = fn ? fn + 1 : line;
		if (strlen(out) + strlen(fn) + 2 < sizeof(out)) {
			if (out[0])
				strcat(out, " ");
			strcat(out, fn);
		}
	}
	fclose(f);
	write_file("trace", "", O_TRUNC);
	printf("#    kernel, %s: %s\n", label, out[0] ? out : "-");
}

/* Wait until KVM has the level latched or in service (irqfd_inject is a work item). */
static bool wait_latched(struct kh_vm *vm, int ms)
{
	struct kh_state st;
	int i;

	for (i = 0; i < ms; i++) {
		kh_get_state(vm, &st);
		if (st.chip_pending || st.chip_in_service)
			return true;
		msleep(1);
	}
	return false;
}

static const char *const want_61[] = {
	"device.raise", "inject(spurious=0)", "guest.mask_line", "guest.eoi",
	"guest.thread_ack_device", "guest.unmask_line", "inject(spurious=1)", NULL,
};
static const char *const want_63[] = {
	"device.raise", "inject(spurious=0)", "guest.mask_line", "guest.eoi",
	"guest.thread_ack_device", "guest.unmask_line", NULL,
};

int main(int argc, char **argv)
{
	struct kh_config cfg = { .chip = KH_CHIP_IOAPIC };
	static bool before[1024];
	int i, reps = 5, irqfd, resamplefd, r, pass = 0, fail = 0;
	int seen61 = 0, seen63 = 0;
	struct kh_state st;
	struct utsname u;
	struct kh_vm *vm;
	bool is63;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--device") && i + 1 < argc)
			devname = argv[++i];
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--device BDF] [--reps N]\n", argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n");
	uname(&u);
	{
		unsigned int a = 0, b = 0;

		sscanf(u.release, "%u.%u", &a, &b);
		is63 = a > 6 || (a == 6 && b >= 3);
	}
	printf("# vfio_kvm_chain: kernel %s; edu %s INTx -> vfio-pci -> KVM irqfd + resamplefd -> L2 IOAPIC, ONESHOT handler\n",
	       u.release, devname);
	printf("# this kernel implements oneshot_forwarding's %s (fef8f2b90edb is v6.3)\n",
	       is63 ? "ioapic_63" : "ioapic_61");
	kh_require_kvm();
	vfio_open();
	trace_setup();
	printf("1..%d\n", reps);

	for (r = 1; r <= reps; r++) {
		bool ok, m61, m63;

		open_fds(before);
		vm = kh_vm_create(&cfg);
		find_eventfds(before, &irqfd, &resamplefd);
		/* VFIO signals KVM's irqfd; KVM's resampler writes VFIO's unmask eventfd. */
		set_irq_fd(VFIO_IRQ_SET_ACTION_TRIGGER, irqfd);
		set_irq_fd(VFIO_IRQ_SET_ACTION_UNMASK, resamplefd);
		kh_log_clear(vm);
		trace_print("setup");

		/* 1. device.raise -> vfio_intx_handler -> trigger -> irqfd_inject */
		kh_device_raise(vm);
		bar_write(EDU_RAISE, 1);
		if (!wait_latched(vm, 1000))
			printf("# %d: the interrupt did not reach KVM's IOAPIC in 1 s\n", r);
		trace_print("1. device.raise");
		/* 2. kvm.deliver */
		kh_kvm_deliver(vm);
		/* 3. guest.mask_line, 4. guest.eoi (the device still asserts) */
		kh_guest_mask_line(vm);
		kh_guest_eoi(vm);
		/*
		 * The resampler signalled VFIO's unmask eventfd; vfio-pci found
		 * edu still pending and signals the trigger again from a work
		 * item, and KVM latches the level in the masked pin.
		 */
		wait_latched(vm, 500);
		trace_print("2-4. deliver, mask, eoi");
		kh_get_state(vm, &st);
		printf("# %d: after the EOI: IOAPIC irr %d, remote_irr %d, RTE masked %d\n",
		       r, st.chip_pending, st.chip_in_service, st.chip_masked);
		/* 5. guest.thread_ack_device: the guest's ack, and edu's */
		kh_guest_thread_ack_device(vm);
		bar_write(EDU_ACK, 1);
		msleep(20);
		trace_print("5. thread_ack_device");
		/* 6. guest.unmask_line, then 7. kvm.deliver */
		kh_guest_unmask_line(vm);
		msleep(50);	/* a resample at the unmask goes through VFIO */
		trace_print("6. unmask_line");
		kh_kvm_deliver(vm);
		trace_print("7. deliver");
		kh_get_state(vm, &st);
		printf("# %d: at the end: IOAPIC irr %d, remote_irr %d, edu status %u\n",
		       r, st.chip_pending, st.chip_in_service, bar_read(EDU_STATUS));
		kh_log_print(vm, stdout);
		{
			int which = kh_log_expect_any(vm, (const char *const *const[]){
							      want_61, want_63, NULL });

			m61 = which == 0;
			m63 = which == 1;
		}
		seen61 += m61;
		seen63 += m63;
		ok = is63 ? m63 : m61;
		printf("%sok %d %s: %s\n", ok ? "" : "not ", r,
		       m61 ? "spurious injection at the unmask" :
		       m63 ? "no injection at the unmask" : "neither variant's log",
		       is63 ? "ioapic_63" : "ioapic_61");
		ok ? pass++ : fail++;

		/* Untie VFIO from this VM's eventfds before they go. */
		{
			char buf[sizeof(struct vfio_irq_set)];
			struct vfio_irq_set *s = (struct vfio_irq_set *)buf;

			memset(buf, 0, sizeof(buf));
			s->argsz = sizeof(buf);
			s->flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER;
			s->index = VFIO_PCI_INTX_IRQ_INDEX;
			s->count = 0;
			if (ioctl(device, VFIO_DEVICE_SET_IRQS, s))
				bail("disable INTx");
		}
		kh_vm_destroy(vm);
	}
	printf("# variant ioapic_61 (spurious injection): %d of %d runs\n", seen61, reps);
	printf("# variant ioapic_63 (resample at unmask): %d of %d runs\n", seen63, reps);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n", pass, fail);
	return fail ? 1 : 0;
}
