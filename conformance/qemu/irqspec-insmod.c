// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec-insmod FILE.ko [PARAM=VALUE...]: load one module with a single
 * finit_module() call.
 *
 * busybox insmod (and modprobe) retry with init_module() whenever
 * finit_module() fails, so a module whose init fails runs its init twice
 * (twice the KTAP, twice the side effects).  This one never retries.
 * Compressed modules (.ko.xz, .ko.zst, .ko.gz) are passed with
 * MODULE_INIT_COMPRESSED_FILE (kernels with CONFIG_MODULE_DECOMPRESS).
 *
 * Exit status: 0 loaded; the errno of finit_module() (e.g. 22 EINVAL
 * returned by the module's init, 17 EEXIST, 8 ENOEXEC a bad module);
 * 2 usage or the file cannot be opened.  Built static by make-initramfs.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int main(int argc, char *argv[])
{
	size_t len = 1;
	char *params;
	int fd, i, flags = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: irqspec-insmod FILE.ko [PARAM=VALUE...]\n");
		return 2;
	}
	for (i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	params = calloc(1, len);
	if (!params)
		return 12;
	for (i = 2; i < argc; i++) {
		if (i > 2)
			strcat(params, " ");
		strcat(params, argv[i]);
	}
	if (ends_with(argv[1], ".xz") || ends_with(argv[1], ".zst") ||
	    ends_with(argv[1], ".gz"))
		flags |= MODULE_INIT_COMPRESSED_FILE;
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "irqspec-insmod: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (syscall(__NR_finit_module, fd, params, flags) != 0) {
		int err = errno;

		fprintf(stderr, "irqspec-insmod: %s: %s\n", argv[1], strerror(err));
		return err > 0 && err < 256 ? err : 1;
	}
	return 0;
}
