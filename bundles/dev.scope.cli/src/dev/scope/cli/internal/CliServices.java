package dev.scope.cli.internal;

import java.util.function.Supplier;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;

/**
 * The services the commands use. Media is looked up only by the commands that need it, so the
 * others work even when video support cannot start.
 */
record CliServices(PipelineRegistry registry, Engine engine, PluginManager plugins, Supplier<MediaService> media) {
}
