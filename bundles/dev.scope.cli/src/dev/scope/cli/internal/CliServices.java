package dev.scope.cli.internal;

import java.util.function.Supplier;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;
import dev.scope.server.ApiServer;

/**
 * The services the commands use. Media and the server are looked up only by the commands that need
 * them, so the others work even when video support cannot start, and never load the server.
 */
record CliServices(PipelineRegistry registry, Engine engine, PluginManager plugins, Supplier<MediaService> media,
        Supplier<ApiServer> server) {
}
