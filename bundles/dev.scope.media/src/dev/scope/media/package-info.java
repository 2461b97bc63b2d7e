/**
 * Video sources and sinks: the {@link dev.scope.media.MediaService} (video files, images, the
 * generated test pattern and webcams in; MP4 recordings, PNG sequences and a preview tap out), the
 * {@link dev.scope.media.TestPattern} itself and PNG frame files.
 *
 * <p>2.0: frames come from the platform's pool (a {@link dev.scope.pipeline.api.FrameAllocator}
 * is passed to {@code TestPattern.frame} and {@code Png.read}), and the preview tap hands out
 * handles its caller releases.
 */
@Export
@Version("2.1.0")
package dev.scope.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
