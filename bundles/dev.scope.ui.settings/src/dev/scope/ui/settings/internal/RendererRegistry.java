package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;

/** The {@link FieldRendererRegistry} service: every {@link FieldRenderer} service, bound dynamically. */
@Component(service = FieldRendererRegistry.class)
public final class RendererRegistry implements FieldRendererRegistry {

    private static final System.Logger LOG = System.getLogger(RendererRegistry.class.getName());

    /** A renderer with the service properties that break ties. */
    private record Entry(FieldRenderer renderer, int ranking, long id) {
    }

    private record Ranked(Entry entry, int rank) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingInt(Ranked::rank).reversed()
            .thenComparing(Comparator.comparingInt((Ranked r) -> r.entry().ranking()).reversed())
            .thenComparingLong(r -> r.entry().id());

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRenderer(FieldRenderer renderer, Map<String, Object> properties) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        long id = properties.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE;
        entries.add(new Entry(renderer, ranking, id));
        changed();
    }

    void removeRenderer(FieldRenderer renderer) {
        entries.removeIf(e -> e.renderer() == renderer);
        changed();
    }

    @Override
    public List<FieldRenderer> candidates(FieldContext field) {
        List<Ranked> ranked = new ArrayList<>();
        for (Entry e : entries) {
            int rank = rank(e.renderer(), field);
            if (rank >= 0) {
                ranked.add(new Ranked(e, rank));
            }
        }
        ranked.sort(BEST_FIRST);
        return ranked.stream().map(r -> r.entry().renderer()).toList();
    }

    private static int rank(FieldRenderer renderer, FieldContext field) {
        try {
            return renderer.rank(field);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "renderer " + renderer.getClass().getName() + " failed to rank field "
                    + field.key() + " of " + field.pipelineId() + "; left out for it", e);
            return FieldRenderer.NOT_APPLICABLE;
        }
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a renderer registry listener failed", e);
            }
        }
    }
}
