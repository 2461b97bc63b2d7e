package dev.scope.media;

import java.io.IOException;
import java.util.OptionalLong;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens video sources and sinks by name, as the command line and the UI name them.
 *
 * <p>Errors are split by whose they are. What the user named being wrong is a
 * {@link BadInputException} whose message is one plain line naming the input and what is expected
 * (FFmpeg's own reason folded in where FFmpeg refused it): a missing, empty, unreadable, damaged or
 * foreign file, a malformed spec, a size or rate past its limit, an output that cannot be created.
 * An {@link IOException} is the machine failing: FFmpeg cannot be loaded, no H.264 encoder opens,
 * a disk fills up, memory runs out. Neither message carries an exception class name. FFmpeg's own
 * log never reaches stderr: its lines go to the {@code System.Logger} {@code dev.scope.media.ffmpeg}
 * at DEBUG.
 *
 * <p>Frames are at most {@link Frame#MAX_SIDE} pixels on a side on every path: larger test
 * patterns, videos, images and webcams are refused at opening.
 *
 * <p>Every frame a source returns comes from the platform's frame pool (the
 * {@link dev.scope.pipeline.api.FrameAllocator} service) and is a handle the caller owns and
 * releases; a sink reads the frames it is shown and keeps none beyond the call (the preview tap
 * retains its own).
 *
 * <p>Thread-safe; every source and sink it returns is used by one thread at a time.
 */
@ProviderType
public interface MediaService {

    /**
     * Opens a source.
     *
     * @param spec a video file ({@code .mp4 .mov .mkv .webm}), an image file ({@code .png .jpg
     *        .jpeg}), {@code testsrc:WIDTHxHEIGHT@FPS} (the moving {@link TestPattern}), or
     *        {@code webcam} / {@code webcam:/dev/videoN} (V4L2)
     * @param loop for video files: start again at the end instead of ending; images and the test
     *        pattern never end
     * @return the open source, owned by the caller. A video file's source checks its first pass
     *         against its container: once {@link FrameSource#next()} returned {@code null},
     *         {@link FrameSource#damage()} says when fewer frames could be read than the container
     *         promises (see {@link #framesPromised}) or FFmpeg reported errors while decoding it,
     *         e.g. {@code clip.mp4 is damaged: 6 of the 60 frames its container promises could be
     *         read}. A file cut short before its index fails here instead.
     * @throws BadInputException naming the spec and what was expected: a missing, empty,
     *         unreadable or damaged file, one that is no video or image FFmpeg can read, an unknown
     *         extension, no webcam, a malformed testsrc spec, a size ({@code testsrc}, video, image,
     *         webcam) past {@link Frame#MAX_SIDE} or a testsrc rate outside
     *         {@code SessionSpec.MIN_FRAME_RATE..MAX_FRAME_RATE}
     * @throws IOException when the machine fails: FFmpeg cannot be loaded, out of memory, a read error
     */
    FrameSource openSource(String spec, boolean loop) throws IOException;

    /**
     * How many frames the container of a video file promises: its video stream's frame count
     * where it states one, else its duration times its average frame rate, rounded.
     * {@link FrameSource#damage()} reports a pass that is short of it by more than 2 frames or 1 %,
     * whichever is more.
     *
     * @param source a source this service opened
     * @return the promise, or empty for a container that states neither, and for sources that are
     *         no video file
     * @since 1.2
     */
    OptionalLong framesPromised(FrameSource source);

    /**
     * Opens a sink.
     *
     * @param target a path ending in {@code .mp4} (an H.264 recording with the best encoder
     *        available) or a directory (a PNG sequence {@code frame_00000.png ...})
     * @return the open sink, owned by the caller
     * @throws BadInputException when the target is no such path, is an existing file that is not an
     *         {@code .mp4}, or cannot be created (a missing or read-only directory, no permission)
     * @throws IOException when the machine fails: FFmpeg cannot be loaded, no H.264 encoder opens
     */
    FrameSink openSink(String target) throws IOException;

    /** @return a new sink that keeps only the latest frame, for previews */
    PreviewTap previewTap();
}
