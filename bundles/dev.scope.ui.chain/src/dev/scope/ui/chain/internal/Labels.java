package dev.scope.ui.chain.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageStatus;

/**
 * How pipelines and stages read in the chain editor: "name (id)", marked with a warning sign when
 * the pipeline's {@code estimated_vram_gb} exceeds the device's memory, "- unavailable" when its
 * schema is degraded, "(missing)" when no bundle publishes it any more; a stage's state from the
 * running session.
 *
 * @param registry the pipelines
 * @param vram the VRAM warning of a pipeline ({@code Engine.vramWarning})
 */
record Labels(PipelineRegistry registry, Function<PipelineInfo, Optional<String>> vram) {

    /** The mark of a pipeline that may not fit into the device's memory. */
    static final String WARNING = "\u26a0 ";

    /** @return how a pipeline reads in a selector */
    String label(PipelineInfo p) {
        return (vram.apply(p).isPresent() ? WARNING : "") + p.name() + " (" + p.id() + ")"
                + (p.available() ? "" : " - unavailable");
    }

    /** @return why the pipeline is marked, or null */
    String reason(PipelineInfo p) {
        if (!p.available()) {
            return "'" + p.id() + "' cannot be loaded: " + p.schemaError();
        }
        return vram.apply(p).orElse(null);
    }

    /** @return how a stage of the chain reads: its pipeline's label, or the id marked missing */
    String stage(String id) {
        return registry.find(id).map(this::label).orElse(id + " (missing)");
    }

    /** @return the choices for a role */
    List<StageList.Choice> choices(Role role) {
        return role.choices(registry.pipelines()).stream()
                .map(p -> new StageList.Choice(p.id(), label(p), reason(p)))
                .toList();
    }

    /**
     * @param id the stage's pipeline
     * @param status its status in the running session, or null (stopped, or a change under way)
     * @param bypass whether it is bypassed on request
     * @param loading whether a change that loads it is under way
     * @return the row
     */
    StageList.Shown shown(String id, StageStatus status, boolean bypass, boolean loading) {
        Optional<PipelineInfo> p = registry.find(id);
        String state;
        String tooltip = p.map(this::reason).orElse("'" + id + "' is not installed: no plugin publishes it now");
        if (loading) {
            state = "Loading ...";
        } else if (p.isEmpty()) {
            state = "Missing";
        } else if (status != null && status.state() == StageStatus.State.FAILED) {
            state = "Failed: " + status.reason();
            tooltip = id + " failed and is bypassed: " + status.reason();
        } else if (bypass) {
            state = "Bypassed";
        } else {
            state = status != null ? "Running (" + status.backend() + ")" : "Ready";
        }
        return new StageList.Shown(stage(id), state, tooltip);
    }
}
