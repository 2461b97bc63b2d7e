package dev.scope.engine.api;

/**
 * A plugin bundle that provides no pipeline because it failed: Scope's {@code failed_plugins}
 * entry.
 *
 * @param name the bundle's symbolic name
 * @param version the bundle version
 * @param location the bundle's install location
 * @param errorType the kind of failure: the exception's simple class name, or
 *        {@code "UnresolvedRequirement"} for a bundle that cannot resolve
 * @param errorMessage what went wrong, one line
 */
public record FailedPlugin(String name, String version, String location, String errorType,
        String errorMessage) {
}
