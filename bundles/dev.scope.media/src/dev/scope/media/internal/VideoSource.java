package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * A video file or a V4L2 webcam. Presentation times are the stream's, moved so the first frame
 * is at 0, and kept strictly increasing; a looping file goes on after its last frame with the
 * times of the next pass continuing where the last one ended (one frame later).
 *
 * <p>A file's first pass is checked against what its container promises: the frames read against
 * {@link Decoder#framesPromised()} (short by more than the tolerance, {@value #TOLERANCE_FRAMES}
 * frames or {@value #TOLERANCE_PERCENT} % of the promise, whichever is more: an edit list or a
 * decoder's delay may drop a frame or two of a whole file), and the error lines FFmpeg logged
 * while it was read (decoders log from their own threads, so the errors of any thread between two
 * reads count; another file decoded in the same process at the same time would add its own).
 * {@link #damage()} reports either once the pass ended.
 *
 * <p>{@link #close()} from another thread waits for a frame being read to arrive.
 */
final class VideoSource extends FixedFormatSource {

    static final int TOLERANCE_FRAMES = 2;
    static final int TOLERANCE_PERCENT = 1;

    private static final long NONE = Long.MIN_VALUE;

    private final Decoder decoder;
    private final FfmpegLog log;
    private final String name;
    private final boolean loop;
    private final boolean live;
    private final long promised;
    private final boolean promiseCounted;
    private final Object lock = new Object();

    private boolean closed;
    private long passStart = NONE;
    private long offset;
    private long lastPts = -1;
    private long framesThisPass;
    // the first pass of a file, for damage()
    private boolean firstPass;
    private long framesRead;
    private long errorsSeen;
    private long decodeErrors;
    private String firstDecodeError;
    private volatile String damage;

    private VideoSource(Decoder decoder, FfmpegLog log, long errorsBefore, String name, String description,
            boolean loop, boolean live) {
        super(description, decoder.width(), decoder.height(), decoder.frameRate());
        this.decoder = decoder;
        this.log = log;
        this.name = name;
        this.loop = loop;
        this.live = live;
        this.promised = live ? -1 : decoder.framesPromised();
        this.promiseCounted = decoder.promiseCounted();
        this.errorsSeen = errorsBefore;
        this.firstPass = !live;
        if (firstPass) {
            countErrors(); // what FFmpeg reported while it probed the first frames
        }
    }

    @Override
    public boolean endless() {
        return loop || live;
    }

    /**
     * @param frames where the decoded frames come from
     * @param log FFmpeg's log
     * @param file an existing, readable, non-empty video file
     * @param loop whether to start again at the end
     * @return the open source, owned by the caller
     * @throws BadInputException when FFmpeg cannot read it, it has no video stream, or its pictures are too large
     * @throws IOException when the machine fails
     */
    static VideoSource openFile(FrameAllocator frames, FfmpegLog log, Path file, boolean loop) throws IOException {
        long errorsBefore = log.errorCount();
        Decoder decoder = Decoder.open(frames, log, file.toString(), null, file.toString(),
                file + " is not a video file FFmpeg can read");
        String description = file.getFileName() + " (" + decoder.codec() + " " + decoder.width() + "x"
                + decoder.height() + "@" + Rates.format(decoder.frameRate()) + (loop ? ", looping)" : ")");
        return new VideoSource(decoder, log, errorsBefore, file.toString(), description, loop, false);
    }

    /**
     * @param frames where the decoded frames come from
     * @param log FFmpeg's log
     * @param device an existing V4L2 device, e.g. {@code /dev/video0}
     * @return the open source, owned by the caller
     * @throws BadInputException when the device cannot be opened as a camera or gives pictures too large
     * @throws IOException when the machine fails
     */
    static VideoSource openWebcam(FrameAllocator frames, FfmpegLog log, String device) throws IOException {
        Decoder decoder = Decoder.open(frames, log, device, "v4l2", "the webcam " + device, "cannot open the webcam " + device);
        String description = "webcam " + device + " (" + decoder.width() + "x" + decoder.height() + "@"
                + Rates.format(decoder.frameRate()) + ")";
        return new VideoSource(decoder, log, log.errorCount(), device, description, false, true);
    }

    /** @return the frames the file's container promises, or -1: unknown, or a webcam */
    long framesPromised() {
        return promised;
    }

    @Override
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    @Override
    public TimedFrame next() throws IOException {
        synchronized (lock) {
            while (!closed) {
                TimedFrame decoded = decoder.next();
                if (firstPass) {
                    countErrors();
                }
                if (decoded != null) {
                    if (firstPass) {
                        framesRead++;
                    }
                    return new TimedFrame(decoded.frame(), pts(decoded.ptsMicros()));
                }
                if (firstPass) {
                    firstPass = false;
                    damage = judge();
                }
                if (!loop || framesThisPass == 0) {
                    return null;
                }
                decoder.rewind();
                offset = lastPts + Rates.pts(1, frameRate());
                passStart = NONE;
                framesThisPass = 0;
            }
            return null;
        }
    }

    private void countErrors() {
        long errors = log.errorCount();
        if (errors > errorsSeen) {
            decodeErrors += errors - errorsSeen;
            if (firstDecodeError == null) {
                firstDecodeError = log.lastError();
            }
            errorsSeen = errors;
        }
    }

    /** @return what is wrong with the pass that just ended, or {@code null} when it was whole */
    private String judge() {
        return verdict(name, framesRead, promised, promiseCounted, decodeErrors, firstDecodeError);
    }

    /**
     * @param name the input as the user named it
     * @param read frames read
     * @param promised frames the container promises, or -1
     * @param counted whether the promise is the container's count (else an estimate)
     * @param errors error lines FFmpeg logged while the input was read
     * @param firstError the first of them, or {@code null}
     * @return the damage line, or {@code null} for a whole input
     */
    static String verdict(String name, long read, long promised, boolean counted, long errors, String firstError) {
        long tolerance = Math.max(TOLERANCE_FRAMES, promised * TOLERANCE_PERCENT / 100);
        String reported = errors == 0 ? "" : "FFmpeg reported " + errors + (errors == 1 ? " error" : " errors")
                + " while decoding it";
        String first = firstError == null ? "" : " (" + firstError + ")";
        if (promised > 0 && read + tolerance < promised) {
            return name + " is damaged: " + read + " of " + (counted ? "the " : "about ") + promised
                    + " frames its container promises could be read" + (reported.isEmpty() ? "" : "; " + reported)
                    + first;
        }
        if (errors > 0) {
            return name + " is damaged: " + reported + first + "; " + read + (read == 1 ? " frame" : " frames") + " read";
        }
        return null;
    }

    private long pts(long streamMicros) {
        if (passStart == NONE) {
            passStart = streamMicros;
        }
        long pts = Math.max(offset + streamMicros - passStart, lastPts + 1);
        lastPts = pts;
        framesThisPass++;
        return pts;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                decoder.close();
            }
        }
    }
}
