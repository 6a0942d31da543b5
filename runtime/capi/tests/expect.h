/* The C tests' check: EXPECT(cond) reports a false condition with its line and the library's
 * last error and counts it in `failures`; a test ends with `return finish();`. */
#ifndef SOTTO_TESTS_EXPECT_H
#define SOTTO_TESTS_EXPECT_H

#include <stdio.h>

#include "sotto.h"

static int failures = 0;

#define EXPECT(cond)                                                                   \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "line %d: %s (last error: %s)\n", __LINE__, #cond,        \
                    sotto_last_error());                                               \
            failures++;                                                                \
        }                                                                              \
    } while (0)

/* The exit status of a test: 0 when every check held, else 1 after printing the count. */
static int finish(void) {
    if (failures) fprintf(stderr, "%d failures\n", failures);
    return failures ? 1 : 0;
}

#endif
