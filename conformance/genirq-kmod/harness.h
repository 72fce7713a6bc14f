/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec genirq-kmod harness: the harness API of conformance/kernel-src/
 * harness.h and conformance/irqbypass-kmod/harness.h (h_step, h_expect_int,
 * H_EXPECT_LOG, H_EXPECT_NO_CALLBACKS, H_EXPECT_CRASH, h_run, struct
 * h_test, H_TEST), in a kernel module whose code under test is the running
 * kernel's genirq: kernel/irq/chip.c's flow handlers, manage.c's threaded
 * handlers and disable/enable, resend.c's software resend.
 *
 * Each test gets a fresh interrupt: a private irq_domain with one hwirq,
 * our own irq_chip (irq_mask, irq_unmask, irq_ack, irq_eoi, irq_set_type,
 * and irq_disable/irq_enable if asked), the kernel's handle_level_irq,
 * handle_fasteoi_irq or handle_edge_irq as the flow (behind a wrapper that
 * logs each entry), and one or two actions requested with
 * request_threaded_irq().  The chip is also the "hardware": it emulates
 * devices, a latch, a mask and an in-service state, and delivers the
 * interrupt from hardirq context (an irq_work with IRQ_WORK_INIT_HARD that
 * calls generic_handle_irq()) when the test asks.  Every chip callback,
 * flow entry, primary handler and thread entry/return appends one line to
 * the log:
 *
 *	chip.irq_mask  chip.irq_unmask  chip.irq_ack  chip.irq_eoi
 *	chip.irq_disable  chip.irq_enable
 *	flow hardirq   flow resend      (desc->handle_irq from the hardware /
 *					 from the resend tasklet)
 *	handler a0     thread a0        thread a0 return
 *
 * The irq threads' thread_fn waits for the test (h_thread_done) before it
 * services its device and returns.  After every call the harness waits
 * until the irq threads have settled: each woken thread has reached its
 * thread_fn and no finalize is in flight.  See NOTES.md.
 */
#ifndef IRQSPEC_HARNESS_H
#define IRQSPEC_HARNESS_H

#include <linux/kernel.h>
#include <linux/types.h>

#include "h_api.h"	/* the checks, the log, h_run (conformance/common) */

/* For the module's glue (../common/irqspec_main.c). */
#define H_MODULE_DESCRIPTION \
	"irqspec conformance tests of the running kernel's genirq flow handlers"

#define H_MAX_ACTIONS	2

/* Flow handlers (the model's enum Flow). */
#define H_FLOW_LEVEL	0	/* handle_level_irq */
#define H_FLOW_FASTEOI	1	/* handle_fasteoi_irq */
#define H_FLOW_EDGE	2	/* handle_edge_irq */

/* How the emulated chip senses its input (the model's enum Sense). */
#define H_SENSE_LEVEL		0	/* delivers while asserted */
#define H_SENSE_EDGE_LATCH	1	/* latches a rising edge, also while masked */
#define H_SENSE_EDGE_DROP	2	/* latches a rising edge only while unmasked */

/*
 * Set the interrupt up and request it: @nact actions (IRQF_SHARED if 2),
 * IRQF_ONESHOT if @oneshot; action i is threaded if @threaded0/@threaded1.
 * The line's trigger type is IRQ_TYPE_LEVEL_HIGH if @level, else
 * IRQ_TYPE_EDGE_RISING.  Chip flags: IRQCHIP_ONESHOT_SAFE, IRQCHIP_EOI_THREADED;
 * @chip_disable gives the chip irq_disable/irq_enable; @chip_active makes a
 * delivered interrupt stay in service until irq_ack/irq_eoi; @unlazy sets
 * IRQ_DISABLE_UNLAZY; @resend_in_progress sets IRQD_RESEND_WHEN_IN_PROGRESS
 * (v6.5 and later; on older kernels it is reported and not set).
 * Returns 0 or the first failing request's error.
 */
int h_request_irq(int flow, bool level, int sense, bool chip_active,
		  bool oneshot, bool oneshot_safe, bool eoi_threaded,
		  bool chip_disable, bool unlazy, bool resend_in_progress,
		  int nact, bool threaded0, bool threaded1);

/* The driver: disable_irq_nosync(), enable_irq() (inside local_bh_disable/enable). */
int h_disable_irq_nosync(void);
int h_enable_irq(void);

/* The devices: a new interrupt from device @a; device @a stops asserting. */
int h_raise(int a);
int h_withdraw(int a);

/*
 * The chip delivers the interrupt to this CPU (it must be deliverable:
 * sensed, unmasked, not in service).  With @raise_again, device 0 raises
 * again while action 0's primary handler runs, after it serviced its
 * device, and the chip delivers that interrupt at once if it can (the
 * second flow-handler call finds the first one in progress).
 */
int h_interrupt(bool raise_again);

/* Let action @a's thread_fn service its device and return. */
int h_thread_done(int a);

/* What can be observed. */
bool h_requested(void);
bool h_dev(int a);		/* device a wants service */
bool h_latched(void);		/* the chip's edge latch */
bool h_masked(void);		/* IRQD_IRQ_MASKED (checked against the chip) */
bool h_active(void);		/* the chip's in-service state */
int h_depth(void);		/* desc->depth */
bool h_disabled(void);		/* IRQD_IRQ_DISABLED */
bool h_pending(void);		/* IRQS_PENDING */
bool h_replay(void);		/* IRQS_REPLAY */
bool h_threads_oneshot(int a);	/* desc->threads_oneshot & action->thread_mask */
bool h_runthread(int a);	/* IRQTF_RUNTHREAD */
bool h_in_thread(int a);	/* the thread waits in thread_fn */

/*
 * What the calls of h_api.h mean here.  The log is the one described
 * above.  After a step with a failed check the test stops at the next
 * h_step(): every later call is a no-op.  The genirq model has no crash
 * steps; a test that has one fails there (the harness does not crash the
 * kernel).
 *
 * h_run()'s options, as for the userspace runner: -l lists the tests;
 * -t NAME runs only NAME (repeatable); --timeout SECONDS sets the
 * per-test timeout (default 10); --no-crash is accepted (there are no
 * crash steps).  Returns 0 if every test passed, 1 (KSFT_FAIL) if one
 * failed or could not run, 2 for bad usage.  Its output is KTAP through
 * printk, one kthread per test.
 */

#endif /* IRQSPEC_HARNESS_H */
