package dev.scope.cli.internal;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

/** The services the commands use. */
record CliServices(PipelineRegistry registry, Engine engine, PluginManager plugins) {
}
