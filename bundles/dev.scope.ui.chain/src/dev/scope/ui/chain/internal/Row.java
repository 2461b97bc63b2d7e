package dev.scope.ui.chain.internal;

import dev.scope.engine.api.StageSpec;

/**
 * One pre- or postprocessor as a list shows it.
 *
 * @param spec the stage with its values
 * @param bypass whether it is bypassed
 */
record Row(StageSpec spec, boolean bypass) {
}
