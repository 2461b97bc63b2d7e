package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.PipelineFactory;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The factories dev.scope.pipelines.basic and this bundle publish: every built-in pipeline, where
 * it can run, and configs without a {@code backend} parameter (the engine places stages).
 */
class FactoriesTest {

    private static final Set<Backend> BOTH = Set.of(Backend.JAVA, Backend.OPENCL);

    /** @return the published factories by pipeline id */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, PipelineFactory<BasePipelineConfig>> factories() throws InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(FactoriesTest.class).getBundleContext();
        Map<String, PipelineFactory<BasePipelineConfig>> byId = new TreeMap<>();
        for (ServiceReference<PipelineFactory> r : context.getServiceReferences(PipelineFactory.class, null)) {
            PipelineFactory<BasePipelineConfig> factory = context.getService(r);
            byId.put(factory.configClass().getAnnotation(PipelineConfig.class).id(), factory);
        }
        return byId;
    }

    static PipelineFactory<BasePipelineConfig> factory(String id) throws InvalidSyntaxException {
        PipelineFactory<BasePipelineConfig> f = factories().get(id);
        assertNotNull(f, "no factory of " + id);
        return f;
    }

    @Test
    void everyBuiltInIsPublishedWithTheBackendsItHas() throws Exception {
        Map<String, Set<Backend>> backends = new TreeMap<>();
        factories().forEach((id, f) -> backends.put(id, f.backends()));
        assertEquals(Map.of("passthrough", Set.of(Backend.JAVA), "gray", BOTH, "blur", BOTH, "color-grade", BOTH,
                "kaleidoscope", BOTH, "edges", BOTH, "interpolate", BOTH), backends);
    }

    @Test
    void noConfigHasABackendParameter() throws Exception {
        for (PipelineFactory<BasePipelineConfig> f : factories().values()) {
            Class<?> config = f.configClass();
            assertTrue(Arrays.stream(config.getFields()).map(Field::getName).noneMatch(n -> n.equals("backend")),
                    config.getSimpleName() + " has a backend field");
            try (Pipeline<BasePipelineConfig> p = f.create(f.configClass().getConstructor().newInstance())) {
                assertNotNull(p, config.getSimpleName());
            }
        }
    }
}
