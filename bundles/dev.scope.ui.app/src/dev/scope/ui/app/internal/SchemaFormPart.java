package dev.scope.ui.app.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageSpec;
import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.StageSettings;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * A view rendering the running chain's settings from the pipelines' schemas alone, through a
 * {@link SettingsForm} of one category: one section per stage, re-rendered when the chain, the
 * stream's state or the installed pipelines change. A change goes to the stream controller at
 * once and applies at the next frame; a value the engine refuses is said in the status line.
 */
abstract class SchemaFormPart {

    @Inject
    private StreamController controller;
    @Inject
    private PipelineRegistry registry;
    @Inject
    private FieldRendererRegistry renderers;
    @Inject
    private IEventBroker broker;
    @Inject
    private UISynchronize sync;

    private SettingsForm form;
    private final StreamListener onState = s -> sync.asyncExec(() -> show(s));
    private final Runnable onPipelines = () -> sync.asyncExec(() -> show(controller.state()));

    /** @return the form's category, {@link SettingsForm#CONFIGURATION} or {@link SettingsForm#INPUT} */
    abstract String category();

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        form = new SettingsForm(parent, renderers, category());
        form.control().setData("test.id", "settings." + category());
        form.addChangeListener(this::changed);
        controller.addListener(onState);
        registry.addListener(onPipelines);
        show(controller.state());
    }

    private void changed(int stage, String key, Object value) {
        try {
            controller.setParams(stage, Map.of(key, value));
        } catch (IllegalArgumentException | IllegalStateException e) {
            broker.post(StatusTopics.ERROR, e.getMessage());
        }
    }

    private void show(StreamState state) {
        if (form == null || form.control().isDisposed()) {
            return;
        }
        ChainSpec chain = state.chain();
        List<StageSettings> stages = new ArrayList<>();
        String mode = "video";
        if (chain != null) {
            // a chain names its mode only when one was chosen; else the main pipeline's default
            mode = chain.mode() != null ? chain.mode()
                    : registry.find(chain.main().pipelineId()).map(PipelineInfo::defaultMode).orElse(mode);
            int mainAt = chain.pre().size();
            List<StageSpec> specs = chain.stages();
            for (int i = 0; i < specs.size(); i++) {
                StageSpec spec = specs.get(i);
                Map<String, Object> schema = registry.find(spec.pipelineId()).map(PipelineInfo::schema)
                        .orElse(Map.of("id", spec.pipelineId()));
                String role = i < mainAt ? "preprocessor" : i == mainAt ? "main" : "postprocessor";
                Object name = schema.getOrDefault("name", spec.pipelineId());
                stages.add(new StageSettings(name + " (" + role + ")", spec.pipelineId(), schema, spec.params(),
                        state.status() == StreamStatus.STARTING));
            }
        }
        boolean streaming = state.status() == StreamStatus.STREAMING || state.status() == StreamStatus.PAUSED;
        form.show(stages, mode, streaming);
    }

    @Focus
    void focus() {
        form.control().setFocus();
    }

    @PreDestroy
    void dispose() {
        controller.removeListener(onState);
        registry.removeListener(onPipelines);
    }
}
