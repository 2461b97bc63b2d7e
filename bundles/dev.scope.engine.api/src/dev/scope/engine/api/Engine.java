package dev.scope.engine.api;

import java.util.Optional;

import dev.scope.pipeline.api.FrameAllocator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds and runs chains of pipelines. Pipeline instances are created here with their load
 * parameters and closed here, never by Declarative Services.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface Engine {

    /**
     * Validates a chain, loads one instance per stage and returns it ready to run.
     *
     * @param spec the chain
     * @return the open chain; the caller must close it
     * @throws UnknownPipelineException for an id no bundle publishes
     * @throws ChainException for a chain that cannot run (wrong usage, unsupported mode,
     *         a degraded pipeline)
     * @throws IllegalArgumentException for an invalid parameter (unknown, wrong type, out of
     *         range), naming it and what is allowed
     * @throws PipelineLoadException when a pipeline's factory fails
     */
    Chain open(ChainSpec spec);

    /**
     * Opens a chain and starts streaming through it: a source thread reads (and in real-time
     * mode paces) frames into a bounded queue, a processing thread runs the chain, a sink thread
     * writes the outputs. The session ends by itself when the source ends or the duration is
     * reached.
     *
     * @param spec what to run
     * @return the running session; the caller must close it
     * @throws IllegalArgumentException as {@link #open}, or when the chain's mode and the
     *         presence of a source do not match (video mode needs a source, text mode takes none)
     * @since 1.1
     */
    Session start(SessionSpec spec);

    /**
     * @return where the engine's frames come from: the pool every stage, source and sink of it
     *         shares (sources and test patterns allocate here)
     * @since 3.0
     */
    FrameAllocator frames();

    /**
     * @return the engine's counters: the frame pool, abandoned calls
     * @since 3.0
     */
    EngineStats stats();

    /**
     * @return the OpenCL device the engine places stages on now, or empty when there is none (no
     *         OpenCL loader or driver, or {@code scope.gpu.device=none}): then every stage runs in
     *         Java. The device can come and go at run time; {@link PipelineRegistry#addListener}
     *         listeners are told when it does.
     * @since 3.1
     */
    Optional<DeviceInfo> device();

    /**
     * Says whether a pipeline's {@code estimated_vram_gb} ({@link PipelineInfo#estimatedVramGb()})
     * exceeds the memory of the device in use ({@link #device()}), in one line that front ends
     * show as it is (the command line after {@code "scope: warning: "}, the workbench beside the
     * pipeline), so that they all warn the same way. Both amounts count Scope's gigabytes of
     * 2^30 bytes.
     *
     * @param pipeline a pipeline of the registry
     * @return the warning, e.g. {@code pipeline 'big' estimates 24 GB of GPU memory
     *         (estimated_vram_gb), more than the 8.0 GB of the OpenCL device in use (NAME)};
     *         empty when the pipeline gives no estimate, the estimate fits, or there is no device
     * @since 3.1
     */
    Optional<String> vramWarning(PipelineInfo pipeline);

    /**
     * Swaps a plugin's running pipelines to another installed version of it, side by side: for
     * every stage that runs a pipeline of bundle {@code fromBundleId}, an instance of the same
     * pipeline of bundle {@code toBundleId} is built now, on the caller's thread, with the stage's
     * load and runtime values (those the new version's parameters accept; the others take its
     * defaults and are reported), and replaces the old one between two frames. The frames a stage
     * holds for its next batch are handed to the new instance; none is lost. The old instance is
     * closed at the swap; its bundle may be uninstalled as soon as this returns.
     *
     * @param fromBundleId the bundle the stages run now
     * @param toBundleId the bundle of the new version, started
     * @return what was swapped; nothing when no stage runs the plugin
     * @throws PipelineLoadException when a new instance could not be built (its factory threw, its
     *         schema is invalid, its service failed to activate): nothing changed then, the old
     *         version keeps running
     * @since 3.2
     */
    PluginSwap swapPlugin(long fromBundleId, long toBundleId);
}
