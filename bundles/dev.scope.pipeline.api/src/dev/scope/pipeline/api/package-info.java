/**
 * The plugin contract of Scope Workbench: what a pipeline author writes against.
 *
 * <p>A plugin is an OSGi bundle that publishes one {@link dev.scope.pipeline.api.PipelineFactory}
 * service per pipeline (whiteboard pattern, usually a Declarative Services {@code @Component}).
 * The factory names a config class (a subclass of {@link dev.scope.pipeline.api.BasePipelineConfig}
 * annotated with {@link dev.scope.pipeline.api.PipelineConfig}) whose annotated fields are the
 * pipeline's parameters, declared once with their defaults; the engine turns it into Scope's
 * schema JSON, validates values against it, creates {@link dev.scope.pipeline.api.Pipeline}
 * instances with the load parameters, and passes the runtime parameters to every call as a typed
 * instance of the same class. What the runtime adds to a call is in its
 * {@link dev.scope.pipeline.api.CallContext}, with the platform's services: frames
 * ({@link dev.scope.pipeline.api.FrameAllocator}), fast per-pixel work
 * ({@link dev.scope.pipeline.api.PixelOps}) and the device the stage was placed on. Most effects
 * are a {@link dev.scope.pipeline.api.FrameEffect}.
 *
 * <p>Frames follow one rule: every handle holds a reference and whoever holds a handle releases
 * it (see {@link dev.scope.pipeline.api.Frame}). Nothing here holds static state.
 *
 * <p>This package depends on the JDK only. It is semantically versioned: a minor version adds,
 * a major version breaks. 2.0 replaced 1.x's string-keyed {@code Params}, static
 * {@code Frame.allocate} and buffer views of frames.
 */
@Export
@Version("2.1.0")
package dev.scope.pipeline.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
