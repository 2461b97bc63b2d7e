/**
 * Turns a pipeline's config class into Scope's schema JSON and checks parameter values against
 * it.
 *
 * <p>{@link dev.scope.schema.ConfigModel#of(Class)} introspects a subclass of
 * {@link dev.scope.pipeline.api.BasePipelineConfig} once; the model then produces the exact
 * {@code get_schema_with_metadata()} tree of Daydream Scope, validates and normalizes parameter
 * maps from the API, the CLI and state files, and creates config objects holding load
 * parameters. {@link dev.scope.schema.Json} reads and writes those trees as JSON text.
 *
 * <p>Trees are plain Java values: {@link java.util.Map} (insertion-ordered), {@link java.util.List},
 * {@link String}, {@link Integer}/{@link Long} for JSON integers, {@link Double} for JSON numbers,
 * {@link Boolean} and {@code null}. No JSON library type appears in this package.
 */
@Export
@Version("1.2.0")
package dev.scope.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
