/**
 * The plugin contract of Scope Workbench: what a pipeline author writes against.
 *
 * <p>A plugin is an OSGi bundle that publishes one {@link dev.scope.pipeline.api.PipelineFactory}
 * service per pipeline (whiteboard pattern, usually a Declarative Services {@code @Component}).
 * The factory names a config class (a subclass of {@link dev.scope.pipeline.api.BasePipelineConfig}
 * annotated with {@link dev.scope.pipeline.api.PipelineConfig}) whose annotated fields are the
 * pipeline's parameters; the engine turns it into Scope's schema JSON, validates parameters
 * against it, and creates {@link dev.scope.pipeline.api.Pipeline} instances with the load
 * parameters. Runtime parameters arrive as {@link dev.scope.pipeline.api.Params} on every call.
 *
 * <p>This package depends on the JDK only. It is semantically versioned: a minor version adds,
 * a major version breaks.
 */
@Export
@Version("1.3.0")
package dev.scope.pipeline.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
