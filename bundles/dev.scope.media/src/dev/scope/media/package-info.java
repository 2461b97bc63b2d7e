/**
 * Video sources and sinks: the {@link dev.scope.media.MediaService} (video files, images, the
 * generated test pattern and webcams in; MP4 recordings, PNG sequences and a preview tap out), the
 * {@link dev.scope.media.TestPattern} itself and PNG frame files.
 */
@Export
@Version("1.2.0")
package dev.scope.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
