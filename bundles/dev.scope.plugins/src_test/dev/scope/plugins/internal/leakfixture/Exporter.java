package dev.scope.plugins.internal.leakfixture;

/** A class a test plugin exports, so that another bundle can wire to the plugin's package. */
public final class Exporter {
    private Exporter() {
    }
}
