package dev.scope.media.internal;

/** Frame-rate arithmetic shared by sources and sinks. */
final class Rates {

    private Rates() {
    }

    /** @return the presentation time in microseconds of frame {@code n} at {@code fps} */
    static long pts(long n, double fps) {
        return Math.round(n * 1_000_000.0 / fps);
    }

    /** @return the index of the frame at {@code ptsMicros} at {@code fps}, rounded to the nearest */
    static long index(long ptsMicros, double fps) {
        return Math.round(ptsMicros * fps / 1_000_000.0);
    }

    /** @return {@code 30} for an integral rate, else up to three decimals ({@code 29.97}) */
    static String format(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps)
                : String.format(java.util.Locale.ROOT, "%.3f", fps).replaceAll("0+$", "");
    }
}
