package dev.scope.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** plugins install's downloads on stderr: the bytes so far on a terminal, one line each when done. */
class DownloadsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheBytesSoFarAreRedrawnAndTheDoneLineFollowsTheInstall() {
        Downloads d = new Downloads(err, true);
        d.progress("https://example.org/p.jar", 65536, 3 * 1024 * 1024, false);
        assertEquals("\r\033[Kdownloading https://example.org/p.jar: 64.0 KiB of 3.0 MiB", err());
        d.progress("https://example.org/p.jar", 3 * 1024 * 1024, 3 * 1024 * 1024, true);
        d.report();
        assertEquals("\r\033[Kdownloading https://example.org/p.jar: 64.0 KiB of 3.0 MiB"
                + "\r\033[Kdownloading https://example.org/p.jar: 3.0 MiB of 3.0 MiB\r\033[K"
                + "scope: downloaded 3.0 MiB from https://example.org/p.jar\n", err().replace("\r\n", "\n"));
    }

    @Test
    void elsewhereOnlyTheDoneLinesAreWrittenAndOnlyAfterASuccessfulInstall() {
        Downloads d = new Downloads(err, false);
        d.progress("http://h/p.jar", 100, -1, false);
        d.progress("http://h/p.jar", 900, -1, true);
        d.progress("http://h/lib.jar", 2048, 2048, true);
        assertEquals("", err(), "nothing while the install runs");
        d.report();
        assertEquals("scope: downloaded 900 B from http://h/p.jar\nscope: downloaded 2.0 KiB from http://h/lib.jar\n",
                err().replace("\r\n", "\n"));
    }

    @Test
    void aFailedInstallLeavesNothingButItsError() {
        Downloads d = new Downloads(err, false);
        d.progress("http://h/p.jar", 900, 900, true);
        d.clear();
        assertEquals("", err());
    }
}
