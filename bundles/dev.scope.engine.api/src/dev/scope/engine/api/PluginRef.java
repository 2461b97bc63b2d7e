package dev.scope.engine.api;

/**
 * The bundle that provides a pipeline.
 *
 * @param name the plugin name: the bundle's symbolic name
 * @param version the bundle version
 * @param location the bundle's install location
 * @param bundleId the framework's bundle id
 * @param bundled whether it ships with the product (manifest header {@code Scope-Bundled: true})
 *        rather than being installed as a plugin
 */
public record PluginRef(String name, String version, String location, long bundleId, boolean bundled) {

    /** The manifest header that marks a bundle shipped with the product. */
    public static final String BUNDLED_HEADER = "Scope-Bundled";
}
