/**
 * The platform's side of the frame contract of {@code dev.scope.pipeline.api}: the bounded pool
 * of host frame memory ({@link dev.scope.frames.FramePool}), reference-counted host frame handles,
 * the borrowed read-only views stages receive, direct access to a host frame's memory for the
 * platform's sources, sinks and device transfers ({@link dev.scope.frames.FrameAccess}), the
 * implementation of the pixel helpers ({@link dev.scope.frames.PlatformPixels}), float frame
 * conversion, and a call context for running a pipeline outside the engine
 * ({@link dev.scope.frames.StandaloneContext}). No static state: every pool and helper is an
 * instance its owner creates.
 *
 * <p>For the platform's bundles (engine, media, GPU, tests, the SDK's harness); plugins use only
 * {@code dev.scope.pipeline.api}.
 */
@Export
@Version("1.1.0")
package dev.scope.frames;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
