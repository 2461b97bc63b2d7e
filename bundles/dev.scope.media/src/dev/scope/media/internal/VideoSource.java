package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;

import dev.scope.engine.api.TimedFrame;

/**
 * A video file or a V4L2 webcam. Presentation times are the stream's, moved so the first frame
 * is at 0, and kept strictly increasing; a looping file goes on after its last frame with the
 * times of the next pass continuing where the last one ended (one frame later).
 *
 * <p>{@link #close()} from another thread waits for a frame being read to arrive.
 */
final class VideoSource extends FixedFormatSource {

    private static final long NONE = Long.MIN_VALUE;

    private final Decoder decoder;
    private final boolean loop;
    private final boolean live;
    private final Object lock = new Object();

    private boolean closed;
    private long passStart = NONE;
    private long offset;
    private long lastPts = -1;
    private long framesThisPass;

    private VideoSource(Decoder decoder, String description, boolean loop, boolean live) {
        super(description, decoder.width(), decoder.height(), decoder.frameRate());
        this.decoder = decoder;
        this.loop = loop;
        this.live = live;
    }

    @Override
    public boolean endless() {
        return loop || live;
    }

    /**
     * @param file an existing, readable video file
     * @param loop whether to start again at the end
     * @return the open source, owned by the caller
     * @throws IOException when FFmpeg cannot read it or it has no video stream
     */
    static VideoSource openFile(Path file, boolean loop) throws IOException {
        Decoder decoder = Decoder.open(file.toString(), null, file.toString(),
                file + " is not a video file FFmpeg can read (expected " + MediaServiceImpl.VIDEO_FILES + ")");
        String description = file.getFileName() + " (" + decoder.codec() + " " + decoder.width() + "x"
                + decoder.height() + "@" + Rates.format(decoder.frameRate()) + (loop ? ", looping)" : ")");
        return new VideoSource(decoder, description, loop, false);
    }

    /**
     * @param device an existing V4L2 device, e.g. {@code /dev/video0}
     * @return the open source, owned by the caller
     * @throws IOException when the device cannot be opened as a camera
     */
    static VideoSource openWebcam(String device) throws IOException {
        Decoder decoder = Decoder.open(device, "v4l2", device, "cannot open the webcam " + device);
        String description = "webcam " + device + " (" + decoder.width() + "x" + decoder.height() + "@"
                + Rates.format(decoder.frameRate()) + ")";
        return new VideoSource(decoder, description, false, true);
    }

    @Override
    public TimedFrame next() throws IOException {
        synchronized (lock) {
            while (!closed) {
                TimedFrame decoded = decoder.next();
                if (decoded != null) {
                    return new TimedFrame(decoded.frame(), pts(decoded.ptsMicros()));
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
