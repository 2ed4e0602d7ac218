/*
 * driver.c - runs a fuzz harness over files, without libFuzzer.
 *
 * `make test` links each harness with this driver and replays the seed
 * corpus and every kept crasher (tests/fuzz/corpus/NAME/), so that what
 * a fuzzer once found stays fixed on a machine without clang's fuzzer
 * runtime.  Prints one line: how many inputs ran.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf;
		long n = -1;

		if (f != NULL && fseek(f, 0, SEEK_END) == 0)
			n = ftell(f);
		if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 1;
		}
		buf = malloc((size_t)n + 1);
		if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		(void)LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	printf("%s: %d inputs replayed\n", argv[0], argc - 1);
	return 0;
}
