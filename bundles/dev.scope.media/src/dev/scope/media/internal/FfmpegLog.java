package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's log, so FFmpeg never writes to stderr itself: installed with JavaCPP's
 * {@code setLogCallback}, whose C side formats each call of {@code av_log} up to FFmpeg's log level
 * (set to warnings) and hands the text here. (A Java {@code av_log_set_callback} callback cannot
 * format: the {@code va_list} it gets does not survive the trip through Java.) Every line
 * of level warning or more severe goes to the {@link System.Logger} {@value #LOGGER} at DEBUG as
 * {@code FFmpeg <context>: <text>} (silent unless debug logging is on). Error lines are also kept:
 * the last {@value #KEPT} of each thread (for {@link Decoder} to fold FFmpeg's reason into a
 * failure message) and a count over all threads (decoders log from their own worker threads, so
 * {@link VideoSource} counts the errors logged between its reads).
 *
 * <p>FFmpeg calls {@link #call} on any thread, its own included (JavaCPP attaches them); it never
 * throws. Lines logged by a thread inside {@link #uncounted} are logged and kept but not counted:
 * errors that are no decoder's, such as hardware encoders failing to open while they are probed.
 */
final class FfmpegLog extends LogCallback {

    static final String LOGGER = "dev.scope.media.ffmpeg";
    /** Error lines kept per thread. */
    static final int KEPT = 8;

    private static final Logger LOG = System.getLogger(LOGGER);
    /** A partial line longer than this is logged as it is. */
    private static final int MAX_PARTIAL = 4096;
    /** FFmpeg's prefix of a line: one {@code [name @ 0xADDRESS] } per context, a parent's first. */
    private static final Pattern PREFIX = Pattern.compile("^(?:\\[([^\\]]*?) @ 0x[0-9a-fA-F]+\\] )+");
    /** OpenH264's own prefix inside FFmpeg's line: "[OpenH264] this = 0x0x7f..., Error:" */
    private static final Pattern OPENH264_PREFIX = Pattern.compile("^\\[OpenH264\\] this = [0-9a-fA-Fx]+, (?:\\w+:)?");

    private final ThreadLocal<PerThread> threads = ThreadLocal.withInitial(PerThread::new);
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;

    /** What one thread is in the middle of: a line not ended yet, its errors, whether they count. */
    private static final class PerThread {
        final StringBuilder partial = new StringBuilder();
        final ArrayDeque<String> recent = new ArrayDeque<>();
        int partialLevel = Integer.MAX_VALUE;
        int uncounted;
    }

    /** Work that calls FFmpeg. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    @Override
    public void call(int level, BytePointer text) {
        try {
            int severity = level & 0xFF;
            if (text == null || severity > AV_LOG_WARNING || (severity > AV_LOG_ERROR && !LOG.isLoggable(Level.DEBUG))) {
                return;
            }
            PerThread thread = threads.get();
            String piece = text.getString(StandardCharsets.UTF_8);
            if (piece.isEmpty()) {
                return;
            }
            thread.partial.append(piece);
            thread.partialLevel = Math.min(thread.partialLevel, severity);
            int end = thread.partial.length();
            if (thread.partial.charAt(end - 1) == '\n' || end > MAX_PARTIAL) {
                String line = thread.partial.toString();
                int lineLevel = thread.partialLevel;
                thread.partial.setLength(0);
                thread.partialLevel = Integer.MAX_VALUE;
                line(thread, lineLevel, line);
            }
        } catch (Throwable t) {
            // FFmpeg cannot take an exception; a lost log line is the lesser harm
        }
    }

    private void line(PerThread thread, int severity, String line) {
        String context = "";
        Matcher prefix = PREFIX.matcher(line);
        if (prefix.find()) {
            context = prefix.group(1);
            line = line.substring(prefix.end());
        }
        String text = OPENH264_PREFIX.matcher(line.strip()).replaceFirst("");
        if (text.isEmpty()) {
            return;
        }
        LOG.log(Level.DEBUG, "FFmpeg " + (context.isEmpty() ? "" : context + ": ") + text);
        if (severity <= AV_LOG_ERROR) {
            text = text.endsWith(".") && !text.endsWith("..") ? text.substring(0, text.length() - 1) : text;
            if (thread.recent.size() == KEPT) {
                thread.recent.removeFirst();
            }
            thread.recent.addLast(text);
            if (thread.uncounted == 0) {
                lastError = text;
                errors.incrementAndGet();
            }
        }
    }

    /** Forgets the error lines the calling thread logged so far; see {@link #recentErrors()}. */
    void forgetRecent() {
        threads.get().recent.clear();
    }

    /** @return the calling thread's error lines since {@link #forgetRecent()}, oldest first, at most {@value #KEPT} */
    List<String> recentErrors() {
        return new ArrayList<>(threads.get().recent);
    }

    /** @return error lines logged so far by every thread, outside {@link #uncounted} */
    long errorCount() {
        return errors.get();
    }

    /** @return the text of the latest error line of any thread, or {@code null} */
    String lastError() {
        return lastError;
    }

    /**
     * Runs work whose FFmpeg errors on the calling thread are not a decoder's (encoding, probing
     * encoders): they are logged and kept for {@link #recentErrors()}, but not in {@link #errorCount()}.
     *
     * @param work the work
     * @return what it returns
     * @throws E what it throws
     */
    <T, E extends Exception> T uncounted(Work<T, E> work) throws E {
        PerThread thread = threads.get();
        thread.uncounted++;
        try {
            return work.run();
        } finally {
            thread.uncounted--;
        }
    }

    /**
     * @param reason FFmpeg's reason for a failure, e.g. "Invalid data found when processing input"
     * @param lines error lines FFmpeg logged while failing
     * @return the reason followed by the distinct lines in parentheses, e.g. "Invalid data found when
     *         processing input (moov atom not found)"
     */
    static String fold(String reason, List<String> lines) {
        List<String> distinct = new ArrayList<>();
        for (String l : lines) {
            String text = l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
            if (!distinct.contains(text) && !text.equalsIgnoreCase(reason)) {
                distinct.add(text);
            }
        }
        if (distinct.size() > 3) {
            distinct = distinct.subList(distinct.size() - 3, distinct.size());
        }
        return distinct.isEmpty() ? reason : reason + " (" + String.join("; ", distinct) + ")";
    }
}
