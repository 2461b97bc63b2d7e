/**
 * Video sources and sinks: the generated test pattern and PNG frame files.
 */
@Export
@Version("1.1.0")
package dev.scope.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
