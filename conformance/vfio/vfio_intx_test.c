// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_intx_test: VFIO's INTx path on a real kernel, with QEMU's edu
 * device (1234:11e8) bound to vfio-pci.  The program is the VFIO user of
 * models/vfio_intx.irqspec: it sets the INTx trigger eventfd (and, with
 * --unmask eventfd, the unmask eventfd) with VFIO_DEVICE_SET_IRQS, raises
 * and acknowledges the device's interrupt through BAR0 (0x60 raise, 0x64
 * acknowledge, 0x24 status), unmasks with VFIO_IRQ_SET_ACTION_UNMASK, and
 * runs the sequences that the model says tell the variants apart.
 *
 * After every step it records what the model's state and events predict:
 *  - userspace's view: is the trigger eventfd readable (the model's
 *    `signalled`), the device's status (`status`) and the physical
 *    PCI_COMMAND_INTX_DISABLE bit (`disintx`, read from sysfs config);
 *  - the kernel's view: the chip callbacks and handlers the step ran, from
 *    the function tracer (handle_fasteoi_irq, vfio_intx_handler,
 *    pci_check_and_mask_intx, pci_check_and_unmask_intx,
 *    disable_irq_nosync, enable_irq, check_irq_resend and the IR-IO-APIC's
 *    mask_ioapic_irq, unmask_ioapic_irq and ioapic_ir_ack_level: the
 *    model's flow, vfio_handler, disintx_write, chip_mask, chip_unmask and
 *    chip_eoi events).
 * and compares them with each variant's prediction.  Output: KTAP version
 * 1.  One result line per sequence and variant; a summary per variant.
 *
 * usage: vfio_intx_test [--device 0000:00:01.0] [--unmask ioctl|eventfd] [--no-trace]
 * Exit status: 0 the run completed and every userspace observation met
 * the model (userspace sees the same in every variant on x86); 1 a
 * userspace observation did not; 2 usage or setup failure (no device, no
 * VFIO...).  Which variant the kernel's trace conforms to is in the
 * output: "# variant NAME: conforms" / "diverges".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

#define EDU_STATUS	0x24
#define EDU_RAISE	0x60
#define EDU_ACK		0x64
#define SETTLE_MS	50	/* after each step: let the interrupt land */

static const char *devname = "0000:00:01.0";
static bool unmask_eventfd;
static bool use_trace = true;

static int container = -1, group = -1, device = -1;
static int trig = -1, unmask_fd = -1;
static off_t bar0_off;
static int cfg_fd = -1;
static char tracing[PATH_MAX];

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

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

/* tracefs */

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

/* The functions traced: the model's events (see the header comment). */
static const char *const traced[] = {
	"handle_fasteoi_irq", "vfio_intx_handler", "pci_check_and_mask_intx",
	"pci_check_and_unmask_intx", "disable_irq_nosync", "enable_irq",
	"check_irq_resend", "mask_ioapic_irq", "unmask_ioapic_irq",
	"ioapic_ir_ack_level",
};

static void trace_setup(void)
{
	struct stat st;
	size_t i;

	if (!use_trace)
		return;
	if (stat("/sys/kernel/tracing/trace", &st) == 0) {
		strcpy(tracing, "/sys/kernel/tracing");
	} else if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0) {
		strcpy(tracing, "/sys/kernel/tracing");
	} else if (stat("/sys/kernel/debug/tracing/trace", &st) == 0) {
		strcpy(tracing, "/sys/kernel/debug/tracing");
	} else {
		diag("no tracefs: the kernel's view is not checked");
		use_trace = false;
		return;
	}
	write_file("tracing_on", "0", O_TRUNC);
	write_file("current_tracer", "nop", O_TRUNC);
	write_file("set_ftrace_filter", "", O_TRUNC);
	for (i = 0; i < sizeof(traced) / sizeof(traced[0]); i++)
		if (write_file("set_ftrace_filter", traced[i], O_APPEND))
			diag("cannot trace %s", traced[i]);
	if (write_file("current_tracer", "function", O_TRUNC)) {
		diag("no function tracer: the kernel's view is not checked");
		use_trace = false;
		return;
	}
	write_file("trace", "", O_TRUNC);
	write_file("tracing_on", "1", O_TRUNC);
}

/* The traced functions since the last call, as a space-separated list. */
static void trace_take(char *out, size_t size)
{
	char path[PATH_MAX + 16], line[512];
	FILE *f;

	out[0] = 0;
	if (!use_trace)
		return;
	snprintf(path, sizeof(path), "%s/trace", tracing);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *arrow, *fn;

		if (line[0] == '#')
			continue;
		arrow = strstr(line, " <-");
		if (!arrow)
			continue;
		*arrow = 0;
		fn = strrchr(line, ' ');
		fn = fn ? fn + 1 : line;
		if (strlen(out) + strlen(fn) + 2 < size) {
			if (out[0])
				strcat(out, " ");
			strcat(out, fn);
		}
	}
	fclose(f);
	write_file("trace", "", O_TRUNC);
}

/* VFIO and the device */

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

/* The physical PCI_COMMAND and PCI_STATUS, from sysfs config. */
static void pci_cmd_status(int *disintx, int *intstatus)
{
	uint16_t w[2];

	if (pread(cfg_fd, w, 4, 4) != 4)
		bail("read config");
	*disintx = !!(w[0] & 0x400);	/* PCI_COMMAND_INTX_DISABLE */
	*intstatus = !!(w[1] & 0x8);	/* PCI_STATUS_INTERRUPT */
}

static bool trigger_readable(void)
{
	struct pollfd p = { .fd = trig, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void set_irqs(uint32_t flags, int32_t fd, bool with_fd)
{
	char buf[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
	struct vfio_irq_set *s = (struct vfio_irq_set *)buf;

	memset(buf, 0, sizeof(buf));
	s->argsz = sizeof(buf);
	s->flags = flags;
	s->index = VFIO_PCI_INTX_IRQ_INDEX;
	s->start = 0;
	s->count = 1;
	if (with_fd)
		memcpy(s->data, &fd, sizeof(fd));
	else
		s->argsz = sizeof(*s);
	if (ioctl(device, VFIO_DEVICE_SET_IRQS, s))
		bail("VFIO_DEVICE_SET_IRQS flags 0x%x", flags);
}

static void setup(void)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct vfio_region_info ri = { .argsz = sizeof(ri) };
	struct vfio_irq_info ii = { .argsz = sizeof(ii) };
	char path[PATH_MAX], link[PATH_MAX], *g;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", devname);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		bail("%s", path);
	link[n] = 0;
	g = strrchr(link, '/');
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		bail("/dev/vfio/vfio");
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		bail("VFIO API version");
	if (!ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU))
		bail("no type1 IOMMU");
	snprintf(path, sizeof(path), "/dev/vfio/%s", g + 1);
	group = open(path, O_RDWR);
	if (group < 0)
		bail("%s", path);
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &gs) || !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
		bail("group %s not viable", g + 1);
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		bail("VFIO_GROUP_SET_CONTAINER");
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		bail("VFIO_SET_IOMMU");
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, devname);
	if (device < 0)
		bail("VFIO_GROUP_GET_DEVICE_FD %s", devname);
	ri.index = VFIO_PCI_BAR0_REGION_INDEX;
	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &ri))
		bail("BAR0 region info");
	bar0_off = ri.offset;
	ii.index = VFIO_PCI_INTX_IRQ_INDEX;
	if (ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &ii) || ii.count != 1)
		bail("INTx irq info");
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", devname);
	cfg_fd = open(path, O_RDONLY);
	if (cfg_fd < 0)
		bail("%s", path);
	if (bar_read(0) != 0x010000ed)
		bail("BAR0+0 is 0x%x, not edu's 0x010000ed", bar_read(0));
	diag("device %s, group %s, INTx info count %u flags 0x%x", devname, g + 1,
	     ii.count, ii.flags);

	trig = eventfd(0, EFD_NONBLOCK);
	if (trig < 0)
		bail("eventfd");
	set_irqs(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, trig, true);
	if (unmask_eventfd) {
		unmask_fd = eventfd(0, EFD_NONBLOCK);
		if (unmask_fd < 0)
			bail("eventfd");
		set_irqs(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_UNMASK, unmask_fd, true);
	}
}

/* The model's input steps */

enum step { RAISE, READ, ACK, UNMASK };
static const char *const step_names[] = { "device.raise", "user.read_trigger",
					  "user.service", "user.unmask" };

static void do_step(enum step s)
{
	uint64_t one = 1, cnt;

	switch (s) {
	case RAISE:
		bar_write(EDU_RAISE, 1);
		break;
	case READ:
		if (read(trig, &cnt, sizeof(cnt)) != sizeof(cnt))
			diag("read(trigger): %s", strerror(errno));
		break;
	case ACK:
		bar_write(EDU_ACK, 1);
		break;
	case UNMASK:
		if (unmask_eventfd) {
			if (write(unmask_fd, &one, sizeof(one)) != sizeof(one))
				bail("write(unmask eventfd)");
		} else {
			set_irqs(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK, 0, false);
		}
		break;
	}
	msleep(SETTLE_MS);
}

/*
 * The model's predictions.  For each step: the userspace view (signalled,
 * disintx, status) and, per variant, the traced functions.  Abbreviations
 * of the traces below: see traced[].
 */
#define FLOW	"handle_fasteoi_irq"
#define VH	"vfio_intx_handler"
#define EOI	"ioapic_ir_ack_level"
#define MASK	"mask_ioapic_irq"
#define UNMK	"unmask_ioapic_irq"
/* A first interrupt of the exclusive path: lazy (6.1) takes a second one. */
#define EXCL_IRQ_61	FLOW " " VH " disable_irq_nosync " EOI " " FLOW " " MASK " " EOI
#define EXCL_IRQ_612	FLOW " " VH " disable_irq_nosync " MASK " " EOI
#define ENABLE		"enable_irq " UNMK " check_irq_resend"

enum variant { PCI23, EXCL_61, EXCL_612, NVARIANTS };
static const char *const variant_names[NVARIANTS] = {
	"pci23_x86 (vfio_intx check pci23_x86, every kernel)",
	"exclusive_x86_61 (vfio_intx check exclusive_x86_61, kernels < 8b9f128947dd)",
	"exclusive_x86_612 (vfio_intx check exclusive_x86_612, kernels with 8b9f128947dd)",
};

struct expect {
	enum step step;
	int signalled, disintx, status;	/* -1: not compared */
	const char *trace[NVARIANTS];	/* NULL: not compared */
};

struct sequence {
	const char *name;
	const char *why;
	struct expect steps[12];
	int n;
};

/* Userspace view on the exclusive path: DisINTx always clear. */
static const struct sequence sequences[] = {
	{
		"serviced",
		"raise, read, service, unmask: one signal per assertion",
		{
			{ RAISE, 1, -1, 1, { FLOW " " VH " pci_check_and_mask_intx " EOI, EXCL_IRQ_61, EXCL_IRQ_612 } },
			{ READ, 0, -1, 1, { "", "", "" } },
			{ ACK, 0, -1, 0, { "", "", "" } },
			{ UNMASK, 0, 0, 0, { "pci_check_and_unmask_intx", ENABLE, ENABLE } },
		},
		4,
	},
	{
		"unserviced_unmask",
		"unmask while the device still asserts: PCI 2.3 signals again at once (unmask_resignals); the exclusive path re-enables the line, which fires again",
		{
			{ RAISE, 1, -1, 1, { FLOW " " VH " pci_check_and_mask_intx " EOI, EXCL_IRQ_61, EXCL_IRQ_612 } },
			{ READ, 0, -1, 1, { "", "", "" } },
			{ UNMASK, 1, -1, 1, { "pci_check_and_unmask_intx", ENABLE " " EXCL_IRQ_61, ENABLE " " EXCL_IRQ_612 } },
			{ READ, 0, -1, 1, { "", "", "" } },
			{ ACK, 0, -1, 0, { "", "", "" } },
			{ UNMASK, 0, 0, 0, { "pci_check_and_unmask_intx", ENABLE, ENABLE } },
		},
		6,
	},
	{
		"reassert_while_masked",
		"the 8b9f128947dd sequence: service, the device asserts again while VFIO has INTx masked, unmask",
		{
			{ RAISE, 1, -1, 1, { FLOW " " VH " pci_check_and_mask_intx " EOI, EXCL_IRQ_61, EXCL_IRQ_612 } },
			{ READ, 0, -1, 1, { "", "", "" } },
			{ ACK, 0, -1, 0, { "", "", "" } },
			{ RAISE, 0, -1, 1, { "", "", "" } },
			{ UNMASK, 1, -1, 1, { "pci_check_and_unmask_intx", ENABLE " " EXCL_IRQ_61, ENABLE " " EXCL_IRQ_612 } },
			{ READ, 0, -1, 1, { "", "", "" } },
			{ ACK, 0, -1, 0, { "", "", "" } },
			{ UNMASK, 0, 0, 0, { "pci_check_and_unmask_intx", ENABLE, ENABLE } },
		},
		8,
	},
};

#define NSEQ (sizeof(sequences) / sizeof(sequences[0]))

int main(int argc, char **argv)
{
	bool variant_ok[NVARIANTS];
	bool pci23, nointxmask_param = false, user_fail = false;
	struct utsname u;
	char buf[64];
	int i, v, tests = 0, fd, npass = 0, nfail = 0, nskip = 0;
	size_t q;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--device") && i + 1 < argc) {
			devname = argv[++i];
		} else if (!strcmp(argv[i], "--unmask") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "eventfd"))
				unmask_eventfd = true;
			else if (strcmp(argv[i], "ioctl"))
				goto usage;
		} else if (!strcmp(argv[i], "--no-trace")) {
			use_trace = false;
		} else {
usage:
			fprintf(stderr, "usage: %s [--device BDF] [--unmask ioctl|eventfd] [--no-trace]\n",
				argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n");
	uname(&u);
	fd = open("/sys/module/vfio_pci/parameters/nointxmask", O_RDONLY);
	if (fd >= 0) {
		memset(buf, 0, sizeof(buf));
		if (read(fd, buf, sizeof(buf) - 1) > 0)
			nointxmask_param = buf[0] == 'Y' || buf[0] == '1';
		close(fd);
	}
	pci23 = !nointxmask_param;
	diag("vfio_intx_test: kernel %s %s, vfio-pci nointxmask=%d, so the %s path; unmask by %s",
	     u.release, u.version, nointxmask_param,
	     pci23 ? "PCI 2.3 (DisINTx, IRQF_SHARED)" : "exclusive (disable_irq_nosync)",
	     unmask_eventfd ? "the unmask eventfd" : "the ioctl");
	setup();
	trace_setup();
	/* Setup's own trace (the request_irq) is not part of a step. */
	trace_take(buf, sizeof(buf));
	for (v = 0; v < NVARIANTS; v++)
		variant_ok[v] = (v == PCI23) == pci23;
	printf("1..%zu\n", NSEQ * 2);

	for (q = 0; q < NSEQ; q++) {
		const struct sequence *s = &sequences[q];
		bool uok = true, tok[NVARIANTS];
		char got[4096];

		for (v = 0; v < NVARIANTS; v++)
			tok[v] = true;
		diag("sequence %s: %s", s->name, s->why);
		for (i = 0; i < s->n; i++) {
			const struct expect *e = &s->steps[i];
			int sig, dis, st, edu;

			do_step(e->step);
			sig = trigger_readable();
			pci_cmd_status(&dis, &st);
			edu = bar_read(EDU_STATUS) != 0;
			trace_take(got, sizeof(got));
			diag("%d. %s: signalled %d, DisINTx %d, PCI status.INTx %d, edu status %d; trace: %s",
			     i + 1, step_names[e->step], sig, dis, st, edu, use_trace ? got : "(off)");
			if (e->signalled >= 0 && sig != e->signalled) {
				diag("  want signalled %d", e->signalled);
				uok = false;
			}
			if (pci23 && e->disintx >= 0 && dis != e->disintx) {
				diag("  want DisINTx %d", e->disintx);
				uok = false;
			}
			if (!pci23 && dis) {
				diag("  want DisINTx 0 (the exclusive path never sets it)");
				uok = false;
			}
			if (e->status >= 0 && edu != e->status) {
				diag("  want device status %d", e->status);
				uok = false;
			}
			for (v = 0; v < NVARIANTS && use_trace; v++) {
				if (!e->trace[v] || strcmp(got, e->trace[v]) == 0)
					continue;
				if ((v == PCI23) == pci23)
					diag("  %s predicts: %s", variant_names[v], e->trace[v]);
				tok[v] = false;
			}
		}
		tests++;
		printf("%sok %d %s: userspace view as the model predicts\n", uok ? "" : "not ", tests,
		       s->name);
		user_fail |= !uok;
		uok ? npass++ : nfail++;
		tests++;
		if (!use_trace) {
			printf("ok %d %s: kernel view # SKIP no function tracer\n", tests, s->name);
			nskip++;
			continue;
		}
		{
			int match = -1;

			for (v = 0; v < NVARIANTS; v++) {
				if ((v == PCI23) != pci23)
					continue;
				if (!tok[v])
					variant_ok[v] = false;
				else if (match < 0)
					match = v;
			}
			if (match >= 0) {
				printf("ok %d %s: kernel view conforms to %s\n", tests, s->name,
				       variant_names[match]);
				npass++;
			} else {
				printf("not ok %d %s: kernel view conforms to no variant of this path\n",
				       tests, s->name);
				nfail++;
			}
		}
	}
	for (v = 0; v < NVARIANTS && use_trace; v++) {
		if ((v == PCI23) != pci23)
			continue;
		diag("variant %s: %s", variant_names[v], variant_ok[v] ? "conforms" : "diverges");
	}
	write_file("tracing_on", "0", O_TRUNC);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       npass, nfail, nskip);
	return user_fail ? 1 : 0;
}
