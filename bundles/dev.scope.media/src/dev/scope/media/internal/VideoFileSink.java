package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.Frame;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Records frames into a video file with FFmpeg. The encoder opens at the first frame, with that
 * frame's size and the frame rate passed with it as the stream's rate; the first encoder of the
 * list that opens is used. Each frame is placed at index {@code round((pts - first pts) * rate /
 * 1e6)}; a frame whose index is not after the previous one's takes the next index, so no frame is
 * dropped and the stream's rate stays the declared one. Frames go to swscale as RGB0 (the padding
 * byte is ignored) straight from their memory when it is direct and its rows are whole swscale
 * blocks, else through a padded copy. FFmpeg's errors while encoding are folded into the failure
 * messages and not counted as a decoder's (see {@link FfmpegLog#uncounted}). Sizes up to
 * {@link Frame#MAX_SIDE} on a side are within every buffer's reach; whether an encoder takes such a
 * size is the encoder's to say. Used by one thread.
 */
final class VideoFileSink implements FrameSink {

    /** OpenH264 refuses larger frames (H.264 level 5.2's limit); told here rather than in its log's words. */
    static final int OPENH264_MAX_MACROBLOCKS = 36864;

    private final FfmpegLog log;
    private final Path file;
    private final String format;
    private final String codec;
    private final List<String> encoders;

    private final Map<String, String> muxerOptions = new LinkedHashMap<>();

    private FFmpegFrameRecorder recorder;
    private String encoder;
    private int width;
    private int height;
    private double rate;
    private long firstPts;
    private long lastIndex = -1;
    private ByteBuffer scratch;
    private final HostPixels host = new HostPixels();
    private boolean closed;

    /**
     * @param log FFmpeg's log
     * @param file the file to write; its directory exists
     * @param format FFmpeg's muxer name: {@code mp4}, {@code matroska}, {@code webm}, {@code mov}
     * @param codec the codec as {@link #description()} names it, e.g. {@code H.264}
     * @param encoders FFmpeg encoder names to try, best first; not empty
     */
    VideoFileSink(FfmpegLog log, Path file, String format, String codec, List<String> encoders) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("no encoder to record " + file + " with");
        }
        this.log = log;
        this.file = file;
        this.format = format;
        this.codec = codec;
        this.encoders = List.copyOf(encoders);
    }

    @Override
    public String description() {
        return file + " (" + codec + " via " + (encoder != null ? encoder : encoders.get(0)) + ")";
    }

    /**
     * Sets an option of FFmpeg's muxer, e.g. {@code movflags=faststart} (the index before the
     * data); before the first frame.
     */
    void muxerOption(String key, String value) {
        muxerOptions.put(key, value);
    }

    /** @return the encoder in use, or {@code null} before the first frame */
    String encoder() {
        return encoder;
    }

    @Override
    public void accept(TimedFrame timed, double frameRate) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + " is already closed");
        }
        Frame frame = timed.frame();
        if (recorder == null) {
            if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
                throw new IllegalArgumentException("frame rate must be above 0, was " + frameRate);
            }
            width = frame.width();
            height = frame.height();
            rate = frameRate;
            firstPts = timed.ptsMicros();
            recorder = start();
        } else if (frame.width() != width || frame.height() != height) {
            throw new IOException(file + ": a frame of " + frame.width() + "x" + frame.height()
                    + " arrived; the recording keeps the size of its first frame, " + width + "x" + height);
        }
        long index = Math.max(Rates.index(timed.ptsMicros() - firstPts, rate), lastIndex + 1);
        if (index > Integer.MAX_VALUE) {
            throw new IOException(file + ": frame index " + index + " is beyond what FFmpeg can number");
        }
        lastIndex = index;
        recorder.setFrameNumber((int) index);
        ByteBuffer pixels = host.read(frame);
        int stride = width * HostPixels.BYTES_PER_PIXEL;
        if (!pixels.isDirect() || width % RgbaConverter.BLOCK != 0) {
            pixels = padded(pixels);
            stride = RgbaConverter.paddedRow(width);
        }
        ByteBuffer image = pixels;
        int imageStride = stride;
        log.forgetRecent();
        try {
            log.uncounted(() -> recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE,
                    HostPixels.BYTES_PER_PIXEL, imageStride, AV_PIX_FMT_RGB0, image));
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": encoding a frame failed: "
                    + FfmpegLog.fold(Ffmpeg.reason(e), log.recentErrors()), e);
        }
    }

    private FFmpegFrameRecorder start() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String candidate : encoders) {
            if (candidate.equals("libopenh264") && macroblocks(width, height) > OPENH264_MAX_MACROBLOCKS) {
                failures.add("libopenh264 takes at most " + OPENH264_MAX_MACROBLOCKS + " macroblocks of 16x16 a frame"
                        + " (4096x2304 or 8192x1152), " + width + "x" + height + " has " + macroblocks(width, height));
                continue;
            }
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0);
            configure(r, candidate);
            log.forgetRecent();
            try {
                log.uncounted(() -> {
                    r.start();
                    return null;
                });
                encoder = candidate;
                return r;
            } catch (FrameRecorder.Exception e) {
                failures.add(candidate + ": " + FfmpegLog.fold(Ffmpeg.reason(e), log.recentErrors()));
                try {
                    r.release();
                } catch (FrameRecorder.Exception ignored) {
                    // the failed start released what it had opened
                }
            }
        }
        throw new IOException("cannot record " + file + " (" + width + "x" + height + "@" + Rates.format(rate)
                + "): no encoder opened (" + String.join("; ", failures) + ")");
    }

    private static long macroblocks(int width, int height) {
        return (long) ((width + 15) / 16) * ((height + 15) / 16);
    }

    private void configure(FFmpegFrameRecorder r, String candidate) {
        r.setFormat(format);
        muxerOptions.forEach(r::setOption);
        r.setVideoCodecName(candidate);
        r.setFrameRate(rate);
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setGopSize((int) Math.max(1, Math.round(rate * 2)));
        // about 0.15 bits per pixel: visually clean H.264 baseline at any size
        long bitrate = Math.round(width * (double) height * rate * 0.15);
        r.setVideoBitrate((int) Math.min(80_000_000, Math.max(1_000_000, bitrate)));
        switch (candidate) {
            case "libx264" -> {
                r.setVideoBitrate(0);
                r.setVideoOption("crf", "20");
                r.setVideoOption("preset", "veryfast");
            }
            case "h264_nvenc" -> r.setVideoOption("preset", "p4");
            case "libvpx", "libvpx-vp9" -> {
                r.setVideoOption("deadline", "realtime");
                r.setVideoOption("cpu-used", "8");
            }
            default -> {
                // bitrate control only
            }
        }
    }

    /** Copies the pixels into direct memory with rows padded to whole blocks, see {@link RgbaConverter}. */
    private ByteBuffer padded(ByteBuffer pixels) {
        int row = width * HostPixels.BYTES_PER_PIXEL;
        int stride = RgbaConverter.paddedRow(width);
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(stride * height);
        }
        for (int y = 0; y < height; y++) {
            scratch.put(y * stride, pixels, y * row, row);
        }
        return scratch;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (recorder != null) {
            log.forgetRecent();
            try {
                log.uncounted(() -> {
                    recorder.close();
                    return null;
                });
            } catch (Exception e) {
                throw new IOException(file + ": finishing the recording failed: "
                        + FfmpegLog.fold(Ffmpeg.reason(e), log.recentErrors()), e);
            }
        }
    }
}
