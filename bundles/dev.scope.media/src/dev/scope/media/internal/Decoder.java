package dev.scope.media.internal;

import java.io.IOException;

import dev.scope.engine.api.TimedFrame;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One FFmpeg input (a file or a V4L2 device) decoded into RGBA8 frames. The grabber runs in raw
 * mode and {@link RgbaConverter} converts each picture straight into its frame. Used by one
 * thread at a time.
 */
final class Decoder implements AutoCloseable {

    private final FFmpegFrameGrabber grabber;
    private final String name;
    private final RgbaConverter rgba = new RgbaConverter();

    private Decoder(FFmpegFrameGrabber grabber, String name) {
        this.grabber = grabber;
        this.name = name;
    }

    /**
     * Opens an input and checks that it has a video stream.
     *
     * @param input the file or device path
     * @param format the FFmpeg input format ({@code "v4l2"}), or {@code null} to probe
     * @param name the input as the user named it, for messages
     * @param failure the start of the message when it cannot be opened, e.g. "x.mp4 is not a video
     *        file FFmpeg can read"; FFmpeg's reason follows
     * @return the open decoder, owned by the caller
     * @throws IOException when it cannot be opened or has no video stream
     */
    static Decoder open(String input, String format, String name, String failure) throws IOException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        if (format != null) {
            grabber.setFormat(format);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw new IOException(failure + ": " + Ffmpeg.reason(e), e);
        }
        if (!grabber.hasVideo()) {
            release(grabber);
            throw new IOException(failure + ": it has no video stream");
        }
        return new Decoder(grabber, name);
    }

    /** @return the stream's frame rate, or {@value GeneratedSource#STILL_RATE} when it declares none */
    double frameRate() {
        double rate = grabber.getVideoFrameRate();
        return Double.isFinite(rate) && rate > 0 ? rate : GeneratedSource.STILL_RATE;
    }

    int width() {
        return grabber.getImageWidth();
    }

    int height() {
        return grabber.getImageHeight();
    }

    /** @return the decoder's name, e.g. {@code h264} */
    String codec() {
        return grabber.getVideoCodecName();
    }

    /**
     * @return the next picture with the stream's own timestamp in microseconds, or {@code null}
     *         at the end of the stream
     * @throws IOException when reading or converting fails
     */
    TimedFrame next() throws IOException {
        org.bytedeco.javacv.Frame grabbed;
        try {
            grabbed = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(name + ": reading a frame failed: " + Ffmpeg.reason(e), e);
        }
        if (grabbed == null || !(grabbed.opaque instanceof AVFrame picture)) {
            return null;
        }
        return new TimedFrame(rgba.convert(picture), grabbed.timestamp);
    }

    /** Starts again from the beginning (reopens the input). */
    void rewind() throws IOException {
        try {
            grabber.restart();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(name + ": starting again from the beginning failed: " + Ffmpeg.reason(e), e);
        }
    }

    @Override
    public void close() {
        release(grabber);
        rgba.close();
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // nothing is left to read from a grabber that fails to release; FFmpeg has freed what it could
        }
    }
}
