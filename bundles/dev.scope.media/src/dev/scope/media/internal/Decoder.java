package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One FFmpeg input (a file or a V4L2 device) decoded into RGBA8 frames. The grabber runs in raw
 * mode and {@link RgbaConverter} converts each picture straight into its frame. Pictures are at
 * most {@link Frame#MAX_SIDE} on a side: a larger input is refused at opening. Used by one thread
 * at a time.
 */
final class Decoder implements AutoCloseable {

    /** The end of the message for a picture past the size limit. */
    static final String SIZE_LIMIT = "frames are at most " + Frame.MAX_SIDE + " pixels on each side";

    private final FFmpegFrameGrabber grabber;
    private final String name;
    private final FrameAllocator frames;
    private final RgbaConverter rgba = new RgbaConverter();

    private Decoder(FFmpegFrameGrabber grabber, String name, FrameAllocator frames) {
        this.grabber = grabber;
        this.name = name;
        this.frames = frames;
    }

    /**
     * Opens an input and checks that it has a video stream whose pictures are within the size limit.
     *
     * @param frames where the decoded frames come from
     * @param log FFmpeg's log, whose error lines of this thread are folded into the message of a failure
     * @param input the file or device path
     * @param format the FFmpeg input format ({@code "v4l2"}), or {@code null} to probe
     * @param name the input as the user named it, for messages
     * @param failure the start of the message when it cannot be opened, e.g. "x.mp4 is not a video
     *        file FFmpeg can read"; FFmpeg's reason follows
     * @return the open decoder, owned by the caller
     * @throws BadInputException when FFmpeg cannot read it, it has no video stream or its pictures are too large
     * @throws IOException when the machine fails (out of memory, a read error)
     */
    static Decoder open(FrameAllocator frames, FfmpegLog log, String input, String format, String name, String failure) throws IOException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        if (format != null) {
            grabber.setFormat(format);
        }
        log.forgetRecent();
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            String message = failure + ": " + FfmpegLog.fold(Ffmpeg.reason(e), log.recentErrors());
            if (Ffmpeg.machineFailure(e)) {
                throw new IOException(message, e);
            }
            throw new BadInputException(message, e);
        }
        if (!grabber.hasVideo()) {
            release(grabber);
            throw new BadInputException(failure + ": it has no video stream");
        }
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        if (width < 1 || height < 1) {
            release(grabber);
            throw new BadInputException(failure + ": FFmpeg finds no picture size in it");
        }
        if (width > Frame.MAX_SIDE || height > Frame.MAX_SIDE) {
            release(grabber);
            throw new BadInputException(name + " is " + width + "x" + height + "; " + SIZE_LIMIT);
        }
        return new Decoder(grabber, name, frames);
    }

    /**
     * @return how many frames the container promises: the video stream's frame count where it
     *         states one, else its duration times its average rate, rounded; -1 when it says neither
     */
    long framesPromised() {
        AVStream stream = videoStream();
        if (stream == null) {
            return -1;
        }
        if (stream.nb_frames() > 0) {
            return stream.nb_frames();
        }
        double seconds = -1;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            seconds = stream.duration() * av_q2d(stream.time_base());
        } else {
            AVFormatContext format = grabber.getFormatContext();
            if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
                seconds = format.duration() / (double) AV_TIME_BASE;
            }
        }
        double rate = rate(stream.avg_frame_rate());
        if (!(rate > 0)) {
            rate = rate(stream.r_frame_rate());
        }
        return seconds > 0 && rate > 0 ? Math.round(seconds * rate) : -1;
    }

    /** @return whether {@link #framesPromised()} is the container's own count, not an estimate */
    boolean promiseCounted() {
        AVStream stream = videoStream();
        return stream != null && stream.nb_frames() > 0;
    }

    private static double rate(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? av_q2d(r) : 0;
    }

    /** @return the stream the grabber decodes: the first video stream with a known codec */
    private AVStream videoStream() {
        AVFormatContext format = grabber.getFormatContext();
        for (int i = 0; format != null && i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            AVCodecParameters parameters = stream.codecpar();
            if (parameters.codec_type() == AVMEDIA_TYPE_VIDEO && parameters.codec_id() != AV_CODEC_ID_NONE) {
                return stream;
            }
        }
        return null;
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
        if (picture.width() > Frame.MAX_SIDE || picture.height() > Frame.MAX_SIDE) {
            throw new BadInputException(name + " changes to " + picture.width() + "x" + picture.height() + "; "
                    + SIZE_LIMIT);
        }
        return new TimedFrame(rgba.convert(picture, frames), grabbed.timestamp);
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
