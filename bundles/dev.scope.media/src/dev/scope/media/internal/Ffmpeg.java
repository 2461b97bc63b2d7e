package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_callback;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.Callback_Pointer_int_BytePointer_Pointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * FFmpeg as this bundle uses it: loaded on first use (JavaCPP extracts the natives to
 * {@code ~/.javacpp/cache} then) with its log routed through {@link FfmpegLog} (FFmpeg never writes
 * to stderr itself), readable error texts, and the H.264 encoders that open on this machine. One
 * instance per component; thread-safe. FFmpeg's log callback is process-wide: {@link #close()}
 * silences it again.
 */
final class Ffmpeg {

    /**
     * H.264 encoders by preference: x264 (only in GPL builds), the hardware encoders, then
     * OpenH264, which the LGPL build has.
     */
    static final List<String> H264_PREFERENCE =
            List.of("libx264", "h264_nvenc", "h264_qsv", "h264_vaapi", "h264_v4l2m2m", "libopenh264");

    /** System libraries FFmpeg's natives link against, and the Debian package of each. */
    private static final Map<String, String> SYSTEM_LIBRARIES = Map.of(
            "libpulse.so.0", "libpulse0",
            "libasound.so.2", "libasound2",
            "libxcb.so.1", "libxcb1",
            "libxcb-shm.so.0", "libxcb-shm0");

    /** {@code AVERROR(ENOMEM)} and {@code AVERROR(EIO)} on Linux. */
    private static final int AVERROR_ENOMEM = -12;
    private static final int AVERROR_EIO = -5;

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern MISSING_LIBRARY = Pattern.compile("([\\w.+-]+\\.so[.\\d]*): cannot open shared object file");

    private boolean loaded;
    private IOException loadFailure;
    private List<String> h264Encoders;
    private FfmpegLog log;

    /**
     * Loads the FFmpeg natives once.
     *
     * @throws IOException saying why they cannot be loaded (again on every later call)
     */
    synchronized void load() throws IOException {
        if (loaded) {
            return;
        }
        if (loadFailure == null) {
            try {
                FFmpegFrameGrabber.tryLoad();
                FFmpegFrameRecorder.tryLoad();
                log = new FfmpegLog();
                av_log_set_level(AV_LOG_WARNING); // FfmpegLog drops warnings unless debug logging is on
                setLogCallback(log);
                loaded = true;
                return;
            } catch (Exception | LinkageError e) {
                loadFailure = new IOException(loadFailureMessage(e), e);
            }
        }
        throw new IOException(loadFailure.getMessage(), loadFailure.getCause());
    }

    /**
     * @return FFmpeg's log, once {@link #load()} succeeded
     * @throws IllegalStateException before
     */
    synchronized FfmpegLog log() {
        if (log == null) {
            throw new IllegalStateException("FFmpeg is not loaded");
        }
        return log;
    }

    /**
     * @return the names of the H.264 encoders that open here, best first; probed once
     * @throws IOException when FFmpeg cannot be loaded
     */
    synchronized List<String> h264Encoders() throws IOException {
        load();
        if (h264Encoders == null) {
            // a missing GPU driver is expected, not an error
            h264Encoders = log.uncounted(() -> H264_PREFERENCE.stream().filter(Ffmpeg::opens).toList());
        }
        return h264Encoders;
    }

    /**
     * Takes the log callback out of FFmpeg (a null callback: FFmpeg then logs nothing) and frees
     * it. Called when the component goes, after its sources and sinks are closed.
     */
    synchronized void close() {
        if (log != null) {
            av_log_set_callback((Callback_Pointer_int_BytePointer_Pointer) null);
            log.close();
            log = null;
            loaded = false;
        }
    }

    private static boolean opens(String encoder) {
        AVCodec codec = avcodec_find_encoder_by_name(encoder);
        if (codec == null) {
            return false;
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        if (context == null) {
            return false;
        }
        try {
            context.width(320).height(240).pix_fmt(AV_PIX_FMT_YUV420P).bit_rate(1_000_000)
                    .time_base(av_make_q(1, 30)).framerate(av_make_q(30, 1));
            return avcodec_open2(context, codec, (AVDictionary) null) >= 0;
        } finally {
            avcodec_free_context(context);
        }
    }

    /**
     * @param e an exception from JavaCV
     * @return what went wrong, in FFmpeg's words where the message carries an FFmpeg error code
     */
    static String reason(Exception e) {
        String message = String.valueOf(e.getMessage())
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
        Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            byte[] text = new byte[256];
            if (av_strerror(Integer.parseInt(code.group(1)), text, text.length) == 0) {
                int end = 0;
                while (end < text.length && text[end] != 0) {
                    end++;
                }
                return new String(text, 0, end, StandardCharsets.UTF_8);
            }
        }
        return message;
    }

    /**
     * @param e an exception from JavaCV
     * @return whether FFmpeg's error code says the machine failed (out of memory, an I/O error)
     *         rather than the input
     */
    static boolean machineFailure(Exception e) {
        Matcher code = ERROR_CODE.matcher(String.valueOf(e.getMessage()));
        if (!code.find()) {
            return false;
        }
        int error = Integer.parseInt(code.group(1));
        return error == AVERROR_ENOMEM || error == AVERROR_EIO;
    }

    private static String loadFailureMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String detail = String.valueOf(root.getMessage());
        Matcher missing = MISSING_LIBRARY.matcher(detail);
        if (missing.find()) {
            String library = missing.group(1);
            String hint = SYSTEM_LIBRARIES.containsKey(library)
                    ? " (Debian/Ubuntu: apt-get install " + SYSTEM_LIBRARIES.get(library) + ")" : "";
            return "FFmpeg cannot be loaded: the system library " + library + " is missing" + hint;
        }
        return "FFmpeg cannot be loaded (expected its linux-x86_64 natives in the bundle"
                + " org.bytedeco.ffmpeg.linux-x86_64): " + detail;
    }
}
