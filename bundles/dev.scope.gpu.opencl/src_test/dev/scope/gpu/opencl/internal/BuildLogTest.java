package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which build log line an exception names. */
class BuildLogTest {

    @Test
    void theFirstErrorLineWithTheTemporaryFileNamedSource() {
        String pocl = """
                warning: /root/.cache/pocl/kcache/tempfile_vm83mJ.cl:1:1: something
                error: /root/.cache/pocl/kcache/tempfile_vm83mJ.cl:3:14: use of undeclared identifier 'y'
                error: /root/.cache/pocl/kcache/tempfile_vm83mJ.cl:4:1: another
                """;
        assertEquals("error: <source>:3:14: use of undeclared identifier 'y'", BuildLog.firstError(pocl, "x"));
        assertEquals("<source>:2:5: error: expected ';'",
                BuildLog.firstError("\n<source>:2:5: error: expected ';'\n", "x"));
    }

    @Test
    void withoutAnErrorLineTheFirstLineOrTheFallback() {
        assertEquals("note: odd", BuildLog.firstError("\n  note: odd\nmore\n", "CL_BUILD_PROGRAM_FAILURE"));
        assertEquals("CL_INVALID_BUILD_OPTIONS", BuildLog.firstError("", "CL_INVALID_BUILD_OPTIONS"));
    }
}
