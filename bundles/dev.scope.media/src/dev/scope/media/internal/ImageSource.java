package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.Frame;

/** A still image repeated at {@value #FRAME_RATE} frames per second; never ends. */
final class ImageSource implements FrameSource {

    /** The rate of a still image, and of a video that declares none. */
    static final double FRAME_RATE = 30;

    private final String description;
    private final Frame image;
    private long next;
    private volatile boolean closed;

    private ImageSource(String description, Frame image) {
        this.description = description;
        this.image = image;
    }

    /**
     * @param file an existing, readable PNG or JPEG file
     * @return the source, owned by the caller
     * @throws IOException when FFmpeg cannot decode a picture from it
     */
    static ImageSource open(Path file) throws IOException {
        String failure = file + " is not an image FFmpeg can read (expected " + MediaServiceImpl.IMAGE_FILES + ")";
        try (Decoder decoder = Decoder.open(file.toString(), null, file.toString(), failure)) {
            TimedFrame first = decoder.next();
            if (first == null) {
                throw new IOException(failure + ": no picture could be decoded");
            }
            Frame image = first.frame();
            return new ImageSource(file.getFileName() + " (" + image.width() + "x" + image.height()
                    + " still image@" + Rates.format(FRAME_RATE) + ")", image);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double frameRate() {
        return FRAME_RATE;
    }

    @Override
    public int width() {
        return image.width();
    }

    @Override
    public int height() {
        return image.height();
    }

    @Override
    public TimedFrame next() {
        if (closed) {
            return null;
        }
        long n = next++;
        return new TimedFrame(Frame.copyOf(image), Rates.pts(n, FRAME_RATE));
    }

    @Override
    public void close() {
        closed = true;
    }
}
