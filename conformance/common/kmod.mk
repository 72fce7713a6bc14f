# SPDX-License-Identifier: GPL-2.0
#
# The make rules of a module harness's folder (../irqbypass-kmod,
# ../genirq-kmod), whose Makefile includes this file:
#	make KDIR=/path/to/linux-headers-KREL [IRQSPEC_TEST=test.c]
# copies the shared files beside the harness first, as build-module.sh does
# (KMOD_COMMON there), since kbuild takes a module's sources from its folder
# only; the folder's Kbuild has the objects.
KDIR ?= /lib/modules/$(shell uname -r)/build
COMMON := irqspec_main.c h_api.h h_checks.h h_checks.c h_ibobj.h h_ibobj.c \
	h_irqbypass.h h_irqbypass_selftest.h h_kmod.h h_kmod.c ktap.h ktap.c

all: $(COMMON)
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

$(COMMON): %: ../common/%
	cp $< $@

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -f $(COMMON)

.PHONY: all clean
